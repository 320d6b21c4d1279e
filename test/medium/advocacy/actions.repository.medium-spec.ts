import { DataSource } from 'typeorm';
import { ActionListQuery, ActionsRepository, ActionView } from '@app/advocacy';
import { makeAction, makeCampaign, makeUser } from '../../factories';
import { openTestDatabase } from '../../support/medium';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('ActionsRepository', () => {
  let db: DataSource;
  let repo: ActionsRepository;
  beforeAll(async () => {
    db = await openTestDatabase();
    repo = new ActionsRepository(db);
  });
  afterAll(() => db.destroy());

  const items = async (q: ActionListQuery): Promise<ActionView[]> => JSON.parse((await repo.page(q)).items);

  it('answers create, get and the list with the same JSON, to the millisecond', async () => {
    const author = await makeUser(db, { name: 'Ama Mensah' });
    const campaign = await makeCampaign(db);
    const created = await repo.insert(db, {
      stateCode: 'KEN',
      region: 'africa',
      type: 'letter-minister',
      date: '2025-03-14',
      title: 'Letter to the Attorney General',
      summary: 'Asked for the bill to be tabled.',
      target: null,
      outcome: null,
      campaignId: campaign.id,
      loggedBy: author.id,
    });
    expect(created).toEqual({
      id: expect.any(String),
      stateCode: 'KEN',
      stateName: 'Kenya',
      region: 'africa',
      type: 'letter-minister',
      date: '2025-03-14',
      title: 'Letter to the Attorney General',
      summary: 'Asked for the bill to be tabled.',
      target: null,
      outcome: null,
      campaignId: campaign.id,
      loggedBy: { id: author.id, name: 'Ama Mensah' },
      contactIds: [],
      organisationIds: [],
      createdAt: expect.stringMatching(ISO_INSTANT),
      updatedAt: expect.stringMatching(ISO_INSTANT),
    });
    expect(await repo.get(db, created.id)).toEqual(created);
    expect(await items({ loggedBy: author.id, limit: 10 })).toEqual([created]);
  });

  it('changes only the fields given, and returns the action as changed', async () => {
    const action = await makeAction(db, { title: 'Before' });
    const before = (await repo.get(db, action.id))!;
    const after = await repo.update(db, action.id, { title: 'After', outcome: null });
    expect(after).toEqual({ ...before, title: 'After', updatedAt: expect.stringMatching(ISO_INSTANT) });
    expect(await repo.get(db, action.id)).toEqual(after);
  });

  it('never shows a soft-deleted action: not in get, not locked, not listed, not changed', async () => {
    const author = await makeUser(db);
    const kept = await makeAction(db, { loggedBy: author.id });
    const gone = await makeAction(db, { loggedBy: author.id });
    await repo.softDelete(db, gone.id);
    const already = await makeAction(db, { loggedBy: author.id, deleted: true });
    for (const id of [gone.id, already.id]) {
      expect(await repo.get(db, id)).toBeNull();
      expect(await repo.lockLive(db, id)).toBeNull();
      expect(await repo.update(db, id, { title: 'Revived?' })).toBeNull();
    }
    expect((await items({ loggedBy: author.id, limit: 10 })).map((a) => a.id)).toEqual([kept.id]);
  });

  it('keeps only the filters given, each alone and together', async () => {
    const author = await makeUser(db);
    const campaign = await makeCampaign(db);
    const by = (over: Parameters<typeof makeAction>[1]) => makeAction(db, { loggedBy: author.id, ...over });
    const ken = await by({ stateCode: 'KEN', type: 'meeting', date: '2020-05-01', campaignId: campaign.id });
    const uga = await by({ stateCode: 'UGA', type: 'call', date: '2021-05-01' });
    const fra = await by({ stateCode: 'FRA', type: 'meeting', date: '2022-05-01' });
    const ids = async (q: Omit<ActionListQuery, 'loggedBy' | 'limit'>) =>
      (await items({ ...q, loggedBy: author.id, limit: 50 })).map((a) => a.id);
    expect(await ids({})).toEqual([fra.id, uga.id, ken.id]);
    expect(await ids({ stateCode: 'UGA' })).toEqual([uga.id]);
    expect(await ids({ region: 'africa' })).toEqual([uga.id, ken.id]);
    expect(await ids({ type: 'meeting' })).toEqual([fra.id, ken.id]);
    expect(await ids({ campaignId: campaign.id })).toEqual([ken.id]);
    expect(await ids({ from: '2021-05-01' })).toEqual([fra.id, uga.id]);
    expect(await ids({ to: '2021-05-01' })).toEqual([uga.id, ken.id]);
    expect(await ids({ region: 'africa', type: 'meeting', from: '2020-01-01', to: '2020-12-31' })).toEqual([ken.id]);
    expect(await ids({ region: 'europe', type: 'call' })).toEqual([]);
  });

  it('pages newest first by (date, id) without losing or repeating an action, ties on a date included', async () => {
    const author = await makeUser(db);
    const made: string[] = [];
    for (const date of [
      '2024-01-01',
      '2024-01-02',
      '2024-01-02',
      '2024-01-02',
      '2024-01-03',
      '2024-01-03',
      '2024-01-04',
    ])
      made.push((await makeAction(db, { loggedBy: author.id, date })).id);
    const whole = (await items({ loggedBy: author.id, limit: 50 })).map((a) => a.id);
    expect([...whole].sort()).toEqual([...made].sort());

    const seen: string[] = [];
    let after: ActionListQuery['after'];
    for (let pages = 0; pages < 10; pages++) {
      const page = await repo.page({ loggedBy: author.id, limit: 2, after });
      const got: ActionView[] = JSON.parse(page.items);
      seen.push(...got.map((a) => a.id));
      if (!page.more) break;
      expect(page).toMatchObject({ lastDate: got[1].date, lastId: got[1].id });
      after = { date: page.lastDate!, id: page.lastId! };
    }
    expect(seen).toEqual(whole);
  });

  it('says no more follow on an exactly full last page, and gives an empty page as []', async () => {
    const author = await makeUser(db);
    await makeAction(db, { loggedBy: author.id });
    await makeAction(db, { loggedBy: author.id });
    expect(await repo.page({ loggedBy: author.id, limit: 2 })).toMatchObject({ more: false });
    const nobody = await makeUser(db);
    expect(await repo.page({ loggedBy: nobody.id, limit: 2 })).toEqual({
      items: '[]',
      more: false,
      lastDate: null,
      lastId: null,
    });
  });

  it("reads a state's region and whether a campaign exists in one statement; null for an unknown state", async () => {
    const campaign = await makeCampaign(db);
    expect(await repo.context(db, { stateCode: 'FRA', campaignId: null })).toEqual({
      region: 'europe',
      campaignExists: true,
    });
    expect(await repo.context(db, { stateCode: 'FRA', campaignId: campaign.id })).toMatchObject({
      campaignExists: true,
    });
    expect(
      await repo.context(db, { stateCode: 'FRA', campaignId: '00000000-0000-4000-8000-000000000000' }),
    ).toMatchObject({ campaignExists: false });
    expect(await repo.context(db, { stateCode: 'XXX', campaignId: null })).toBeNull();
  });
});
