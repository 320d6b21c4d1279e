import { DataSource } from 'typeorm';
import { DIGEST_SQL, digestParams } from '../../support/digest-statement';
import { isoWeekOf, weekBounds } from '../../../libs/digest/src/digest-week';
import { TreatyNewsRepository } from '../../../libs/states/src/treaty-news.repository';
import { makeImplementationChange, makeTreatyEvent, makeUser } from '../../factories';
import { openTestDatabase } from '../../support/medium';

const TREATY_KEYS = [
  'instruments',
  'statusChanges',
  'pendingWithdrawals',
  'treatyEvents',
  'implementationChanges',
  'chart',
] as const;
const TZ = 'Europe/Amsterdam';

/** The treaty news must be, key for key and in the same order, what the digest's own statement says today. */
describe('TreatyNewsRepository.week', () => {
  let db: DataSource;
  const news = new TreatyNewsRepository();
  beforeAll(async () => {
    db = await openTestDatabase();
    const user = await makeUser(db);
    // News of the week of 2 March 2026: a deposit in it, and entries recorded then with an older date.
    await makeTreatyEvent(db, { stateCode: 'IND', type: 'signature', date: '2026-03-03', recordedBy: user.id });
    await makeTreatyEvent(db, {
      stateCode: 'IND',
      instrument: 'apic',
      type: 'signature',
      date: '2025-11-20',
      recordedBy: user.id,
      recordedAt: '2026-03-04T12:00:00Z',
    });
    await makeImplementationChange(db, { stateCode: 'KEN', stage: 'enacted', date: '2026-03-05', reference: 'Act 4' });
    await makeImplementationChange(db, {
      stateCode: 'GHA',
      track: 'crimes',
      stage: 'drafting',
      date: '2024-01-10',
      recordedBy: user.id,
      recordedAt: '2026-03-06T09:00:00Z',
    });
  });
  afterAll(() => db.destroy());

  const compare = async (day: string, today: string) => {
    const week = isoWeekOf(day);
    const bounds = weekBounds(week, TZ);
    const params = digestParams(week, bounds, today);
    const expected = await db.transaction('REPEATABLE READ', async (m) => {
      const [{ body }]: { body: string }[] = await m.query(DIGEST_SQL, params);
      return JSON.parse(body) as Record<string, unknown>;
    });
    const actual = await db.transaction('REPEATABLE READ', (m) =>
      news.week(m, {
        start: week.start,
        end: week.end,
        statusDate: params[2] as string,
        recordedFrom: bounds.startsAt,
        recordedTo: bounds.endsAt,
        chartDates: params[6] as string[],
      }),
    );
    expect(Object.keys(actual)).toEqual(TREATY_KEYS);
    expect(actual).toStrictEqual(Object.fromEntries(TREATY_KEYS.map((k) => [k, expected[k]])));
    // Same order of fields inside the entries, too.
    for (const key of TREATY_KEYS) expect(JSON.stringify(actual[key])).toBe(JSON.stringify(expected[key]));
    return actual;
  };

  it('says what the digest says of a week with deposits, late entries and implementation changes', async () => {
    const week = await compare('2026-03-04', '2026-11-30');
    expect(week.treatyEvents.map((e) => [e.stateCode, e.type, e.recordedLate])).toEqual([
      ['IND', 'signature', true],
      ['IND', 'signature', false],
    ]);
    expect(week.implementationChanges.map((c) => [c.stateCode, c.recordedLate])).toEqual([
      ['GHA', true],
      ['KEN', false],
    ]);
    expect(week.statusChanges.length).toBeGreaterThan(0);
  });

  it("says what the digest says of Burundi's withdrawal weeks and of a quiet week", async () => {
    await compare('2016-10-27', '2026-11-30');
    await compare('2017-10-27', '2026-11-30');
    const quiet = await compare('2001-08-15', '2026-11-30');
    expect(quiet.treatyEvents).toEqual([]);
  });

  it('says what the digest says of a week in progress, its status taken today', async () => {
    await compare('2026-03-04', '2026-03-04');
  });
});
