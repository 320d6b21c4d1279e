import { DataSource } from 'typeorm';
import { REGIONS } from '@app/accounts';
import { ActionStatsRepository, ActionStatsService } from '@app/advocacy';
import { DIGEST_SQL } from '../../support/digest-statement';
import { makeAction, makeOrganisation, makeUser } from '../../factories';
import { openTestDatabase } from '../../support/medium';

/** What DIGEST_SQL (the digest's own statement, before it asks advocacy) says about the week's actions. */
async function digestActions(db: DataSource, start: string, end: string): Promise<unknown> {
  const endsAt = new Date(`${end}T23:00:00Z`);
  const [{ body }]: { body: string }[] = await db.query(DIGEST_SQL, [
    start,
    end,
    end,
    new Date(`${start}T00:00:00Z`),
    endsAt,
    new Date(endsAt.getTime() + 7 * 86_400_000),
    [end],
    [...REGIONS],
  ]);
  return (JSON.parse(body) as { actions: unknown }).actions;
}

describe('ActionStatsService.weekActivity (for the weekly digest)', () => {
  let db: DataSource;
  let stats: ActionStatsService;
  beforeAll(async () => {
    db = await openTestDatabase();
    stats = new ActionStatsService(new ActionStatsRepository(db));
  });
  afterAll(() => db.destroy());

  it("gives the digest's figures for a week of actions: totals, regions in order, types, the busiest states", async () => {
    const start = '2019-03-04';
    const end = '2019-03-10';
    const author = await makeUser(db);
    const act = (stateCode: string, type: string, date: string, deleted = false) =>
      makeAction(db, { stateCode, type, date, loggedBy: author.id, deleted });
    // Six states so that one is left out of the top five; ties on a count go by name.
    for (const [code, n] of [
      ['KEN', 3],
      ['UGA', 2],
      ['FRA', 2],
      ['DEU', 1],
      ['AUT', 1],
      ['BEL', 1],
    ] as const)
      for (let i = 0; i < n; i++) await act(code, i % 2 ? 'call' : 'meeting', i % 2 ? start : end);
    await act('KEN', 'media', '2019-03-03'); // the Sunday before
    await act('KEN', 'media', '2019-03-11'); // the Monday after
    await act('UGA', 'event', '2019-03-06', true); // deleted

    const mine = await db.transaction('REPEATABLE READ', (m) =>
      stats.weekActivity(m, { start, end, regions: REGIONS }),
    );
    expect(mine).toEqual(await digestActions(db, start, end));
    expect(mine).toMatchObject({
      total: 10,
      states: 6,
      byType: [
        { type: 'meeting', count: 7 },
        { type: 'call', count: 3 },
      ],
      topStates: [
        { stateCode: 'KEN', count: 3 },
        { stateCode: 'FRA', count: 2 },
        { stateCode: 'UGA', count: 2 },
        { stateCode: 'AUT', count: 1 },
        { stateCode: 'BEL', count: 1 },
      ],
    });
    expect(mine.byRegion.map((r) => r.region)).toEqual([...REGIONS]);
    expect(mine.byRegion.find((r) => r.region === 'africa')?.count).toBe(5);
  });

  it("gives the digest's figures for a week without actions: zeros for every region, empty lists", async () => {
    const mine = await stats.weekActivity(db, { start: '1999-01-04', end: '1999-01-10', regions: REGIONS });
    expect(mine).toEqual(await digestActions(db, '1999-01-04', '1999-01-10'));
    expect(mine).toMatchObject({ total: 0, states: 0, byType: [], topStates: [] });
  });

  it("counts the week's actions by the kinds of organisations that led or joined them, each action once per kind", async () => {
    const start = '2018-05-07';
    const end = '2018-05-13';
    const author = await makeUser(db);
    const coalitionA = await makeOrganisation(db, { kind: 'national-coalition' });
    const coalitionB = await makeOrganisation(db, { kind: 'national-coalition', stateCode: 'UGA' });
    const ngo = await makeOrganisation(db, { kind: 'member-ngo' });
    const link = async (date: string, organisations: string[], deleted = false) => {
      const action = await makeAction(db, { date, loggedBy: author.id, deleted });
      for (const o of organisations)
        await db.query(`INSERT INTO action_organisation (action_id, organisation_id) VALUES ($1, $2)`, [action.id, o]);
    };
    await link(start, [coalitionA.id, coalitionB.id, ngo.id]); // two coalitions: one action for coalitions
    await link(end, [coalitionB.id]);
    await link('2018-05-09', []); // no organisation: not counted
    await link('2018-05-09', [ngo.id], true); // withdrawn
    await link('2018-05-14', [ngo.id]); // the Monday after

    expect(await stats.weekByOrganisationKind(db, { start, end })).toEqual([
      { kind: 'national-coalition', actions: 2 },
      { kind: 'member-ngo', actions: 1 },
    ]);
    expect(await stats.weekByOrganisationKind(db, { start: '1998-01-05', end: '1998-01-11' })).toEqual([]);
  });
});
