import { REGION_NAMES } from '@app/accounts';
import { ACTION_TYPE_LABELS } from '@app/advocacy';
import { ORGANISATION_KIND_PLURALS, OrganisationKind } from '@app/people';
import { EVENT_LABELS, INSTRUMENT_LABELS, TRACK_LABELS } from '@app/states';
import { isolate, plural } from '@app/platform';
import { Eta } from 'eta';
import { DigestContent, isQuietWeek } from './digest-content';
import { formatChange, formatDate, formatRange, IMPLEMENTATION_STAGE_LABELS, STAGE_LABELS } from './digest-labels';
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
function statusChangeLine(c: DigestContent['statusChanges'][number]): string {
  const subject = `${c.stateName} (${INSTRUMENT_LABELS[c.instrument]})`;
  if (c.to === 'party' && c.from === 'withdrawing') return `${subject}: withdrawal revoked; remains a party`;
  if (c.to === 'party') return `${subject}: became a party${c.inForceOn ? ` on ${formatDate(c.inForceOn)}` : ''}`;
  if (c.to === 'withdrawing') {
    const effective = c.withdrawalEffectiveOn ? `, effective ${formatDate(c.withdrawalEffectiveOn)}` : '';
    return `${subject}: notified its withdrawal${effective}`;
  }
  if (c.to === 'signed') return `${subject}: signed`;
  if (c.to === 'withdrawn') return `${subject}: withdrawal took effect; no longer a party`;
  if (c.to === 'deposited') {
    return `${subject}: instrument deposited${c.inForceOn ? `, in force from ${formatDate(c.inForceOn)}` : ''}`;
  }
  return `${subject}: ${STAGE_LABELS[c.from]} → ${STAGE_LABELS[c.to]}`;
}

export function digestView(c: DigestContent, publicUrl: string): DigestView {
  const range = formatRange(c.week.start, c.week.end);
  const quiet = isQuietWeek(c);
  const nextRange = formatRange(c.nextWeek.start, c.nextWeek.end);
  const followUpRows = c.followUps.map((f) => ({
    label: REGION_NAMES[f.region],
    open: f.open,
    due: f.dueNextWeek,
    overdue: f.overdue,
  }));
  const total = followUpRows.reduce(
    (t, r) => ({ ...t, open: t.open + r.open, due: t.due + r.due, overdue: t.overdue + r.overdue }),
    { label: 'All regions', open: 0, due: 0, overdue: 0 },
  );
  const maxParties = Math.max(1, ...c.chart.map((p) => p.parties));
  const lastChart = c.chart.length - 1;
  const rsNow = c.instruments.find((i) => i.code === 'rome-statute');
  return {
    subject: `Rome Statute campaign: week ${c.week.id} (${range})`,
    title: `Weekly status: ${range}`,
    subtitle:
      `Week ${c.week.id}, Monday to Sunday in ${c.timeZone}. ` +
      `Treaty status as of ${formatDate(c.statusDate)}` +
      (rsNow ? `: ${plural(rsNow.partiesAfter, 'state party', 'states parties')} to the Rome Statute.` : '.'),
    inProgressNote: c.inProgress
      ? `This week is still in progress: figures so far, up to ${formatDate(c.statusDate)}.`
      : null,
    quietLine: quiet
      ? `A quiet week: no treaty events, status changes, implementation changes or advocacy actions were recorded for ${range}.`
      : null,
    instruments: c.instruments.map((i) => {
      const delta = i.partiesAfter - i.partiesBefore;
      return {
        name: INSTRUMENT_LABELS[i.code],
        parties: i.partiesAfter,
        change: formatChange(delta),
        changeColor: delta > 0 ? '#047857' : delta < 0 ? '#b91c1c' : '#6b7280',
      };
    }),
    statusChanges: c.statusChanges.map(statusChangeLine),
    pendingWithdrawals: c.pendingWithdrawals.map((w) => ({
      state: w.stateName,
      instrument: INSTRUMENT_LABELS[w.instrument],
      notified: formatDate(w.notifiedOn),
      effective: formatDate(w.effectiveOn),
    })),
    noWithdrawalsLine: 'No withdrawal is pending.',
    treatyEvents: c.treatyEvents.map((e) => ({
      date: formatDate(e.date),
      state: e.stateName,
      what: `${EVENT_LABELS[e.type]}, ${INSTRUMENT_LABELS[e.instrument]}`,
      note: e.recordedLate ? 'recorded this week' : null,
    })),
    noTreatyEventsLine: 'No treaty event was recorded.',
    implementationChanges: c.implementationChanges.map((i) => ({
      date: formatDate(i.date),
      state: i.stateName,
      what: `${TRACK_LABELS[i.track]}: ${IMPLEMENTATION_STAGE_LABELS[i.stage]}`,
      // The reference is typed by users: isolated (see isolate), in the text and the HTML alike.
      note:
        [i.reference && isolate(i.reference), i.recordedLate ? 'recorded this week' : null]
          .filter((x) => x)
          .join('; ') || null,
    })),
    noImplementationLine: 'No change to implementing legislation was recorded.',
    actions: {
      summary:
        c.actions.total === 0
          ? 'No advocacy action was logged for this week.'
          : `${plural(c.actions.total, 'action')} logged for ${plural(c.actions.states, 'state')}.`,
      organisationsLine: organisationsLine(c.organisationKinds),
      byRegion: c.actions.byRegion.map((r) => ({ label: REGION_NAMES[r.region], count: r.count })),
      byType: c.actions.byType.map((t) => ({ label: ACTION_TYPE_LABELS[t.type], count: t.count })),
      topStates: c.actions.topStates.map((s) => ({ label: s.stateName, count: s.count })),
    },
    followUps: {
      caption: c.inProgress
        ? `Open now; due ${nextRange}; overdue: due before now and still open.`
        : `Open at the end of the week; due ${nextRange}; overdue: due before the week ended and still open then.`,
      dueHeading: `Due ${nextRange}`,
      dueRange: nextRange,
      rows: followUpRows,
      total,
      noneLine: 'No follow-up was open at the end of the week.',
    },
    chart: {
      bars: c.chart.map((p, i) => {
        const year = p.date.slice(0, 4);
        const label = i === lastChart || (Number(year) - 2002) % 4 === 0 ? `’${year.slice(2)}` : '';
        return {
          label,
          when: i === lastChart ? formatDate(p.date) : year,
          value: p.parties,
          height: Math.max(1, Math.round((p.parties / maxParties) * CHART_HEIGHT_PX)),
          color: i === lastChart ? '#1e3a8a' : '#60a5fa',
          title: `${formatDate(p.date)}: ${p.parties}`,
          showValue: i === 0 || i === lastChart,
        };
      }),
      caption: `States parties at the end of each year since 2002, and on ${formatDate(c.statusDate)}.`,
    },
    insight: insightLines(c),
    footer: 'The weekly status of the Rome Statute campaign tracker, sent to the steering committee.',
    link: publicUrl,
  };
}

const eta = new Eta({ autoEscape: true, useWith: false });
eta.loadTemplate('@digest', DIGEST_TEMPLATE);

export function digestHtml(view: DigestView): string {
  return eta.render('@digest', view);
}

/** The plain-text part: the same facts as the HTML, in the same order. */
/** Pledges and stalls in words: counts and state names only. */
function insightLines(c: DigestContent): DigestView['insight'] {
  const { pledgesDue, pledgesKept, stalled } = c.insight;
  const named = (states: string[]) => (states.length ? `: ${states.join(', ')}` : '');
  return {
    pledgesDue: `Pledges due this quarter (${pledgesDue.quarter}): ${pledgesDue.count}${named(pledgesDue.states)}.`,
    pledgesKept: `Pledges kept this week: ${pledgesKept.count}${named(pledgesKept.states)}.`,
    stalled: `States stalled for the Rome Statute (no move, no action lately): ${stalled.count}.`,
    stalledByRegion: stalled.byRegion.map(
      (r) => `${REGION_NAMES[r.region as keyof typeof REGION_NAMES] ?? r.region}: ${r.states.join(', ')}`,
    ),
  };
}

export function digestText(v: DigestView): string {
  const lines: string[] = [v.title, v.subtitle];
  if (v.inProgressNote) lines.push(v.inProgressNote);
  if (v.quietLine) lines.push('', v.quietLine);
  lines.push('', 'TREATY STATUS (states parties; change this week)');
  for (const i of v.instruments) lines.push(`- ${i.name}: ${i.parties} (${i.change})`);
  for (const s of v.statusChanges) lines.push(`  * ${s}`);
  lines.push('', 'PENDING WITHDRAWALS');
  if (v.pendingWithdrawals.length === 0) lines.push(v.noWithdrawalsLine);
  for (const w of v.pendingWithdrawals)
    lines.push(`- ${w.state}, ${w.instrument}: notified ${w.notified}, takes effect ${w.effective}`);
  if (!v.quietLine) {
    lines.push('', 'TREATY EVENTS');
    if (v.treatyEvents.length === 0) lines.push(v.noTreatyEventsLine);
    for (const e of v.treatyEvents) lines.push(`- ${e.date}: ${e.state}, ${e.what}${e.note ? ` (${e.note})` : ''}`);
    lines.push('', 'IMPLEMENTING LEGISLATION');
    if (v.implementationChanges.length === 0) lines.push(v.noImplementationLine);
    for (const c of v.implementationChanges)
      lines.push(`- ${c.date}: ${c.state}, ${c.what}${c.note ? ` (${c.note})` : ''}`);
    lines.push('', 'ADVOCACY ACTIONS', v.actions.summary);
    if (v.actions.organisationsLine) lines.push(v.actions.organisationsLine);
    const counts = (rows: CountRow[]) => rows.map((r) => `${r.label} ${r.count}`).join(', ');
    if (v.actions.byType.length) {
      lines.push(`By region: ${counts(v.actions.byRegion)}`);
      lines.push(`By type: ${counts(v.actions.byType)}`);
      lines.push(`Most active states: ${counts(v.actions.topStates)}`);
    }
  }
  lines.push('', 'FOLLOW-UPS');
  if (v.followUps.total.open === 0) lines.push(v.followUps.noneLine);
  else {
    lines.push(v.followUps.caption);
    for (const r of [...v.followUps.rows, v.followUps.total])
      lines.push(`- ${r.label}: ${r.open} open, ${r.due} due ${v.followUps.dueRange}, ${r.overdue} overdue`);
  }
  lines.push('', 'PLEDGES AND STALLS', v.insight.pledgesDue, v.insight.pledgesKept, v.insight.stalled);
  for (const r of v.insight.stalledByRegion) lines.push(`- ${r}`);
  lines.push('', 'STATES PARTIES TO THE ROME STATUTE OVER TIME');
  lines.push(v.chart.bars.map((b) => `${b.when}: ${b.value}`).join(', '));
  lines.push('', `${v.footer} ${v.link}`);
  return lines.join('\n') + '\n';
}

export function renderDigest(content: DigestContent, publicUrl: string): RenderedDigest {
  const view = digestView(content, publicUrl);
  return { subject: view.subject, html: digestHtml(view), text: digestText(view) };
}

/** "Organisations took part: national coalitions in 12 actions, member NGOs in 1." — kinds only, never names of people. */
function organisationsLine(kinds: DigestContent['organisationKinds']): string | null {
  if (kinds.length === 0) return null;
  const parts = kinds.map(
    (k, i) =>
      `${ORGANISATION_KIND_PLURALS[k.kind as OrganisationKind] ?? k.kind} in ${i === 0 ? plural(k.actions, 'action') : k.actions}`,
  );
  return `Organisations took part: ${parts.join(', ')}.`;
}
