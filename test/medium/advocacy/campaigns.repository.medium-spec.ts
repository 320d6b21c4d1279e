import { DataSource } from 'typeorm';
import { CampaignsRepository } from '@app/advocacy';
import { makeCampaign, makeUser } from '../../factories';
import { openTestDatabase } from '../../support/medium';

describe('CampaignsRepository', () => {
  let db: DataSource;
  let repo: CampaignsRepository;
  beforeAll(async () => {
    db = await openTestDatabase();
    repo = new CampaignsRepository(db);
  });
  afterAll(() => db.destroy());

  const row = (name: string, createdBy: string) => ({
    name,
    description: null,
    instrument: null,
    startsOn: '2026-01-01',
    endsOn: null,
    createdBy,
  });

  it('inserts a name once whatever its case: the second insert gives no id and no second campaign', async () => {
    const user = await makeUser(db);
    const first = await repo.insert(db, row('Universal Ratification Push', user.id));
    expect(first).toEqual(expect.any(String));
    expect(await repo.insert(db, row('UNIVERSAL ratification push', user.id))).toBeNull();
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM campaign WHERE lower(name) = $1`, [
      'universal ratification push',
    ]);
    expect(n).toBe(1);
  });

  it('shows a campaign with its states sorted, its dates and its creator', async () => {
    const user = await makeUser(db, { name: 'Jonas Berg' });
    const id = (await repo.insert(db, { ...row('Kampala in Europe', user.id), instrument: 'amendment-aggression' }))!;
    await repo.addStates(db, { campaignId: id, stateCodes: ['SWE', 'AUT', 'NOR'] });
    expect(await repo.get(db, id)).toEqual({
      id,
      name: 'Kampala in Europe',
      description: null,
      instrument: 'amendment-aggression',
      stateCodes: ['AUT', 'NOR', 'SWE'],
      startsOn: '2026-01-01',
      endsOn: null,
      goal: null,
      status: 'active',
      createdBy: { id: user.id, name: 'Jonas Berg' },
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
    });
    expect(await repo.exists(db, id)).toBe(true);
    expect(await repo.get(db, '00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await repo.exists(db, '00000000-0000-4000-8000-000000000000')).toBe(false);
  });

  it('names the codes that are not states, sorted', async () => {
    expect(await repo.unknownStates(db, ['KEN', 'ZZZ', 'FRA', 'AAA'])).toEqual(['AAA', 'ZZZ']);
    expect(await repo.unknownStates(db, ['KEN'])).toEqual([]);
  });

  it('lists by name case-insensitively, a page at a time, without losing or repeating one', async () => {
    const names = ['zeta drive', 'Alpha drive', 'beta drive', 'Gamma drive', 'delta drive'];
    for (const name of names) await makeCampaign(db, { name: `${name} (paging)` });
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 20; pages++) {
      const rows = await repo.list({ after, limit: 2 });
      seen.push(...rows.slice(0, 2).map((r) => r.view.name));
      if (rows.length <= 2) break;
      after = rows[1].sortKey;
    }
    const mine = seen.filter((n) => n.endsWith('(paging)'));
    expect(mine).toEqual(
      ['Alpha drive', 'beta drive', 'delta drive', 'Gamma drive', 'zeta drive'].map((n) => `${n} (paging)`),
    );
    expect(new Set(seen).size).toBe(seen.length);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM campaign`);
    expect(seen).toHaveLength(n);
  });
});
