import { signUp, startApi, TestApi } from './support/api';

jest.setTimeout(90_000);

// A short window so that the test can see a limit lifted; the limits themselves are the defaults (10 and 50).
const WINDOW_SECONDS = 10;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('sign-in limits per account and per address', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ LOGIN_LIMIT_WINDOW_SECONDS: String(WINDOW_SECONDS) });
  });
  afterAll(async () => {
    await api.close();
  });

  const login = (email: string, password: string) =>
    api.request('POST', '/api/auth/login', { token: null, body: { email, password } });
  const PASSWORD = 'a-long-enough-password';

  it('answers 429 with Retry-After after 10 failed sign-ins to an account, even for the right password, until the window ends', async () => {
    const user = await signUp(api, { role: 'viewer' });
    const other = await signUp(api, { role: 'viewer' });
    for (let i = 0; i < 10; i++) expect((await login(user.email, `wrong-password-${i}`)).status).toBe(401);

    const locked = await login(user.email, PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({
      statusCode: 429,
      error: 'Too Many Requests',
      code: 'too-many-failed-sign-ins',
      message: expect.stringMatching(
        /^too many failed sign-ins for this account; try again in \d+ seconds \(after \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\), or set a new password/,
      ),
    });
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
    expect(locked.body.message).toContain(`try again in ${retryAfter} seconds`);

    // Another account from the same address is not held back.
    expect((await login(other.email, PASSWORD)).status).toBe(200);

    await sleep(retryAfter * 1000 + 300);
    expect((await login(user.email, PASSWORD)).status).toBe(200);
  });

  it('counts failures only: a successful sign-in clears the count', async () => {
    const user = await signUp(api, { role: 'viewer' });
    for (let i = 0; i < 9; i++) expect((await login(user.email, `wrong-${i}`)).status).toBe(401);
    expect((await login(user.email, PASSWORD)).status).toBe(200);
    for (let i = 0; i < 10; i++) expect((await login(user.email, `wrong-again-${i}`)).status).toBe(401);
    expect((await login(user.email, PASSWORD)).status).toBe(429);
  });

  it('treats an email without an account like one with, so the answers do not reveal which exist', async () => {
    for (let i = 0; i < 10; i++) expect((await login('nobody@coalition.test', `guess-${i}`)).status).toBe(401);
    const res = await login('NOBODY@coalition.test', 'guess-10');
    expect(res.status).toBe(429);
    expect(res.body.code).toBe('too-many-failed-sign-ins');
  });

  it('allows 50 sign-in and password requests per address per window, then 429 on all three routes', async () => {
    // Start from a fresh window for this address.
    await sleep(WINDOW_SECONDS * 1000 + 300);
    for (let i = 0; i < 50; i++) {
      const res = await api.request('POST', '/api/auth/password-reset', {
        token: null,
        body: { email: `someone${i}@coalition.test` },
      });
      expect({ i, status: res.status }).toEqual({ i, status: 202 });
    }
    const reset = await api.request('POST', '/api/auth/password-reset', {
      token: null,
      body: { email: 'one-more@coalition.test' },
    });
    expect(reset.status).toBe(429);
    expect(reset.body.code).toBe('too-many-requests-from-address');
    expect(reset.body.message).toMatch(
      /^too many sign-in and password requests from your network address; try again in/,
    );
    expect(Number(reset.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await login('someone0@coalition.test', PASSWORD)).status).toBe(429);
    const set = await api.request('POST', '/api/auth/set-password', {
      token: null,
      body: { token: 'A'.repeat(43), password: 'long enough passphrase' },
    });
    expect(set.status).toBe(429);
    // Signed-in requests are not affected.
    expect((await api.request('GET', '/api/me')).status).toBe(200);
  });
});

describe('the per-account limit, whatever the spelling of the address', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ LOGIN_LIMIT_WINDOW_SECONDS: '900', LOGIN_LIMIT_PER_ADDRESS: '50', TRUST_PROXY: '' });
  });
  afterAll(async () => {
    await api.close();
  });

  const login = (email: string, password: string) =>
    api.request('POST', '/api/auth/login', { token: null, body: { email, password } });

  it('counts 20 failed sign-ins alternating admİn@ and admin@ as 20 of one account', async () => {
    // JavaScript lower-cases İ (U+0130) to i and a dot, PostgreSQL to i: both spellings are one account.
    const email = `admin.${Math.random().toString(36).slice(2, 8)}@coalition.test`;
    const password = 'a-long-enough-password';
    const created = await api.request('POST', '/api/users', {
      body: { email, name: 'Target', role: 'viewer', password },
    });
    expect(created.status).toBe(201);
    const dotted = email.replace('admin', 'admİn');
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await login(i % 2 ? dotted : email, `wrong-${i}`)).status);
    expect(statuses).toEqual([...Array<number>(10).fill(401), ...Array<number>(10).fill(429)]);
    expect((await login(dotted, password)).status).toBe(429);
    expect((await login(email.toUpperCase(), password)).status).toBe(429);
  });
});

describe('TRUST_PROXY: the client behind a reverse proxy', () => {
  const reset = (api: TestApi, forwardedFor: string) =>
    api.request('POST', '/api/auth/password-reset', {
      token: null,
      body: { email: 'someone@coalition.test' },
      headers: { 'x-forwarded-for': forwardedFor },
    });
  const limits = { LOGIN_LIMIT_WINDOW_SECONDS: '900', LOGIN_LIMIT_PER_ADDRESS: '3' };

  it('limits two addresses behind the proxy apart when TRUST_PROXY is set', async () => {
    const api = await startApi({ ...limits, TRUST_PROXY: '1' });
    try {
      for (const client of ['203.0.113.7', '198.51.100.9']) {
        for (let i = 0; i < 3; i++) expect((await reset(api, client)).status).toBe(202);
        expect((await reset(api, client)).status).toBe(429);
      }
    } finally {
      await api.close();
    }
  });

  it('counts every request as the peer without TRUST_PROXY, whatever X-Forwarded-For claims', async () => {
    const api = await startApi({ ...limits, TRUST_PROXY: '' });
    try {
      // The peer's third request is the last allowed (the admin's sign-in as the api started was its first).
      const statuses: number[] = [];
      for (const client of ['203.0.113.7', '198.51.100.9', '203.0.113.7', '198.51.100.9']) {
        statuses.push((await reset(api, client)).status);
      }
      expect(statuses).toEqual([202, 202, 429, 429]);
    } finally {
      await api.close();
    }
  });
});
