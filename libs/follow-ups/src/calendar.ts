/**
 * RFC 5545 text: escaped; every line break written as `\n` (CR LF, a lone LF, and a lone CR, which a calendar also
 * reads as the end of the line, so that the rest became a property of its own); other control characters, which
 * TEXT may not hold, dropped.
 */
function text(value: string): string {
  return (
    value
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\r\n|\r|\n/g, '\\n')
      // eslint-disable-next-line no-control-regex -- finding control characters is the point
      .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '')
  );
}

function fold(line: string): string {
  const out: string[] = [];
  let rest = Buffer.from(line, 'utf8');
  while (rest.length > 75) {
    let cut = out.length === 0 ? 75 : 74;
    while (cut > 0 && (rest[cut] & 0xc0) === 0x80) cut--; // never split a UTF-8 character
    out.push(rest.subarray(0, cut).toString('utf8'));
    rest = rest.subarray(cut);
  }
  out.push(rest.toString('utf8'));
  return out.join('\r\n ');
}

const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

export interface CalendarItem {
  id: string;
  title: string;
  stateName: string;
  note: string | null;
  remindAt: Date;
  updatedAt: Date;
  link: string;
}

/** A calendar of follow-ups, each a 30-minute event at its reminder time. */
export function followUpCalendar(name: string, items: CalendarItem[], now = new Date()): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Rome Statute campaign tracker//Follow-ups//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${text(name)}`,
  ];
  for (const item of items) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${item.id}@rome-statute-tracker`,
      `DTSTAMP:${stamp(now)}`,
      `LAST-MODIFIED:${stamp(item.updatedAt)}`,
      `DTSTART:${stamp(item.remindAt)}`,
      `DTEND:${stamp(new Date(item.remindAt.getTime() + 30 * 60_000))}`,
      `SUMMARY:${text(`${item.title} (${item.stateName})`)}`,
      ...(item.note ? [`DESCRIPTION:${text(item.note)}`] : []),
      `URL:${item.link}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}
