import { signUp, startApi, TestApi } from './support/api';

const PASSWORD = 'a-long-enough-password';

/** How long a bearer token lives, and what ends it early. */
describe('bearer tokens', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ TOKEN_TTL_HOURS: '2' });
  });
  afterAll(async () => {
    await api.close();
  });

  const me = (token: string) => api.request('GET', '/api/me', { token }).then((r) => r.status);
  const login = (email: string, password: string) =>
    api.request('POST', '/api/auth/login', { token: null, body: { email, password } });

  it('lives TOKEN_TTL_HOURS from sign-in, and stops working once it has expired', async () => {
    const user = await signUp(api, { role: 'viewer' });
    const before = Date.now();
    const signedIn = await login(user.email, PASSWORD);
    expect(signedIn.status).toBe(200);
    const expiresAt = Date.parse(signedIn.body.expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 2 * 3600_000 - 1000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 2 * 3600_000 + 1000);
    const [{ stored }] = (
      await api.db.query(`SELECT max(expires_at) AS stored FROM access_token WHERE user_id = $1`, [user.id])
    ).rows;
    expect((stored as Date).getTime()).toBe(expiresAt);
    expect(await me(signedIn.body.accessToken)).toBe(200);

    // The same token, its time come: refused, while the user's other sign-in still works.
    await api.db.query(`UPDATE access_token SET expires_at = now() - interval '1 second' WHERE expires_at = $1`, [
      stored,
    ]);
    expect(await me(signedIn.body.accessToken)).toBe(401);
    expect(await me(user.token)).toBe(200);
  });

  it('ends every sign-in of a user whose password an admin sets, and only theirs', async () => {
    const user = await signUp(api, { role: 'campaign-officer' });
    const other = await signUp(api, { role: 'viewer' });
    const second = (await login(user.email, PASSWORD)).body.accessToken as string;
    expect([await me(user.token), await me(second)]).toEqual([200, 200]);

    const set = await api.request('PATCH', `/api/users/${user.id}`, { body: { password: 'a-new-password-by-admin' } });
    expect(set.status).toBe(200);
    expect([await me(user.token), await me(second)]).toEqual([401, 401]);
    expect(await me(other.token)).toBe(200);
    expect(await me(api.adminToken)).toBe(200);
    expect((await login(user.email, PASSWORD)).status).toBe(401);
    expect((await login(user.email, 'a-new-password-by-admin')).status).toBe(200);

    // A change that sets no password signs nobody out.
    const fresh = (await login(user.email, 'a-new-password-by-admin')).body.accessToken as string;
    expect((await api.request('PATCH', `/api/users/${user.id}`, { body: { name: 'Renamed' } })).status).toBe(200);
    expect(await me(fresh)).toBe(200);
  });
});
