import { ADMIN } from './support/test-env';
import { signUp, startApi, TestApi, TestResponse } from './support/api';

const inDays = (d: number) => new Date(Date.now() + d * 86400_000).toISOString();
const today = () => new Date().toISOString().slice(0, 10);
const yesterday = () => new Date(Date.now() - 86400_000).toISOString().slice(0, 10);

describe('the audit trail', () => {
  let api: TestApi;
  let admin: { id: string; name: string };
  beforeAll(async () => {
    api = await startApi();
    const me = (await api.request('GET', '/api/me')).body;
    admin = { id: me.id, name: me.name };
  });
  afterAll(async () => {
    await api.close();
  });

  const auditCount = async () => Number((await api.db.query('SELECT count(*) FROM audit_entry')).rows[0].count);

  /** The entries of one entity, newest first, as the api lists them. */
  const entriesOf = async (entity: string, id: string) => {
    const res = await api.request('GET', `/api/audit?entity=${entity}&id=${id}`);
    expect(res.status).toBe(200);
    return res.body.items as any[];
  };

  /** The id the api gave the request: the x-request-id header, which error bodies repeat. */
  const requestIdOf = (res: TestResponse) => {
    const id = res.headers.get('x-request-id');
    expect(id).toEqual(expect.any(String));
    return id!;
  };

  const expectOk = (res: TestResponse, status: number) =>
    expect({ status: res.status, body: res.body }).toMatchObject({ status });

  describe('an entry for every kind of change, with the values before and after and the request id', () => {
    it('recording a treaty event', async () => {
      await api.db.query(`DELETE FROM treaty_event WHERE state_code = 'BOL' AND instrument = 'amendment-art8-2019'`);
      const res = await api.request('POST', '/api/states/BOL/events', {
        body: { instrument: 'amendment-art8-2019', type: 'ratification', date: '2025-05-05', source: 'C.N.1.2025' },
      });
      expectOk(res, 201);
      const [entry, ...rest] = await entriesOf('treaty-event', res.body.id);
      expect(rest).toEqual([]);
      expect(entry).toEqual({
        id: expect.any(String),
        at: expect.any(String),
        actor: admin,
        entity: 'treaty-event',
        entityId: res.body.id,
        action: 'create',
        before: null,
        after: res.body,
        requestId: requestIdOf(res),
      });
      expect(entry.after).toMatchObject({ stateCode: 'BOL', type: 'ratification', source: 'C.N.1.2025' });
    });

    it('recording an implementation stage', async () => {
      const res = await api.request('PUT', '/api/states/BOL/implementation/crimes', {
        body: { stage: 'before-parliament', reference: 'Bill 12/2025' },
      });
      expectOk(res, 200);
      const entries = await entriesOf('implementation', res.body.id);
      expect(entries).toEqual([
        expect.objectContaining({ action: 'create', before: null, after: res.body, requestId: requestIdOf(res) }),
      ]);
      expect(entries[0].after).toMatchObject({ stateCode: 'BOL', track: 'crimes', stage: 'before-parliament' });
    });

    it('logging, changing and deleting an action', async () => {
      const created = await api.request('POST', '/api/actions', {
        body: { stateCode: 'KEN', type: 'meeting', date: '2025-03-14', title: 'Meeting', outcome: 'Promised a bill' },
      });
      expectOk(created, 201);
      const id = created.body.id;
      const changed = await api.request('PATCH', `/api/actions/${id}`, {
        body: { title: 'Meeting with the Attorney General', outcome: null },
      });
      expectOk(changed, 200);
      const deleted = await api.request('DELETE', `/api/actions/${id}`);
      expectOk(deleted, 204);

      const [del, upd, cre] = await entriesOf('action', id);
      expect(cre).toMatchObject({ action: 'create', before: null, after: created.body });
      expect(cre.requestId).toBe(requestIdOf(created));
      expect(upd).toMatchObject({ action: 'update', before: created.body, after: changed.body });
      expect(upd.before).toMatchObject({ title: 'Meeting', outcome: 'Promised a bill' });
      expect(upd.after).toMatchObject({ title: 'Meeting with the Attorney General', outcome: null });
      expect(upd.requestId).toBe(requestIdOf(changed));
      expect(del).toMatchObject({ action: 'delete', before: changed.body, after: null, actor: admin });
      expect(del.requestId).toBe(requestIdOf(deleted));
      expect(new Set([cre.requestId, upd.requestId, del.requestId]).size).toBe(3);
    });

    it('logging an action with its follow-up: two entries, one request', async () => {
      const res = await api.request('POST', '/api/actions', {
        body: {
          stateCode: 'KEN',
          type: 'call',
          date: '2025-03-15',
          title: 'Call',
          followUp: { remindAt: inDays(5), title: 'Call back' },
        },
      });
      expectOk(res, 201);
      const { followUp, ...action } = res.body;
      const [actionEntry] = await entriesOf('action', action.id);
      const [followUpEntry] = await entriesOf('follow-up', followUp.id);
      expect(actionEntry).toMatchObject({ action: 'create', after: action, requestId: requestIdOf(res) });
      expect(followUpEntry).toMatchObject({ action: 'create', after: followUp, requestId: requestIdOf(res) });
    });

    it('setting, moving and closing a follow-up', async () => {
      const created = await api.request('POST', '/api/follow-ups', {
        body: { stateCode: 'PER', title: 'Call the ministry', remindAt: inDays(3) },
      });
      expectOk(created, 201);
      const moved = await api.request('PATCH', `/api/follow-ups/${created.body.id}`, {
        body: { remindAt: '2027-01-15T08:00:00.000Z' },
      });
      expectOk(moved, 200);
      const closed = await api.request('PATCH', `/api/follow-ups/${created.body.id}`, { body: { status: 'done' } });
      expectOk(closed, 200);
      const [close, move, create] = await entriesOf('follow-up', created.body.id);
      expect(create).toMatchObject({ action: 'create', before: null, after: created.body });
      expect(move).toMatchObject({ action: 'update', before: created.body, after: moved.body });
      expect(move.after.remindAt).toBe('2027-01-15T08:00:00.000Z');
      expect(close).toMatchObject({ action: 'update', before: moved.body, after: closed.body });
      expect([close.before.status, close.after.status]).toEqual(['open', 'done']);
      expect([create.requestId, move.requestId, close.requestId]).toEqual(
        [created, moved, closed].map((r) => requestIdOf(r)),
      );
    });

    it('creating a campaign', async () => {
      const res = await api.request('POST', '/api/campaigns', {
        body: { name: 'Universality 2026', stateCodes: ['ind', 'CHN'], instrument: 'rome-statute' },
      });
      expectOk(res, 201);
      expect(await entriesOf('campaign', res.body.id)).toEqual([
        expect.objectContaining({ action: 'create', before: null, after: res.body, requestId: requestIdOf(res) }),
      ]);
    });

    it('creating and changing a user, never recording a password or its hash', async () => {
      const created = await api.request('POST', '/api/users', {
        body: { email: 'kofi@coalition.test', name: 'Kofi', role: 'viewer', password: 'a-long-enough-password' },
      });
      expectOk(created, 201);
      const changed = await api.request('PATCH', `/api/users/${created.body.id}`, {
        body: { role: 'regional-officer', regions: ['africa'], password: 'another-long-password' },
      });
      expectOk(changed, 200);
      const deactivated = await api.request('PATCH', `/api/users/${created.body.id}`, { body: { active: false } });
      expectOk(deactivated, 200);

      const [off, update, create] = await entriesOf('user', created.body.id);
      expect(create).toMatchObject({
        action: 'create',
        before: null,
        after: { ...created.body, passwordChanged: true },
        requestId: requestIdOf(created),
      });
      expect(update).toMatchObject({
        action: 'update',
        before: created.body,
        after: { ...changed.body, passwordChanged: true },
        requestId: requestIdOf(changed),
      });
      expect([update.before.role, update.after.role]).toEqual(['viewer', 'regional-officer']);
      expect(off).toMatchObject({ action: 'update', before: changed.body, after: deactivated.body });
      expect([off.before.active, off.after.active]).toEqual([true, false]);
      expect(off.after.passwordChanged).toBeUndefined();

      const stored = (await api.db.query('SELECT before, after FROM audit_entry WHERE entity = $1', ['user'])).rows;
      expect(JSON.stringify(stored)).not.toMatch(/argon2|long-enough|another-long|hash|token/i);
    });

    it('records the first admin, created at start-up, as made by the system with no request', async () => {
      const res = await api.request('GET', '/api/audit?actor=system');
      expect(res.body.items).toEqual([
        expect.objectContaining({
          actor: null,
          entity: 'user',
          entityId: admin.id,
          action: 'create',
          after: expect.objectContaining({ email: ADMIN.email, role: 'admin', passwordChanged: true }),
          requestId: null,
        }),
      ]);
    });
  });

  describe('request ids', () => {
    it('keeps the x-request-id a client sends, on the response and in the entry', async () => {
      const res = await api.request('PUT', '/api/states/UKR/implementation/cooperation', {
        body: { stage: 'drafting' },
        headers: { 'x-request-id': 'client-chosen.id-42' },
      });
      expectOk(res, 200);
      expect(res.headers.get('x-request-id')).toBe('client-chosen.id-42');
      expect((await entriesOf('implementation', res.body.id))[0].requestId).toBe('client-chosen.id-42');
    });

    it('gives each request its own id, the same in the header and in an error body', async () => {
      const bad = await api.request('POST', '/api/actions', { body: { stateCode: 'KEN' } });
      expect(bad.status).toBe(400);
      expect(bad.body.requestId).toBe(requestIdOf(bad));
      const other = await api.request('GET', '/api/me');
      expect(requestIdOf(other)).not.toBe(requestIdOf(bad));
    });
  });

  describe('entries are written in the transaction of the change', () => {
    it('leaves no entry, and no action, when the follow-up logged with an action fails', async () => {
      const entries = await auditCount();
      const actions = Number((await api.db.query('SELECT count(*) FROM advocacy_action')).rows[0].count);
      const res = await api.request('POST', '/api/actions', {
        body: {
          stateCode: 'KEN',
          type: 'call',
          date: '2025-03-16',
          title: 'Call with a follow-up for nobody',
          followUp: { remindAt: inDays(2), assigneeId: '7f1c1a52-7f0e-4f7c-9a55-0c5d8d3f2b11' },
        },
      });
      expect(res.status).toBe(400);
      expect(await auditCount()).toBe(entries);
      expect(Number((await api.db.query('SELECT count(*) FROM advocacy_action')).rows[0].count)).toBe(actions);
    });

    it('writes nothing for a change that changes nothing', async () => {
      const action = await api.request('POST', '/api/actions', {
        body: { stateCode: 'KEN', type: 'call', date: '2025-03-17', title: 'Quiet call' },
      });
      const entries = await auditCount();
      expectOk(await api.request('PATCH', `/api/actions/${action.body.id}`, { body: {} }), 200);
      const viewer = await signUp(api, { role: 'viewer' });
      const afterSignUp = await auditCount();
      expect(afterSignUp).toBe(entries + 1);
      expectOk(await api.request('PATCH', `/api/users/${viewer.id}`, { body: { name: 'Test viewer' } }), 200);
      expect(await auditCount()).toBe(afterSignUp);
    });
  });

  describe('GET /api/audit', () => {
    it('is for admins and the steering committee only', async () => {
      for (const [role, regions, status] of [
        ['steering-committee', [], 200],
        ['campaign-officer', ['europe'], 403],
        ['regional-officer', ['europe'], 403],
        ['viewer', [], 403],
      ] as const) {
        const user = await signUp(api, { role, regions: [...regions] });
        const res = await api.request('GET', '/api/audit', { token: user.token });
        expect({ role, status: res.status }).toEqual({ role, status });
        if (status === 403) expect(res.body.message).toContain('may not read the audit trail');
      }
      expect((await api.request('GET', '/api/audit', { token: null })).status).toBe(401);
    });

    it('lists newest first and pages through every entry once with a cursor', async () => {
      for (let i = 0; i < 5; i++) {
        await api.request('PUT', '/api/states/FRA/implementation/crimes', { body: { stage: 'drafting' } });
      }
      const all = (await api.request('GET', '/api/audit?limit=200')).body;
      expect(all.nextCursor).toBeNull();
      const total = await auditCount();
      expect(all.items).toHaveLength(total);
      const ids = all.items.map((e: any) => Number(e.id));
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      const times = all.items.map((e: any) => e.at);
      expect(times).toEqual([...times].sort().reverse());

      const paged: any[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const after: string = cursor ? `&cursor=${cursor}` : '';
        const res = await api.request('GET', `/api/audit?limit=3${after}`);
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(3);
        paged.push(...res.body.items);
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor);
      expect(paged.map((e) => e.id)).toEqual(all.items.map((e: any) => e.id));
      expect(pages).toBe(Math.ceil(total / 3));
      expect((await api.request('GET', '/api/audit')).body.items).toHaveLength(Math.min(50, total));
    });

    it('filters by entity, id, actor and time', async () => {
      const officer = await signUp(api, { role: 'regional-officer', regions: ['europe'] });
      const mine = await api.request('POST', '/api/actions', {
        token: officer.token,
        body: { stateCode: 'FRA', type: 'media', date: '2025-04-01', title: 'Op-ed' },
      });
      expectOk(mine, 201);

      const byActor = (await api.request('GET', `/api/audit?actor=${officer.id}`)).body.items;
      expect(byActor).toEqual([
        expect.objectContaining({
          entity: 'action',
          entityId: mine.body.id,
          actor: { id: officer.id, name: 'Test regional-officer' },
        }),
      ]);
      const campaigns = (await api.request('GET', '/api/audit?entity=campaign&limit=200')).body.items;
      expect(campaigns.length).toBeGreaterThan(0);
      expect(campaigns.every((e: any) => e.entity === 'campaign')).toBe(true);
      const byId = (await api.request('GET', `/api/audit?id=${mine.body.id}`)).body.items;
      expect(byId.map((e: any) => e.entityId)).toEqual([mine.body.id]);

      const within = async (query: string) =>
        (await api.request('GET', `/api/audit?actor=${officer.id}&${query}`)).body.items.length;
      expect(await within(`from=${today()}`)).toBe(1);
      expect(await within(`from=${yesterday()}&to=${today()}`)).toBe(1);
      expect(await within(`to=${yesterday()}`)).toBe(0);
      expect(await within(`from=${encodeURIComponent(inDays(1 / 24))}`)).toBe(0);
      expect(await within(`to=${encodeURIComponent(inDays(1 / 24))}`)).toBe(1);
      expect(await within(`from=${encodeURIComponent(inDays(-1 / 24).replace('Z', '+00:00'))}`)).toBe(1);
    });

    it.each([
      [
        'entity=state',
        'entity must be one of treaty-event, implementation, action, follow-up, campaign, user, depositary-import, depositary-proposal',
      ],
      ['id=42', 'id must be a UUID'],
      ['actor=me', 'actor must be a user id (UUID) or system'],
      ['from=2026-02-30', 'from must be a date YYYY-MM-DD or an ISO 8601 instant'],
      ['to=2026-03-01T09:00:00', 'to must be a date YYYY-MM-DD or an ISO 8601 instant'],
      ['from=2026-03-02&to=2026-03-01', 'from (2026-03-02) must not be after to (2026-03-01)'],
      ['limit=0', 'limit must not be less than 1'],
      ['limit=201', 'limit must not be greater than 200'],
      ['cursor=bm90LWEtY3Vyc29y', 'cursor is not one this server issued'],
      [
        `cursor=${Buffer.from('["2026-02-30 10:00:00+00","1"]').toString('base64url')}`,
        'cursor is not one this server issued',
      ],
      ['size=10', 'property size should not exist'],
    ])('answers 400 naming the field for %s', async (query, message) => {
      const res = await api.request('GET', `/api/audit?${query}`);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.message)).toContain(message);
    });
  });
});
