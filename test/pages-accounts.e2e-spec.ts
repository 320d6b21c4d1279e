import { INestApplicationContext } from '@nestjs/common';
import { SmtpSink } from './support/smtp-sink';
import { startApi, TestApi } from './support/api';
import { ADMIN } from './support/test-env';
import { csrfToken, WebClient } from './support/web-client';
import { startWorker } from './support/worker';

jest.setTimeout(90_000);

const PUBLIC_URL = 'https://tracker.example.org';
const LINK = /https:\/\/tracker\.example\.org(\/set-password\?token=[A-Za-z0-9_-]+)/;

describe('web pages for invitations, password resets and sign-in limits', () => {
  let api: TestApi;
  let worker: INestApplicationContext | undefined;
  const smtp = new SmtpSink();

  beforeAll(async () => {
    await smtp.start();
    api = await startApi({
      SMTP_URL: smtp.url,
      PUBLIC_URL,
      QUEUE_MAIL_BACKOFF_MS: '500',
      LOGIN_LIMIT_PER_ACCOUNT: '3',
    });
    worker = await startWorker();
  });
  afterAll(async () => {
    await worker?.close();
    await api.close();
    await smtp.stop();
  });

  const uniqueEmail = (what: string) => `${what}.${Math.random().toString(36).slice(2, 8)}@coalition.test`;
  /** The path of the set-password link in the `n`th email to `address`. */
  const linkIn = async (address: string, n = 1): Promise<string> => {
    await smtp.waitFor(() => smtp.to(address).length >= n);
    const path = LINK.exec(smtp.to(address)[n - 1].body)?.[1];
    if (!path) throw new Error(`no set-password link in the email to ${address}`);
    return path;
  };
  const choosePassword = async (visitor: WebClient, path: string, password: string, confirm = password) => {
    const page = await visitor.get(path);
    expect(page.status).toBe(200);
    const token = new URL(path, PUBLIC_URL).searchParams.get('token')!;
    return visitor.post('/set-password', { _csrf: csrfToken(page.html), token, password, confirm });
  };

  it('takes an invited user from the email link to a chosen password and a signed-in page', async () => {
    const email = uniqueEmail('invited');
    const created = await api.request('POST', '/api/users', {
      body: { email, name: 'Ama Mensah', role: 'regional-officer', regions: ['africa'] },
    });
    expect(created.status).toBe(201);
    const path = await linkIn(email);
    const visitor = new WebClient(api.url);

    const mismatch = await choosePassword(visitor, path, 'my chosen passphrase', 'my chosen passphrasE');
    expect(mismatch.status).toBe(400);
    expect(mismatch.html).toContain('Type the same password twice.');
    const short = await choosePassword(visitor, path, 'short');
    expect(short.status).toBe(400);
    expect(short.html).toContain('at least 10 characters');

    const saved = await choosePassword(visitor, path, 'my chosen passphrase');
    expect(saved.status).toBe(303);
    expect(saved.location).toBe('/login?passwordSet=1');
    expect((await visitor.get(saved.location!)).html).toContain('Your password is saved.');
    const signedIn = await visitor.signIn(email, 'my chosen passphrase');
    expect(signedIn.status).toBe(303);
    expect((await visitor.get('/follow-ups')).status).toBe(200);

    const reused = await choosePassword(new WebClient(api.url), path, 'another passphrase');
    expect(reused.status).toBe(400);
    expect(reused.html).toContain('already used');
  });

  it('sends a reset link from the sign-in page without telling whether the address has an account', async () => {
    const email = uniqueEmail('forgetful');
    expect(
      (
        await api.request('POST', '/api/users', {
          body: { email, name: 'Forgetful', role: 'viewer', password: 'first password 1' },
        })
      ).status,
    ).toBe(201);
    const visitor = new WebClient(api.url);
    expect((await visitor.get('/login')).html).toContain('href="/forgot-password"');
    const ask = async (address: string) => {
      const page = await visitor.get('/forgot-password');
      return visitor.post('/forgot-password', { _csrf: csrfToken(page.html), email: address });
    };
    const known = await ask(email);
    const unknown = await ask(uniqueEmail('nobody'));
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    for (const answer of [known, unknown]) expect(answer.html).toContain('If an active account has the address');
    const bad = await ask('not an address');
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('Enter the email address of your account.');

    const saved = await choosePassword(visitor, await linkIn(email), 'second password 2');
    expect(saved.status).toBe(303);
    expect((await new WebClient(api.url).signIn(email, 'first password 1')).status).toBe(401);
    expect((await new WebClient(api.url).signIn(email, 'second password 2')).status).toBe(303);
  });

  it('holds page sign-in to the same per-account limit as the API, saying when to try again', async () => {
    const visitor = new WebClient(api.url);
    const email = uniqueEmail('targeted');
    for (let i = 0; i < 3; i++) expect((await visitor.signIn(email, `wrong ${i}`)).status).toBe(401);
    const held = await visitor.signIn(email, 'wrong again');
    expect(held.status).toBe(429);
    expect(Number(held.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(held.html).toMatch(/try again in/i);
    // The API counts the same attempts.
    const api429 = await api.request('POST', '/api/auth/login', {
      token: null,
      body: { email, password: 'x'.repeat(12) },
    });
    expect(api429.status).toBe(429);
    // Other accounts are not held back.
    expect((await new WebClient(api.url).signIn(ADMIN.email, ADMIN.password)).status).toBe(303);
  });

  it('never follows a next holding control characters, percent-encoded or not, and never fails on one', async () => {
    // In Chromium, /<tab>/evil.example/ was //evil.example/: another origin. CR/LF made the answer a 500.
    const foreign = [
      '/\t/evil.example/',
      '/%09/evil.example/',
      '/\n/evil.example/',
      '/x\r\nSet-Cookie: a=b',
      '/%0D%0A/x',
    ];
    for (const next of foreign) {
      const signedIn = await new WebClient(api.url).signIn(ADMIN.email, ADMIN.password, next);
      expect({ next, status: signedIn.status, location: signedIn.location }).toEqual({
        next,
        status: 303,
        location: '/',
      });
    }
    const admin = new WebClient(api.url);
    expect((await admin.signIn(ADMIN.email, ADMIN.password)).status).toBe(303);
    // Already signed in, the sign-in page sends on at once: home, too.
    const asked = await admin.get('/login?next=/%09/evil.example/');
    expect({ status: asked.status, location: asked.location }).toEqual({ status: 303, location: '/' });
    const visitor = await new WebClient(api.url).get('/login?next=/%09/evil.example/');
    expect(visitor.html).toContain('name="next" value="/"');

    // The done form closes the follow-up once and goes to the list, whatever its next says.
    const created = await api.request('POST', '/api/follow-ups', {
      body: { stateCode: 'KEN', title: 'Call the ministry', remindAt: new Date(Date.now() + 86400_000).toISOString() },
    });
    expect(created.status).toBe(201);
    const page = await admin.get('/follow-ups');
    const done = await admin.post(`/follow-ups/${created.body.id}/done`, {
      _csrf: csrfToken(page.html),
      next: '/follow-ups\r\nSet-Cookie: a=b',
    });
    expect({ status: done.status, location: done.location }).toEqual({
      status: 303,
      location: `/follow-ups?saved=done&undo=${created.body.id}`,
    });
    expect((await api.request('GET', `/api/follow-ups/${created.body.id}`)).body.status).toBe('done');
    const updates = await api.db.query(
      `SELECT count(*)::int AS n FROM audit_entry WHERE entity_id = $1 AND action = 'update'`,
      [created.body.id],
    );
    expect(updates.rows[0].n).toBe(1);
  });

  it('isolates what users typed, so a right-to-left override in a name or title reaches no further than itself', async () => {
    const RLO = '\u202E';
    const email = uniqueEmail('bidi');
    const created = await api.request('POST', '/api/users', {
      body: { email, name: `${RLO}Ama`, role: 'campaign-officer', password: 'a long passphrase 1' },
    });
    expect(created.status).toBe(201);
    const signedIn = await api.request('POST', '/api/auth/login', {
      token: null,
      body: { email, password: 'a long passphrase 1' },
    });
    const token = signedIn.body.accessToken;
    const remindAt = new Date(Date.now() + 3 * 86400_000).toISOString();
    const followUp = await api.request('POST', '/api/follow-ups', {
      token,
      body: { stateCode: 'KEN', title: `${RLO}Call the ministry`, note: `${RLO}Ask for the bill`, remindAt },
    });
    expect(followUp.status).toBe(201);
    const action = await api.request('POST', '/api/actions', {
      token,
      body: { stateCode: 'KEN', type: 'meeting', date: new Date().toISOString().slice(0, 10), title: `${RLO}Met them` },
    });
    expect(action.status).toBe(201);

    const visitor = new WebClient(api.url);
    expect((await visitor.signIn(email, 'a long passphrase 1')).status).toBe(303);
    const list = (await visitor.get('/follow-ups')).html;
    expect(list).toContain(`<a class="user-name" href="/me"><bdi>${RLO}Ama</bdi></a>`);
    expect(list).toContain(
      `<p class="follow-up-title"><a href="/follow-ups/${followUp.body.id}"><bdi>${RLO}Call the ministry</bdi></a></p>`,
    );
    expect(list).toContain(`<p class="note"><bdi>${RLO}Ask for the bill</bdi></p>`);
    const state = (await visitor.get('/states/KEN')).html;
    // The title links to the action's page; the user's text stays isolated inside the link.
    expect(state).toMatch(
      new RegExp(`<h3 class="action-title"><a href="/actions/[0-9a-f-]{36}"><bdi>${RLO}Met them</bdi></a></h3>`),
    );
    expect(state).toContain(`Logged by <bdi>${RLO}Ama</bdi>`);
    expect(state).toContain(`<bdi>${RLO}Call the ministry</bdi>`);
  });
});
