import { followUpCalendar } from './calendar';

const item = (over: { title?: string; note?: string | null; stateName?: string } = {}) => ({
  id: '6f1c1d7e-7c1b-4c1e-9a55-0f0a4c1b2d3e',
  title: over.title ?? 'Call the ministry',
  stateName: over.stateName ?? 'Kenya',
  note: over.note ?? null,
  remindAt: new Date('2027-02-01T14:30:00Z'),
  updatedAt: new Date('2027-01-01T00:00:00Z'),
  link: 'https://tracker.example.org/follow-ups#x',
});

/** The feed's lines as a calendar reads them: a CR, an LF or both end a line; a line starting with a space continues. */
const unfoldedLines = (feed: string) => feed.replace(/\r\n[ \t]/g, '').split(/\r\n|\r|\n/);

describe('followUpCalendar', () => {
  it.each([
    ['a lone CR', 'Call\rDTSTART:19700101T000000Z'],
    ['a lone LF', 'Call\nDTSTART:19700101T000000Z'],
    ['CR LF', 'Call\r\nDTSTART:19700101T000000Z'],
  ])('keeps %s in a title or note inside its property, never starting another', (_, title) => {
    const feed = followUpCalendar('Follow-ups', [item({ title, note: title })]);
    const lines = unfoldedLines(feed);
    expect(lines.filter((l) => l.startsWith('DTSTART'))).toEqual(['DTSTART:20270201T143000Z']);
    expect(lines).toContain('SUMMARY:Call\\nDTSTART:19700101T000000Z (Kenya)');
    expect(lines).toContain('DESCRIPTION:Call\\nDTSTART:19700101T000000Z');
    expect(feed.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('escapes the characters TEXT reserves and drops the control characters it may not hold', () => {
    const lines = unfoldedLines(followUpCalendar('A\u0007;B', [item({ title: 'a,b;c\\d\u0000\u001b\u007fe' })]));
    expect(lines).toContain('X-WR-CALNAME:A\\;B');
    expect(lines).toContain('SUMMARY:a\\,b\\;c\\\\de (Kenya)');
  });

  it('folds lines longer than 75 octets without splitting a character', () => {
    const feed = followUpCalendar('Follow-ups', [item({ title: 'Côte d’Ivoire '.repeat(12) })]);
    expect(feed.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    expect(unfoldedLines(feed)).toContain(`SUMMARY:${'Côte d’Ivoire '.repeat(12)} (Kenya)`);
  });
});
