import { DataSource } from 'typeorm';
import { AuditRepository } from '@app/audit';
import { makeUser } from '../../factories';
import { openTestDatabase } from '../../support/medium';

const ENTITY = '3f0e7a6c-0d1b-4d2a-9c55-1b0f3f7f2a11';
const OTHER = '9b1d3c1e-5a7f-4c3e-8d2b-6f4a2e1c0b9d';

describe('AuditRepository', () => {
  let db: DataSource;
  let repo: AuditRepository;
  beforeAll(async () => {
    db = await openTestDatabase();
    repo = new AuditRepository(db);
  });
  afterAll(() => db.destroy());

  const entry = (over: Partial<Parameters<AuditRepository['insert']>[1]> = {}) =>
    repo.insert(db, {
      actorId: null,
      entity: 'action',
      entityId: ENTITY,
      action: 'update',
      before: { title: 'a' },
      after: { title: 'b' },
      requestId: 'req-1',
      ...over,
    });

  it('lists an entry with its actor name, before and after as written, newest first', async () => {
    const ama = await makeUser(db, { name: 'Ama Mensah' });
    await entry({ actorId: ama.id, entityId: OTHER, action: 'create', before: null, after: { title: 'first' } });
    await entry({ actorId: ama.id, entityId: OTHER });
    const rows = await repo.list({ entityId: OTHER, limit: 10 });
    expect(rows.map((r) => [r.action, r.actor?.name, r.before, r.after])).toEqual([
      ['update', 'Ama Mensah', { title: 'a' }, { title: 'b' }],
      ['create', 'Ama Mensah', null, { title: 'first' }],
    ]);
    expect(rows[0].at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('keeps only the filters given: the system alone, an entity kind, and a day in UTC', async () => {
    const before = await repo.list({ actorId: null, limit: 200 });
    await entry({ entity: 'campaign' });
    const systemOnly = await repo.list({ actorId: null, limit: 200 });
    expect(systemOnly).toHaveLength(before.length + 1);
    expect(systemOnly.every((r) => r.actor === null)).toBe(true);
    expect((await repo.list({ entity: 'campaign', limit: 10 })).map((r) => r.entity)).toEqual(['campaign']);
    const [{ today }] = await db.query(`SELECT (max(at) AT TIME ZONE 'UTC')::date::text AS today FROM audit_entry`);
    expect(await repo.list({ entity: 'campaign', from: { date: today }, to: { date: today }, limit: 10 })).toHaveLength(
      1,
    );
    expect(await repo.list({ entity: 'campaign', to: { date: '2000-01-01' }, limit: 10 })).toHaveLength(0);
  });

  it('pages by (at, id) without losing or repeating an entry, even within one microsecond', async () => {
    const id = '0c8a9f3e-1111-4b2a-9c55-000000000001';
    // One transaction: every entry has the same now(), so only the id orders them.
    await db.transaction(async (m) => {
      for (let i = 0; i < 5; i++)
        await repo.insert(m, {
          actorId: null,
          entity: 'user',
          entityId: id,
          action: 'update',
          before: { i },
          after: { i: i + 1 },
          requestId: null,
        });
    });
    const seen: number[] = [];
    let after: { at: string; id: string } | undefined;
    for (;;) {
      const rows = await repo.list({ entityId: id, limit: 2, after });
      seen.push(...rows.slice(0, 2).map((r) => (r.before as { i: number }).i));
      if (rows.length <= 2) break;
      after = { at: rows[1].atKey, id: rows[1].id };
    }
    expect(seen).toEqual([4, 3, 2, 1, 0]);
  });
});
