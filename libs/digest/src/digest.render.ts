import { DEFAULT_LOCALE, type Locale } from '@app/i18n';
import type { OrganisationKind } from '@app/people';
import { isolate } from '@app/platform';
import { Eta } from 'eta';
import { DigestContent, isQuietWeek } from './digest-content';
import { ACTION_TYPE_KEYS } from '@app/advocacy';
import { EVENT_KEYS, INSTRUMENT_KEYS, TRACK_KEYS } from '@app/states';
import { DigestWords, IMPLEMENTATION_STAGE_LABELS, ORGANISATION_KIND_NAMES, STAGE_LABELS } from './digest-labels';
import { DIGEST_TEMPLATE } from './digest.template';

export interface RenderedDigest {
  subject: string;
  html: string;
  text: string;
}

interface CountRow {
  label: string;
  count: number;
}

interface FollowUpRow {
  label: string;
  open: number;
  due: number;
  overdue: number;
}

/** The digest's facts, worded once; the HTML template and the plain text both lay out exactly these. */
export interface DigestView {
  /** The reader's language: its direction, the side text starts on, the headings and column names. */
  layout: {
    lang: Locale;
    dir: 'ltr' | 'rtl';
    start: 'left' | 'right';
    end: 'left' | 'right';
    h: Record<
      | 'treatyStatus'
      | 'pendingWithdrawals'
      | 'treatyEvents'
      | 'implementation'
      | 'actions'
      | 'followUps'
      | 'insight'
      | 'chart',
      string
    >;
    col: Record<
      | 'instrument'
      | 'statesParties'
      | 'thisWeek'
      | 'state'
      | 'notified'
      | 'takesEffect'
      | 'byRegion'
      | 'byType'
      | 'topStates'
      | 'region'
      | 'open'
      | 'overdue',
      string
    >;
  };
  /** A count as the language writes it. */
  n: (n: number) => string;
  subject: string;
  title: string;
  subtitle: string;
  inProgressNote: string | null;
  /** Set when nothing happened in the week: the one line that replaces the week's sections. */
  quietLine: string | null;
  instruments: { name: string; parties: number; change: string; changeColor: string }[];
  statusChanges: string[];
  pendingWithdrawals: { state: string; instrument: string; notified: string; effective: string }[];
  noWithdrawalsLine: string;
  treatyEvents: { date: string; state: string; what: string; note: string | null }[];
  noTreatyEventsLine: string;
  implementationChanges: { date: string; state: string; what: string; note: string | null }[];
  noImplementationLine: string;
  actions: {
    summary: string;
    /** Which kinds of organisations led or joined the week's actions ("national coalitions in 12 actions, …"). */
    organisationsLine: string | null;
    byRegion: CountRow[];
    byType: CountRow[];
    topStates: CountRow[];
  };
  followUps: {
    caption: string;
    dueHeading: string;
    dueRange: string;
    rows: FollowUpRow[];
    total: FollowUpRow;
    noneLine: string;
  };
  chart: {
    bars: {
      /** Under the column: every fourth year, and the year of the last (the status date). */
      label: string;
      /** The point in words: its year, or the status date for the last. */
      when: string;
      value: number;
      height: number;
      color: string;
      title: string;
      showValue: boolean;
    }[];
    caption: string;
  };
  insight: { pledgesDue: string; pledgesKept: string; stalled: string; stalledByRegion: string[] };
  footer: string;
  link: string;
}

const CHART_HEIGHT_PX = 80;

/** One sentence for a state whose stage for an instrument changed during the week. */
function statusChangeLine(w: DigestWords, c: DigestContent['statusChanges'][number]): string {
  const subject = `${w.stateName(c.stateName, c.stateCode)} (${w.t(INSTRUMENT_KEYS[c.instrument])})`;
  if (c.to === 'party' && c.from === 'withdrawing') return w.t('digest.status.revoked', { subject });
  if (c.to === 'party') {
    return c.inForceOn
      ? w.t('digest.status.partyOn', { subject, date: w.date(c.inForceOn) })
      : w.t('digest.status.party', { subject });
  }
  if (c.to === 'withdrawing') {
    return c.withdrawalEffectiveOn
      ? w.t('digest.status.withdrawingOn', { subject, date: w.date(c.withdrawalEffectiveOn) })
      : w.t('digest.status.withdrawing', { subject });
  }
  if (c.to === 'signed') return w.t('digest.status.signed', { subject });
  if (c.to === 'withdrawn') return w.t('digest.status.withdrawn', { subject });
  if (c.to === 'deposited') {
    return c.inForceOn
      ? w.t('digest.status.depositedInForce', { subject, date: w.date(c.inForceOn) })
      : w.t('digest.status.deposited', { subject });
  }
  return w.t('digest.status.other', { subject, from: w.t(STAGE_LABELS[c.from]), to: w.t(STAGE_LABELS[c.to]) });
}

/** The digest's headings and column names in the reader's language, and the sides text starts and ends on. */
function layoutOf(w: DigestWords): DigestView['layout'] {
  const rtl = w.tr.dir === 'rtl';
  return {
    lang: w.locale,
    dir: w.tr.dir,
    start: rtl ? 'right' : 'left',
    end: rtl ? 'left' : 'right',
    h: {
      treatyStatus: w.t('digest.h.treatyStatus'),
      pendingWithdrawals: w.t('digest.h.pendingWithdrawals'),
      treatyEvents: w.t('digest.h.treatyEvents'),
      implementation: w.t('digest.h.implementation'),
      actions: w.t('digest.h.actions'),
      followUps: w.t('digest.h.followUps'),
      insight: w.t('digest.h.insight'),
      chart: w.t('digest.h.chart'),
    },
    col: {
      instrument: w.t('digest.col.instrument'),
      statesParties: w.t('digest.col.statesParties'),
      thisWeek: w.t('digest.col.thisWeek'),
      state: w.t('digest.col.state'),
      notified: w.t('digest.col.notified'),
      takesEffect: w.t('digest.col.takesEffect'),
      byRegion: w.t('digest.col.byRegion'),
      byType: w.t('digest.col.byType'),
      topStates: w.t('digest.col.topStates'),
      region: w.t('digest.col.region'),
      open: w.t('digest.col.open'),
      overdue: w.t('digest.col.overdue'),
    },
  };
}

export function digestView(c: DigestContent, publicUrl: string, locale: Locale = DEFAULT_LOCALE): DigestView {
  const w = new DigestWords(locale);
  const range = w.range(c.week.start, c.week.end);
  const quiet = isQuietWeek(c);
  const nextRange = w.range(c.nextWeek.start, c.nextWeek.end);
  const followUpRows = c.followUps.map((f) => ({
    label: w.region(f.region),
    open: f.open,
    due: f.dueNextWeek,
    overdue: f.overdue,
  }));
  const total = followUpRows.reduce(
    (t, r) => ({ ...t, open: t.open + r.open, due: t.due + r.due, overdue: t.overdue + r.overdue }),
    { label: w.t('digest.followUps.allRegions'), open: 0, due: 0, overdue: 0 },
  );
  const maxParties = Math.max(1, ...c.chart.map((p) => p.parties));
  const lastChart = c.chart.length - 1;
  const rsNow = c.instruments.find((i) => i.code === 'rome-statute');
  const statusDate = w.date(c.statusDate);
  const subtitleValues = { week: w.ltr(c.week.id), timeZone: w.ltr(c.timeZone), date: statusDate };
  return {
    layout: layoutOf(w),
    n: (n: number) => w.number(n),
    subject: w.t('digest.subject', { week: w.ltr(c.week.id), range }),
    title: w.t('digest.title', { range }),
    subtitle: rsNow
      ? w.t('digest.subtitle', { ...subtitleValues, count: rsNow.partiesAfter })
      : w.t('digest.subtitleNoStatute', subtitleValues),
    inProgressNote: c.inProgress ? w.t('digest.inProgress', { date: statusDate }) : null,
    quietLine: quiet ? w.t('digest.quiet', { range }) : null,
    instruments: c.instruments.map((i) => {
      const delta = i.partiesAfter - i.partiesBefore;
      return {
        name: w.t(INSTRUMENT_KEYS[i.code]),
        parties: i.partiesAfter,
        change: w.change(delta),
        changeColor: delta > 0 ? '#047857' : delta < 0 ? '#b91c1c' : '#6b7280',
      };
    }),
    statusChanges: c.statusChanges.map((s) => statusChangeLine(w, s)),
    pendingWithdrawals: c.pendingWithdrawals.map((p) => ({
      state: w.stateName(p.stateName, p.stateCode),
      instrument: w.t(INSTRUMENT_KEYS[p.instrument]),
      notified: w.date(p.notifiedOn),
      effective: w.date(p.effectiveOn),
    })),
    noWithdrawalsLine: w.t('digest.noWithdrawals'),
    treatyEvents: c.treatyEvents.map((e) => ({
      date: w.date(e.date),
      state: w.stateName(e.stateName, e.stateCode),
      what: w.t('digest.eventWhat', {
        event: w.t(EVENT_KEYS[e.type]),
        instrument: w.t(INSTRUMENT_KEYS[e.instrument]),
      }),
      note: e.recordedLate ? w.t('digest.recordedLate') : null,
    })),
    noTreatyEventsLine: w.t('digest.noTreatyEvents'),
    implementationChanges: c.implementationChanges.map((i) => ({
      date: w.date(i.date),
      state: w.stateName(i.stateName, i.stateCode),
      what: w.t('digest.implementationWhat', {
        track: w.t(TRACK_KEYS[i.track]),
        stage: w.t(IMPLEMENTATION_STAGE_LABELS[i.stage]),
      }),
      // The reference is typed by users: isolated (see isolate), in the text and the HTML alike.
      note:
        [i.reference && isolate(i.reference), i.recordedLate ? w.t('digest.recordedLate') : null]
          .filter((x) => x)
          .join('; ') || null,
    })),
    noImplementationLine: w.t('digest.noImplementation'),
    actions: {
      summary:
        c.actions.total === 0
          ? w.t('digest.actions.none')
          : w.t('digest.actions.summary', { actions: c.actions.total, states: c.actions.states }),
      organisationsLine: organisationsLine(w, c.organisationKinds),
      byRegion: c.actions.byRegion.map((r) => ({ label: w.region(r.region), count: r.count })),
      byType: c.actions.byType.map((t) => ({ label: w.t(ACTION_TYPE_KEYS[t.type]), count: t.count })),
      topStates: c.actions.topStates.map((s) => ({ label: w.stateName(s.stateName, s.stateCode), count: s.count })),
    },
    followUps: {
      caption: c.inProgress
        ? w.t('digest.followUps.captionInProgress', { range: nextRange })
        : w.t('digest.followUps.caption', { range: nextRange }),
      dueHeading: w.t('digest.followUps.due', { range: nextRange }),
      dueRange: nextRange,
      rows: followUpRows,
      total,
      noneLine: w.t('digest.followUps.none'),
    },
    chart: {
      bars: c.chart.map((p, i) => {
        const year = p.date.slice(0, 4);
        const label = i === lastChart || (Number(year) - 2002) % 4 === 0 ? w.shortYear(p.date) : '';
        return {
          label,
          when: i === lastChart ? w.date(p.date) : w.year(p.date),
          value: p.parties,
          height: Math.max(1, Math.round((p.parties / maxParties) * CHART_HEIGHT_PX)),
          color: i === lastChart ? '#1e3a8a' : '#60a5fa',
          title: `${w.date(p.date)}: ${w.number(p.parties)}`,
          showValue: i === 0 || i === lastChart,
        };
      }),
      caption: w.t('digest.chart.caption', { date: statusDate }),
    },
    insight: insightLines(w, c),
    footer: w.t('digest.footer'),
    link: publicUrl,
  };
}

const eta = new Eta({ autoEscape: true, useWith: false });
eta.loadTemplate('@digest', DIGEST_TEMPLATE);

export function digestHtml(view: DigestView): string {
  return eta.render('@digest', view);
}

/** Pledges and stalls in words: counts and state names only. */
function insightLines(w: DigestWords, c: DigestContent): DigestView['insight'] {
  const { pledgesDue, pledgesKept, stalled } = c.insight;
  const names = (states: string[]) => w.join(states.map((s) => w.stateName(s)));
  return {
    pledgesDue: pledgesDue.states.length
      ? w.t('digest.pledgesDueNamed', {
          quarter: w.ltr(pledgesDue.quarter),
          count: w.number(pledgesDue.count),
          states: names(pledgesDue.states),
        })
      : w.t('digest.pledgesDue', { quarter: w.ltr(pledgesDue.quarter), count: w.number(pledgesDue.count) }),
    pledgesKept: pledgesKept.states.length
      ? w.t('digest.pledgesKeptNamed', { count: w.number(pledgesKept.count), states: names(pledgesKept.states) })
      : w.t('digest.pledgesKept', { count: w.number(pledgesKept.count) }),
    stalled: w.t('digest.stalled', { count: w.number(stalled.count) }),
    stalledByRegion: stalled.byRegion.map((r) =>
      w.t('digest.stalledRegion', { region: w.region(r.region), states: names(r.states) }),
    ),
  };
}

/** The plain-text part: the same facts as the HTML, in the same order, in the same language. */
export function digestText(v: DigestView): string {
  const w = new DigestWords(v.layout.lang);
  const n = v.n;
  const heading = (text: string) => text.toLocaleUpperCase(w.tr.intlTag);
  const lines: string[] = [v.title, v.subtitle];
  if (v.inProgressNote) lines.push(v.inProgressNote);
  if (v.quietLine) lines.push('', v.quietLine);
  lines.push('', `${heading(v.layout.h.treatyStatus)} ${w.t('digest.text.treatyStatusNote')}`);
  for (const i of v.instruments) lines.push(`- ${i.name}: ${n(i.parties)} (${i.change})`);
  for (const s of v.statusChanges) lines.push(`  * ${s}`);
  lines.push('', heading(v.layout.h.pendingWithdrawals));
  if (v.pendingWithdrawals.length === 0) lines.push(v.noWithdrawalsLine);
  for (const p of v.pendingWithdrawals) lines.push(`- ${w.t('digest.text.withdrawal', { ...p })}`);
  if (!v.quietLine) {
    lines.push('', heading(v.layout.h.treatyEvents));
    if (v.treatyEvents.length === 0) lines.push(v.noTreatyEventsLine);
    for (const e of v.treatyEvents)
      lines.push(`- ${e.date}: ${w.join([e.state, e.what])}${e.note ? ` (${e.note})` : ''}`);
    lines.push('', heading(v.layout.h.implementation));
    if (v.implementationChanges.length === 0) lines.push(v.noImplementationLine);
    for (const c of v.implementationChanges)
      lines.push(`- ${c.date}: ${w.join([c.state, c.what])}${c.note ? ` (${c.note})` : ''}`);
    lines.push('', heading(v.layout.h.actions), v.actions.summary);
    if (v.actions.organisationsLine) lines.push(v.actions.organisationsLine);
    const counts = (rows: CountRow[]) => w.join(rows.map((r) => `${r.label} ${n(r.count)}`));
    if (v.actions.byType.length) {
      lines.push(w.t('digest.text.byRegion', { counts: counts(v.actions.byRegion) }));
      lines.push(w.t('digest.text.byType', { counts: counts(v.actions.byType) }));
      lines.push(w.t('digest.text.topStates', { counts: counts(v.actions.topStates) }));
    }
  }
  lines.push('', heading(v.layout.h.followUps));
  if (v.followUps.total.open === 0) lines.push(v.followUps.noneLine);
  else {
    lines.push(v.followUps.caption);
    for (const r of [...v.followUps.rows, v.followUps.total]) {
      const row = { region: r.label, open: n(r.open), due: n(r.due), overdue: n(r.overdue) };
      lines.push(`- ${w.t('digest.text.followUpRow', { ...row, range: v.followUps.dueRange })}`);
    }
  }
  lines.push('', heading(v.layout.h.insight), v.insight.pledgesDue, v.insight.pledgesKept, v.insight.stalled);
  for (const r of v.insight.stalledByRegion) lines.push(`- ${r}`);
  lines.push('', heading(v.layout.h.chart));
  lines.push(w.join(v.chart.bars.map((b) => `${b.when}: ${n(b.value)}`)));
  lines.push('', `${v.footer} ${v.link}`);
  return lines.join('\n') + '\n';
}

/** The week's digest in one language: English unless `locale` names another. */
export function renderDigest(
  content: DigestContent,
  publicUrl: string,
  locale: Locale = DEFAULT_LOCALE,
): RenderedDigest {
  const view = digestView(content, publicUrl, locale);
  return { subject: view.subject, html: digestHtml(view), text: digestText(view) };
}

/** "Organisations took part: national coalitions in 12 actions, member NGOs in 1." — kinds only, never names of people. */
function organisationsLine(w: DigestWords, kinds: DigestContent['organisationKinds']): string | null {
  if (kinds.length === 0) return null;
  const parts = kinds.map((k, i) => {
    const key = ORGANISATION_KIND_NAMES[k.kind as OrganisationKind] as string | undefined;
    const kind = key ? w.t(key) : k.kind;
    return i === 0
      ? w.t('digest.orgs.first', { kind, count: k.actions })
      : w.t('digest.orgs.next', { kind, count: w.number(k.actions) });
  });
  return w.t('digest.orgs.line', { parts: w.join(parts) });
}
