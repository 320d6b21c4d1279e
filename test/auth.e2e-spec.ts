import { ADMIN } from './support/test-env';
import { signUp, startApi, TestApi } from './support/api';

describe('sign-in, accounts and who may change what', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('signs the admin created from ADMIN_EMAIL in and tells them who they are', async () => {
    const login = await api.request('POST', '/api/auth/login', {
      token: null,
      body: { email: ADMIN.email.toUpperCase(), password: ADMIN.password },
    });
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ accessToken: expect.any(String), user: { email: ADMIN.email, role: 'admin' } });
    const me = await api.request('GET', '/api/me', { token: login.body.accessToken });
    expect(me.body).toMatchObject({ email: ADMIN.email, role: 'admin', name: 'Administrator' });
  });

  it('lets the holder of a bearer token revoke it: 204, then the token no longer works, and other sign-ins go on', async () => {
    const user = await signUp(api, { role: 'viewer' });
    const second = await api.request('POST', '/api/auth/login', {
      token: null,
      body: { email: user.email, password: 'a-long-enough-password' },
    });
    expect(second.status).toBe(200);
    const out = await api.request('POST', '/api/auth/logout', { token: user.token });
    expect(out.status).toBe(204);
    expect(out.text).toBe('');
    expect((await api.request('GET', '/api/me', { token: user.token })).status).toBe(401);
    expect((await api.request('GET', '/api/me', { token: second.body.accessToken })).status).toBe(200);
    // Once out, the token cannot sign out again; without one there is nothing to revoke.
    expect((await api.request('POST', '/api/auth/logout', { token: user.token })).status).toBe(401);
    expect((await api.request('POST', '/api/auth/logout', { token: null })).status).toBe(401);
  });

  it('answers 401 for wrong credentials, no token and a bad token', async () => {
    const wrong = await api.request('POST', '/api/auth/login', {
      token: null,
      body: { email: ADMIN.email, password: 'not-the-password' },
    });
    expect(wrong.status).toBe(401);
    const unknown = await api.request('POST', '/api/auth/login', {
      token: null,
      body: { email: 'nobody@x.org', password: 'whatever-long' },
    });
    expect(unknown.status).toBe(401);
    expect((await api.request('GET', '/api/states', { token: null })).status).toBe(401);
    const bad = await api.request('GET', '/api/states', { token: 'x'.repeat(43) });
    expect(bad.status).toBe(401);
    expect(bad.body.message).toContain('invalid or expired token');
  });

  it('lets an admin create users, never showing a password, and refuses a duplicate email', async () => {
    const created = await api.request('POST', '/api/users', {
      body: {
        email: 'ama@coalition.test',
        name: 'Ama',
        role: 'regional-officer',
        regions: ['africa'],
        password: 'correct-horse-battery',
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.any(String),
      email: 'ama@coalition.test',
      role: 'regional-officer',
      regions: ['africa'],
      active: true,
    });
    expect(JSON.stringify(created.body)).not.toMatch(/password|argon2/i);
    const dup = await api.request('POST', '/api/users', {
      body: { email: 'AMA@coalition.test', name: 'Ama 2', role: 'viewer' },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.message).toContain('already exists');
    const badRole = await api.request('POST', '/api/users', {
      body: { email: 'x@coalition.test', name: 'X', role: 'superuser' },
    });
    expect(badRole.status).toBe(400);
    expect(JSON.stringify(badRole.body.message)).toContain('role must be one of admin, campaign-officer');
  });

  it('pages through users with a cursor', async () => {
    for (let i = 0; i < 3; i++) await signUp(api, { role: 'viewer' });
    const first = await api.request('GET', '/api/users?limit=2');
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await api.request('GET', `/api/users?limit=2&cursor=${first.body.nextCursor}`);
    const ids = [...first.body.items, ...second.body.items].map((u: any) => u.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps user management to admins', async () => {
    const officer = await signUp(api, { role: 'campaign-officer', regions: ['europe'] });
    expect((await api.request('GET', '/api/users', { token: officer.token })).status).toBe(403);
    const res = await api.request('POST', '/api/users', {
      token: officer.token,
      body: { email: 'y@c.test', name: 'Y', role: 'admin' },
    });
    expect(res.status).toBe(403);
    expect(res.body.message).toContain('may not manage users');
  });

  it('signs a deactivated user out and refuses their password', async () => {
    const user = await signUp(api, { role: 'viewer' });
    expect((await api.request('GET', '/api/me', { token: user.token })).status).toBe(200);
    const patched = await api.request('PATCH', `/api/users/${user.id}`, { body: { active: false } });
    expect(patched.body.active).toBe(false);
    expect((await api.request('GET', '/api/me', { token: user.token })).status).toBe(401);
    const again = await api.request('POST', '/api/auth/login', {
      token: null,
      body: { email: user.email, password: 'a-long-enough-password' },
    });
    expect(again.status).toBe(401);
  });

  describe('treaty events and implementation follow role and region', () => {
    const ratifyBolivia = { instrument: 'amendment-art8-2019', type: 'ratification', date: '2025-05-05' };
    const count = async () => Number((await api.db.query('SELECT count(*) FROM treaty_event')).rows[0].count);

    it.each([
      ['regional-officer', ['americas'], 201],
      ['regional-officer', ['africa'], 403],
      ['campaign-officer', ['americas'], 201],
      ['campaign-officer', [], 403],
      ['steering-committee', ['americas'], 403],
      ['viewer', ['americas'], 403],
    ])('a %s for %j recording an event for Bolivia gets %i', async (role, regions, status) => {
      const user = await signUp(api, { role, regions });
      await api.db.query(`DELETE FROM treaty_event WHERE state_code = 'BOL' AND instrument = 'amendment-art8-2019'`);
      const before = await count();
      const res = await api.request('POST', '/api/states/BOL/events', { token: user.token, body: ratifyBolivia });
      expect(res.status).toBe(status);
      expect(await count()).toBe(status === 201 ? before + 1 : before);
      const impl = await api.request('PUT', '/api/states/BOL/implementation/cooperation', {
        token: user.token,
        body: { stage: 'drafting' },
      });
      expect(impl.status).toBe(status === 201 ? 200 : 403);
    });

    it('lets every signed-in user read', async () => {
      const viewer = await signUp(api, { role: 'viewer' });
      expect((await api.request('GET', '/api/states', { token: viewer.token })).status).toBe(200);
      expect((await api.request('GET', '/api/states/BOL', { token: viewer.token })).status).toBe(200);
      expect((await api.request('GET', '/api/stats/parties', { token: viewer.token })).status).toBe(200);
    });
  });
});
