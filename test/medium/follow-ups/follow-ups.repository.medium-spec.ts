import { DataSource } from 'typeorm';
import { FollowUpListQuery, FollowUpsRepository } from '@app/follow-ups';
import { MadeFollowUp, makeAction, makeFollowUp, makeUser } from '../../factories';
import { openTestDatabase } from '../../support/medium';

describe('FollowUpsRepository', () => {
  let db: DataSource;
  let repo: FollowUpsRepository;
  beforeAll(async () => {
    db = await openTestDatabase();
    repo = new FollowUpsRepository(db);
  });
  afterAll(() => db.destroy());

  it("reads the state's region and the named action's state through the published views; null for no state", async () => {
    const action = await makeAction(db, { stateCode: 'UGA' });
    const deleted = await makeAction(db, { stateCode: 'UGA', deleted: true });
    expect(await repo.context(db, { stateCode: 'KEN' })).toEqual({
      stateCode: 'KEN',
      region: 'africa',
      actionStateCode: null,
    });
    expect(await repo.context(db, { stateCode: 'KEN', actionId: action.id })).toMatchObject({ actionStateCode: 'UGA' });
    expect(await repo.context(db, { stateCode: 'KEN', actionId: deleted.id })).toMatchObject({ actionStateCode: null });
    expect(await repo.context(db, { stateCode: 'XXX', actionId: action.id })).toBeNull();
  });

  it('shows a follow-up with its state, assignee and creator, instants in ISO 8601 with milliseconds', async () => {
    const assignee = await makeUser(db, { name: 'Ama Mensah' });
    const creator = await makeUser(db, { name: 'Jonas Berg' });
    const f = await makeFollowUp(db, {
      stateCode: 'FRA',
      assigneeId: assignee.id,
      createdBy: creator.id,
      remindAt: new Date('2031-02-03T04:05:06.789Z'),
    });
    expect(await repo.view(db, f.id)).toEqual({
      id: f.id,
      stateCode: 'FRA',
      stateName: 'France',
      region: 'europe',
      actionId: null,
      title: f.title,
      note: null,
      remindAt: '2031-02-03T04:05:06.789Z',
      assigneeId: assignee.id,
      assignee: { id: assignee.id, name: 'Ama Mensah' },
      createdBy: { id: creator.id, name: 'Jonas Berg' },
      status: 'open',
      closedAt: null,
      reminderSentFor: null,
      escalatedFor: null,
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
    });
  });

  it('lists soonest first with only the filters given, a page at a time without loss or repeat', async () => {
    const who = await makeUser(db);
    const at = (day: number) => new Date(Date.UTC(2032, 0, day, 9));
    const made: MadeFollowUp[] = [];
    for (const [day, stateCode, status] of [
      [3, 'KEN', 'open'],
      [1, 'UGA', 'open'],
      [2, 'FRA', 'done'],
      [2, 'KEN', 'open'],
      [5, 'KEN', 'open'],
    ] as const)
      made.push(await makeFollowUp(db, { assigneeId: who.id, remindAt: at(day), stateCode, status }));
    const ids = async (q: Omit<FollowUpListQuery, 'assigneeId' | 'limit'>) =>
      (await repo.list({ ...q, assigneeId: who.id, limit: 50 })).map((r) => r.view.title);
    const title = (i: number) => made[i].title;
    // Two on the same day go by id.
    const sameDay = [made[2], made[3]].sort((a, b) => (a.id < b.id ? -1 : 1)).map((f) => f.title);
    expect(await ids({})).toEqual([title(1), ...sameDay, title(0), title(4)]);
    expect(await ids({ status: 'open', stateCode: 'KEN' })).toEqual([3, 0, 4].map(title));
    expect(await ids({ region: 'europe' })).toEqual([title(2)]);
    expect(await ids({ dueBefore: at(3) })).toEqual(expect.arrayContaining([1, 2, 3].map(title)));
    expect(await ids({ dueBefore: at(3) })).toHaveLength(3);

    const seen: string[] = [];
    let after: FollowUpListQuery['after'];
    for (let pages = 0; pages < 10; pages++) {
      const rows = await repo.list({ assigneeId: who.id, limit: 2, after });
      seen.push(...rows.slice(0, 2).map((r) => r.view.title));
      if (rows.length <= 2) break;
      after = { at: rows[1].at, id: rows[1].view.id };
    }
    expect(seen).toEqual(await ids({}));
    expect(new Set(seen).size).toBe(5);
  });

  it('composes each reminder once: a reminded follow-up is no longer due, until it is moved', async () => {
    const f = await makeFollowUp(db, { remindAt: new Date(Date.now() - 60_000) });
    const due = async () => (await repo.dueReminders({ composeAheadSeconds: 120, limit: 5000 })).map((r) => r.id);
    expect(await due()).toContain(f.id);
    await repo.markReminded(db, f.id, 'emailed');
    await repo.markReminded(db, f.id, 'emailed');
    expect(await due()).not.toContain(f.id);
    await repo.update(db, f.id, { remindAt: new Date(Date.now() - 30_000) });
    expect(await due()).toContain(f.id);
  });
});
