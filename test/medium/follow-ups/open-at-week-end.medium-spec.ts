import { DataSource } from 'typeorm';
import { REGIONS } from '@app/accounts';
import { DIGEST_SQL } from '../../support/digest-statement';
import { FollowUpStatsRepository, FollowUpStatsService } from '@app/follow-ups';
import { makeFollowUp } from '../../factories';
import { openTestDatabase } from '../../support/medium';

/** What DIGEST_SQL (the digest's own statement, before it asks follow-ups) says about the follow-ups of a week. */
async function digestFollowUps(db: DataSource, weekEndsAt: Date, nextWeekEndsAt: Date): Promise<unknown> {
  const [{ body }]: { body: string }[] = await db.query(DIGEST_SQL, [
    '2020-06-01',
    '2020-06-07',
    '2020-06-07',
    new Date(weekEndsAt.getTime() - 7 * 86_400_000),
    weekEndsAt,
    nextWeekEndsAt,
    ['2020-06-07'],
    [...REGIONS],
  ]);
  return (JSON.parse(body) as { followUps: unknown }).followUps;
}

describe('FollowUpStatsService.openAtWeekEnd (for the weekly digest)', () => {
  let db: DataSource;
  let stats: FollowUpStatsService;
  beforeAll(async () => {
    db = await openTestDatabase();
    stats = new FollowUpStatsService(new FollowUpStatsRepository(db));
  });
  afterAll(() => db.destroy());

  it("gives the digest's figures: open at the week's end (closed since included), due next week, overdue", async () => {
    const weekEndsAt = new Date('2020-06-07T22:00:00Z');
    const nextWeekEndsAt = new Date('2020-06-14T22:00:00Z');
    const createdAt = new Date('2020-05-20T10:00:00Z');
    const day = (d: number) => new Date(Date.UTC(2020, 5, d, 9));
    const fu = (stateCode: string, remindAt: Date, over: Parameters<typeof makeFollowUp>[1] = {}) =>
      makeFollowUp(db, { stateCode, remindAt, createdAt, ...over });
    await fu('KEN', day(3)); // overdue
    await fu('KEN', day(10)); // due next week
    await fu('UGA', day(20)); // later
    await fu('KEN', day(9), { status: 'done', closedAt: new Date('2020-06-09T12:00:00Z') }); // closed after the week
    await fu('KEN', day(9), { status: 'done', closedAt: new Date('2020-06-05T12:00:00Z') }); // closed before its end
    await fu('KEN', day(9), { createdAt: new Date('2020-06-08T12:00:00Z') }); // created after it
    await fu('FRA', day(1), { status: 'cancelled', closedAt: new Date('2021-01-01T00:00:00Z') }); // overdue then

    const mine = await db.transaction('REPEATABLE READ', (m) =>
      stats.openAtWeekEnd(m, { weekEndsAt, nextWeekEndsAt, regions: REGIONS }),
    );
    expect(mine).toEqual(await digestFollowUps(db, weekEndsAt, nextWeekEndsAt));
    expect(mine.map((r) => r.region)).toEqual([...REGIONS]);
    expect(mine.find((r) => r.region === 'africa')).toEqual({ region: 'africa', open: 4, dueNextWeek: 2, overdue: 1 });
    expect(mine.find((r) => r.region === 'europe')).toEqual({ region: 'europe', open: 1, dueNextWeek: 0, overdue: 1 });
    expect(mine.find((r) => r.region === 'mena')).toEqual({ region: 'mena', open: 0, dueNextWeek: 0, overdue: 0 });
  });

  it('counts as overdue, for the week in progress, only what is due before now: not what falls due later that week', async () => {
    const now = new Date();
    const weekEndsAt = new Date(now.getTime() + 3 * 86_400_000);
    const nextWeekEndsAt = new Date(weekEndsAt.getTime() + 7 * 86_400_000);
    const createdAt = new Date(now.getTime() - 7 * 86_400_000);
    await makeFollowUp(db, { stateCode: 'JPN', remindAt: new Date(now.getTime() - 3_600_000), createdAt });
    await makeFollowUp(db, { stateCode: 'JPN', remindAt: new Date(now.getTime() + 3_600_000), createdAt });
    await makeFollowUp(db, { stateCode: 'JPN', remindAt: new Date(weekEndsAt.getTime() + 3_600_000), createdAt });
    const figures = await stats.openAtWeekEnd(db, { weekEndsAt, nextWeekEndsAt, regions: REGIONS, now });
    expect(figures.find((r) => r.region === 'asia-pacific')).toEqual({
      region: 'asia-pacific',
      open: 3,
      dueNextWeek: 1,
      overdue: 1,
    });
    // The same count as the dashboards give for now, from the one definition.
    const counts = await stats.counts({ stateCode: 'JPN' }, now);
    expect(counts).toMatchObject({ open: 3, overdue: 1 });
  });

  it('takes the instants as text too, as the digest passes them', async () => {
    const q = { weekEndsAt: '2020-06-07T22:00:00.000Z', nextWeekEndsAt: '2020-06-14T22:00:00.000Z', regions: REGIONS };
    expect(await stats.openAtWeekEnd(db, q)).toEqual(
      await stats.openAtWeekEnd(db, {
        ...q,
        weekEndsAt: new Date(q.weekEndsAt),
        nextWeekEndsAt: new Date(q.nextWeekEndsAt),
      }),
    );
  });
});
