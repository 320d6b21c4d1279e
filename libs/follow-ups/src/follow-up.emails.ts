import { DEFAULT_LOCALE, type Locale, translator, type Translator } from '@app/i18n';
import { escapeHtml, isolate } from '@app/platform';

export interface ReminderFacts {
  followUpId: string;
  title: string;
  note: string | null;
  /** The state's name in the recipient's language. */
  stateName: string;
  remindAt: Date;
  assigneeName: string;
  link: string;
}

/** "2027-02-01 09:00 UTC" in English, as always; in the other languages their date, and the time in UTC. */
const when = (tr: Translator, d: Date) =>
  tr.locale === DEFAULT_LOCALE ? `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC` : tr.instant(d.toISOString());

/** The root element's attributes: none in English, as before; the language (and Arabic's direction) otherwise. */
function rootAttributes(tr: Translator): string {
  if (tr.locale === DEFAULT_LOCALE) return '';
  return tr.dir === 'rtl' ? ` dir="rtl" lang="${tr.locale}"` : ` lang="${tr.locale}"`;
}

function layout(tr: Translator, heading: string, rows: [string, string][], link: string, footer: string): string {
  // The label column is on the side text starts: its gap faces the value.
  const gap = tr.dir === 'rtl' ? '4px 0 4px 12px' : '4px 12px 4px 0';
  const cells = rows
    .map(
      ([k, v]) =>
        `<tr><td style="padding:${gap};color:#555">${escapeHtml(k)}</td><td style="padding:4px 0">${escapeHtml(v)}</td></tr>`,
    )
    .join('');
  return `<!doctype html><html${rootAttributes(tr)}><body style="font-family:Arial,Helvetica,sans-serif;color:#222;font-size:15px">
<h2 style="font-size:18px;margin:0 0 12px">${escapeHtml(heading)}</h2>
<table style="border-collapse:collapse">${cells}</table>
<p style="margin:16px 0"><a href="${escapeHtml(link)}" style="color:#0b57d0">${escapeHtml(tr.t('emails.openFollowUp'))}</a></p>
<p style="color:#777;font-size:12px">${escapeHtml(footer)}</p></body></html>`;
}

function text(tr: Translator, subject: string, rows: [string, string][], link: string, footer: string): string {
  const lines = rows.map(([label, value]) => tr.t('emails.row', { label, value }));
  return [subject, '', ...lines, '', tr.t('emails.openIt', { link }), '', footer].join('\n');
}

/** The facts with what users typed (title, note, names) isolated: see isolate. */
function isolated(f: ReminderFacts): ReminderFacts {
  return {
    ...f,
    title: isolate(f.title),
    note: f.note === null ? null : isolate(f.note),
    stateName: isolate(f.stateName),
    assigneeName: isolate(f.assigneeName),
  };
}

/** The reminder to the assignee, in the assignee's language. */
export function reminderEmail(facts: ReminderFacts, locale: Locale = DEFAULT_LOCALE) {
  const tr = translator(locale);
  const f = isolated(facts);
  const subject = tr.t('emails.reminder.subject', { title: f.title, state: f.stateName });
  const rows: [string, string][] = [
    [tr.t('emails.label.state'), f.stateName],
    [tr.t('emails.label.followUp'), f.title],
    [tr.t('emails.label.due'), when(tr, f.remindAt)],
    ...(f.note ? ([[tr.t('emails.label.note'), f.note]] as [string, string][]) : []),
  ];
  const footer = tr.t('emails.reminder.footer');
  const heading = tr.t('emails.reminder.heading', { state: f.stateName });
  return { subject, html: layout(tr, heading, rows, f.link, footer), text: text(tr, subject, rows, f.link, footer) };
}

/** The escalation to one regional officer (or administrator), in that person's language. */
export function escalationEmail(facts: ReminderFacts, days: number, locale: Locale = DEFAULT_LOCALE) {
  const tr = translator(locale);
  const f = isolated(facts);
  const subject = tr.t('emails.escalation.subject', { title: f.title, state: f.stateName });
  const rows: [string, string][] = [
    [tr.t('emails.label.state'), f.stateName],
    [tr.t('emails.label.followUp'), f.title],
    [tr.t('emails.label.assignedTo'), f.assigneeName],
    [tr.t('emails.label.wasDue'), when(tr, f.remindAt)],
    ...(f.note ? ([[tr.t('emails.label.note'), f.note]] as [string, string][]) : []),
  ];
  const footer = tr.t('emails.escalation.footer', { days, state: f.stateName });
  const heading = tr.t('emails.escalation.heading', { state: f.stateName });
  return { subject, html: layout(tr, heading, rows, f.link, footer), text: text(tr, subject, rows, f.link, footer) };
}
