import { chromium } from 'playwright-core';
import { createTestDatabase } from './support/database';
import { freePort, startBuilt, waitForHttp } from './support/processes';
import { startApi, TestApi } from './support/api';
import { ADMIN, runId } from './support/test-env';

jest.setTimeout(120_000);

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('hardening: headers, CORS, the API docs under their CSP, error bodies and logs', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('sends security headers and the request id on answers and on errors', async () => {
    for (const path of ['/api/states/UKR', '/api/nowhere', '/health']) {
      const res = await api.request('GET', path, { headers: { 'x-request-id': 'trace-headers' } });
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('strict-transport-security')).toContain('max-age=');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-powered-by')).toBeNull();
      expect(res.headers.get('x-request-id')).toBe('trace-headers');
    }
    const missing = await api.request('GET', '/api/nowhere');
    expect(missing.status).toBe(404);
    expect(missing.body.requestId).toBe(missing.headers.get('x-request-id'));
  });

  it('keeps error bodies to status, message and request id: no stack, no SQL', async () => {
    const cases = [
      await api.request('POST', '/api/states/IND/events', { body: '{"instrument": ' }),
      await api.request('GET', `/api/actions/${'9'.repeat(36)}`),
      await api.request('PATCH', '/api/users/00000000-0000-4000-8000-000000000000', { body: { name: 'X' } }),
      await api.request('GET', '/api/states?asOf=2025-02-30'),
    ];
    for (const res of cases) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(Object.keys(res.body).sort()).toEqual(
        expect.arrayContaining(['error', 'message', 'requestId', 'statusCode']),
      );
      expect(
        Object.keys(res.body).every((k) => ['statusCode', 'error', 'message', 'code', 'requestId'].includes(k)),
      ).toBe(true);
      expect(res.text).not.toMatch(/\bat \S+ \(|node_modules|SELECT|INSERT|UPDATE .* SET|QueryFailedError/);
    }
  });

  it('refuses text holding the NUL character or half a surrogate pair, and bodies nested too deep, naming the field, changing nothing', async () => {
    const count = async () => Number((await api.db.query('SELECT count(*) FROM campaign')).rows[0].count);
    const before = await count();
    const nul = await api.request('POST', '/api/campaigns', { body: { name: 'a\u0000b' } });
    expect(nul.status).toBe(400);
    expect(nul.body.message).toBe('name must not contain the NUL character (U+0000)');
    const nested = await api.request('POST', '/api/actions', {
      body: { stateCode: 'KEN', followUp: { note: 'x\u0000' } },
    });
    expect(nested.body.message).toBe('followUp.note must not contain the NUL character (U+0000)');
    for (const path of ['/api/auth/password-reset', '/api/auth/login']) {
      const broken = await api.request('POST', path, { token: null, body: '{"email":"\\ud800","password":"x"}' });
      expect({ path, status: broken.status, message: broken.body.message }).toEqual({
        path,
        status: 400,
        message: 'email must be valid Unicode text (it holds half a surrogate pair)',
      });
    }
    const inPath = await api.request('GET', '/api/states/K%00N');
    expect(inPath.status).toBe(400);
    const inQuery = await api.request('GET', '/api/actions?type=%00');
    expect(inQuery.body.message).toBe('type must not contain the NUL character (U+0000)');
    const deep = await api.request('POST', '/api/campaigns', {
      body: '{"name":' + '['.repeat(5000) + ']'.repeat(5000) + '}',
    });
    expect(deep.status).toBe(400);
    expect(deep.body.message).toBe('the body is nested more than 8 levels deep');
    expect(await count()).toBe(before);
  });

  it('refuses null in a follow-up change instead of silently ignoring it', async () => {
    const created = await api.request('POST', '/api/follow-ups', {
      body: { stateCode: 'KEN', title: 'Call the ministry', remindAt: new Date(Date.now() + 86400_000).toISOString() },
    });
    expect(created.status).toBe(201);
    for (const body of [{ title: null }, { note: null }, { status: null }, { remindAt: null }, { title: '   ' }]) {
      const res = await api.request('PATCH', `/api/follow-ups/${created.body.id}`, { body });
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
    }
    expect((await api.request('GET', `/api/follow-ups/${created.body.id}`)).body.title).toBe('Call the ministry');
  });

  it('shares nothing cross-origin by default', async () => {
    const res = await api.request('GET', '/api/states/UKR', { headers: { origin: 'https://elsewhere.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${api.url}/api/users`, {
      method: 'OPTIONS',
      headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets exactly the origins named in CORS_ORIGINS call the API', async () => {
    const open = await startApi({ CORS_ORIGINS: 'https://partner.example.org, http://localhost:8080' });
    delete process.env.CORS_ORIGINS;
    try {
      const preflight = await fetch(`${open.url}/api/actions`, {
        method: 'OPTIONS',
        headers: {
          origin: 'https://partner.example.org',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('https://partner.example.org');
      expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
      expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
      const allowed = await open.request('GET', '/api/me', { headers: { origin: 'http://localhost:8080' } });
      expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:8080');
      const other = await open.request('GET', '/api/me', { headers: { origin: 'https://elsewhere.example' } });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await open.close();
    }
  });

  it('serves the Swagger UI at /docs working under its CSP: every operation shown, no violation', async () => {
    const page = await api.request('GET', '/docs', { token: null });
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    const doc = (await api.request('GET', '/docs-json', { token: null })).body;
    const operations = Object.values(doc.paths as Record<string, object>).reduce(
      (n, ops) => n + Object.keys(ops).length,
      0,
    );

    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const tab = await browser.newPage();
      const problems: string[] = [];
      tab.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      tab.on('pageerror', (e) => problems.push(e.message));
      await tab.addInitScript(() =>
        document.addEventListener('securitypolicyviolation', (e) =>
          console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
        ),
      );
      await tab.goto(`${api.url}/docs`);
      await tab.waitForSelector('.opblock', { timeout: 30_000 });
      expect(await tab.locator('.opblock').count()).toBe(operations);
      expect(await tab.locator('.info .title').innerText()).toContain('Rome Statute campaign tracker');
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('never logs passwords, tokens, cookies or Authorization headers, and logs request ids', async () => {
    const port = await freePort();
    const built = startBuilt('api', {
      DATABASE_URL: await createTestDatabase(),
      PORT: String(port),
      LOG_LEVEL: 'info',
      QUEUE_PREFIX: `test_${runId()}_logs`,
    });
    const url = `http://127.0.0.1:${port}`;
    const secrets: string[] = [ADMIN.password, 'cookie-secret-1234', 'csrf-secret-5678', 'password-secret-9012'];
    const ids: string[] = [];
    try {
      await waitForHttp(`${url}/health/ready`);
      const call = async (method: string, path: string, headers: Record<string, string> = {}, body?: unknown) => {
        const res = await fetch(url + path, {
          method,
          headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
          body: body ? JSON.stringify(body) : undefined,
        });
        ids.push(res.headers.get('x-request-id')!);
        const text = await res.text();
        return { status: res.status, body: text.startsWith('{') ? JSON.parse(text) : text };
      };
      const login = await call('POST', '/api/auth/login', {}, ADMIN);
      expect(login.status).toBe(200);
      const token: string = login.body.accessToken;
      secrets.push(token);
      const auth = { authorization: `Bearer ${token}` };
      await call('GET', '/api/me', {
        ...auth,
        cookie: 'session=cookie-secret-1234',
        'x-csrf-token': 'csrf-secret-5678',
      });
      const link = await call('POST', '/api/me/calendar-link', auth);
      const feedToken = new URL(link.body.url).searchParams.get('token')!;
      secrets.push(feedToken);
      expect((await call('GET', `/api/follow-ups.ics?token=${feedToken}`)).status).toBe(200);
      const linkToken = 'Z'.repeat(43);
      secrets.push(linkToken);
      const set = await call(
        'POST',
        '/api/auth/set-password',
        {},
        { token: linkToken, password: 'password-secret-9012' },
      );
      expect(set.status).toBe(400);
      const failed = await call('GET', '/api/states/XYZ', { ...auth, 'x-request-id': 'trace-in-the-log' });
      expect(failed.body.requestId).toBe('trace-in-the-log');
      await call('GET', '/api/nowhere', auth);
    } finally {
      await built.stop();
    }
    const output = built.output();
    const lines = output
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map(
        (l) =>
          JSON.parse(l) as {
            req?: { id?: string; url?: string; headers?: Record<string, string> };
            res?: { headers?: Record<string, string> };
          },
      );
    const logged = new Set(lines.map((l) => l.req?.id).filter(Boolean));
    // Every request above appears in the log under the id its answer carried.
    for (const id of ids) expect(logged).toContain(id);
    expect(lines.find((l) => l.req?.id === 'trace-in-the-log')).toBeDefined();
    for (const secret of secrets) expect(output).not.toContain(secret);
    // No header reaches a request's line at all (Authorization was logged as [Redacted] before issue 16).
    const requestLines = lines.filter((l) => l.req);
    expect(requestLines.length).toBeGreaterThan(3);
    expect(requestLines.filter((l) => l.req?.headers !== undefined || l.res?.headers !== undefined)).toEqual([]);
    expect(lines.some((l) => l.req?.url === '/api/follow-ups.ics?token=[Redacted]')).toBe(true);
  });
});
