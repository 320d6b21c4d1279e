import { escapeHtml, isolate } from '@app/platform';

export interface ReminderFacts {
  followUpId: string;
  title: string;
  note: string | null;
  stateName: string;
  remindAt: Date;
  assigneeName: string;
  link: string;
}

const when = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

function layout(heading: string, rows: [string, string][], link: string, footer: string): string {
  const cells = rows
    .map(
      ([k, v]) =>
        `<tr><td style="padding:4px 12px 4px 0;color:#555">${escapeHtml(k)}</td><td style="padding:4px 0">${escapeHtml(v)}</td></tr>`,
    )
    .join('');
  return `<!doctype html><html><body style="font-family:Arial,Helvetica,sans-serif;color:#222;font-size:15px">
<h2 style="font-size:18px;margin:0 0 12px">${escapeHtml(heading)}</h2>
<table style="border-collapse:collapse">${cells}</table>
<p style="margin:16px 0"><a href="${escapeHtml(link)}" style="color:#0b57d0">Open the follow-up</a></p>
<p style="color:#777;font-size:12px">${escapeHtml(footer)}</p></body></html>`;
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

export function reminderEmail(facts: ReminderFacts) {
  const f = isolated(facts);
  const subject = `Follow-up due: ${f.title} (${f.stateName})`;
  const rows: [string, string][] = [
    ['State', f.stateName],
    ['Follow-up', f.title],
    ['Due', when(f.remindAt)],
    ...(f.note ? ([['Note', f.note]] as [string, string][]) : []),
  ];
  const footer = 'You receive this because the follow-up is assigned to you in the Rome Statute campaign tracker.';
  const text = [`${subject}`, '', ...rows.map(([k, v]) => `${k}: ${v}`), '', `Open it: ${f.link}`, '', footer].join(
    '\n',
  );
  return { subject, html: layout(`A follow-up for ${f.stateName} is due`, rows, f.link, footer), text };
}

export function escalationEmail(facts: ReminderFacts, days: number) {
  const f = isolated(facts);
  const subject = `Overdue follow-up: ${f.title} (${f.stateName})`;
  const rows: [string, string][] = [
    ['State', f.stateName],
    ['Follow-up', f.title],
    ['Assigned to', f.assigneeName],
    ['Was due', when(f.remindAt)],
    ...(f.note ? ([['Note', f.note]] as [string, string][]) : []),
  ];
  const footer = `Still open ${days} day(s) after it was due. You receive this as a regional officer for ${f.stateName}.`;
  const text = [`${subject}`, '', ...rows.map(([k, v]) => `${k}: ${v}`), '', `Open it: ${f.link}`, '', footer].join(
    '\n',
  );
  return { subject, html: layout(`A follow-up for ${f.stateName} is overdue`, rows, f.link, footer), text };
}
