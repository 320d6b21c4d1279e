import { createHash } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { CapturedMail, SmtpSink } from './support/smtp-sink';
import { signUp, startApi, TestApi } from './support/api';
import { startWorker } from './support/worker';
import { ADMIN } from './support/test-env';

jest.setTimeout(90_000);

const PUBLIC_URL = 'https://tracker.example.org';
const LINK = /https:\/\/tracker\.example\.org\/set-password\?token=([A-Za-z0-9_-]+)/;

describe('accounts: invitations, password resets and user management', () => {
  let api: TestApi;
  let worker: INestApplicationContext | undefined;
  const smtp = new SmtpSink();

  beforeAll(async () => {
    await smtp.start();
    api = await startApi({ SMTP_URL: smtp.url, PUBLIC_URL, QUEUE_MAIL_BACKOFF_MS: '500' });
    worker = await startWorker();
  });
  afterAll(async () => {
    await worker?.close();
    await api.close();
    await smtp.stop();
  });

  const uniqueEmail = (what: string) => `${what}.${Math.random().toString(36).slice(2, 8)}@coalition.test`;
  const login = (email: string, password: string) =>
    api.request('POST', '/api/auth/login', { token: null, body: { email, password } });
  const setPassword = (token: string, password: string) =>
    api.request('POST', '/api/auth/set-password', { token: null, body: { token, password } });
  const requestReset = (email: string) =>
    api.request('POST', '/api/auth/password-reset', { token: null, body: { email } });

  /** Waits for the `n`th email to `address` and returns it with the token of its link. */
  const nthMail = async (address: string, n = 1): Promise<{ mail: CapturedMail; token: string }> => {
    await smtp.waitFor(() => smtp.to(address).length >= n);
    const mail = smtp.to(address)[n - 1];
    const token = LINK.exec(mail.body)?.[1];
    if (!token) throw new Error(`no set-password link in the email to ${address}:\n${mail.body}`);
    return { mail, token };
  };
  const outboxRows = async (address: string) =>
    (await api.db.query('SELECT kind, status, html, text_body FROM outbox_email WHERE recipient = $1', [address])).rows;

  it('invites a user created without a password: one email, a link that sets the password once, then sign-in', async () => {
    const email = uniqueEmail('invited');
    const created = await api.request('POST', '/api/users', {
      body: { email, name: 'Ama Mensah', role: 'regional-officer', regions: ['africa'] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email, role: 'regional-officer', regions: ['africa'], active: true });
    expect((await login(email, 'any-password-at-all')).status).toBe(401);

    const { mail, token } = await nthMail(email);
    expect(mail.subject).toBe('Your account on the Rome Statute campaign tracker');
    expect(mail.body).toContain('Dear Ama Mensah');
    expect(mail.body).toContain('Administrator has created an account for you');
    expect(token).toHaveLength(43);

    // Only the token's hash is stored, and the sent email's body no longer holds the link.
    const links = await api.db.query('SELECT token_hash, purpose FROM password_link WHERE user_id = $1', [
      created.body.id,
    ]);
    expect(links.rows).toEqual([{ token_hash: createHash('sha256').update(token).digest(), purpose: 'invitation' }]);
    await waitUntil(async () => (await outboxRows(email))[0]?.status === 'sent');
    const [row] = await outboxRows(email);
    expect(`${row.html}${row.text_body}`).not.toContain(token);
    const rendered = await api.db.query('SELECT mime FROM outbox_email WHERE recipient = $1', [email]);
    expect(rendered.rows).toEqual([{ mime: null }]);

    const set = await setPassword(token, 'my chosen passphrase');
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ email });
    const signedIn = await login(email, 'my chosen passphrase');
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user).toMatchObject({ email, role: 'regional-officer' });

    const again = await setPassword(token, 'another passphrase');
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ code: 'link-used', message: expect.stringContaining('already used') });
    expect((await login(email, 'another passphrase')).status).toBe(401);
    expect((await login(email, 'my chosen passphrase')).status).toBe(200);

    // The trail shows the admin creating the account, then its owner choosing a password through the link.
    const trail = await api.request('GET', `/api/audit?entity=user&id=${created.body.id}`);
    expect(trail.body.items.map((e: { action: string; actor: { id: string } | null; after: object }) => e)).toEqual([
      expect.objectContaining({ action: 'update', actor: expect.objectContaining({ id: created.body.id }) }),
      expect.objectContaining({ action: 'create', actor: expect.objectContaining({ name: 'Administrator' }) }),
    ]);
    expect(trail.body.items[0].after).toMatchObject({ passwordChanged: true });
    expect(JSON.stringify(trail.body.items)).not.toContain(token);
  });

  it('creates a user with a password directly, sending no invitation', async () => {
    const email = uniqueEmail('direct');
    const created = await api.request('POST', '/api/users', {
      body: { email, name: 'Direct', role: 'viewer', password: 'set-by-the-admin' },
    });
    expect(created.status).toBe(201);
    expect((await login(email, 'set-by-the-admin')).status).toBe(200);
    expect(await outboxRows(email)).toEqual([]);
  });

  it('resets a password by email: the old password and every earlier sign-in stop working', async () => {
    const user = await signUp(api, { role: 'campaign-officer', regions: ['europe'] });
    expect((await api.request('GET', '/api/me', { token: user.token })).status).toBe(200);

    const asked = await requestReset(user.email.toUpperCase());
    expect(asked.status).toBe(202);
    expect(asked.text).toBe('');
    const { mail, token } = await nthMail(user.email);
    expect(mail.subject).toBe('Reset your password for the Rome Statute campaign tracker');
    expect(mail.body).toContain('If you did not ask for this, ignore this email');

    expect((await setPassword(token, 'a brand new passphrase')).status).toBe(200);
    expect((await api.request('GET', '/api/me', { token: user.token })).status).toBe(401);
    expect((await login(user.email, 'a-long-enough-password')).status).toBe(401);
    expect((await login(user.email, 'a brand new passphrase')).status).toBe(200);
    expect((await setPassword(token, 'yet another passphrase')).body.code).toBe('link-used');
  });

  it('ends the calendar address with a password reset, and with a deactivation that is later undone', async () => {
    const user = await signUp(api, { role: 'campaign-officer', regions: ['europe'] });
    const feed = async (token: string) => {
      const link = new URL((await api.request('POST', '/api/me/calendar-link', { token })).body.url);
      return () => fetch(`${api.url}${link.pathname}${link.search}`).then((r) => r.status);
    };
    const beforeReset = await feed(user.token);
    expect(await beforeReset()).toBe(200);
    await requestReset(user.email);
    const { token } = await nthMail(user.email);
    expect((await setPassword(token, 'a passphrase after the reset')).status).toBe(200);
    expect(await beforeReset()).toBe(401);

    const signedIn = await login(user.email, 'a passphrase after the reset');
    const beforeDeactivation = await feed(signedIn.body.accessToken);
    expect(await beforeDeactivation()).toBe(200);
    await api.request('PATCH', `/api/users/${user.id}`, { body: { active: false } });
    await api.request('PATCH', `/api/users/${user.id}`, { body: { active: true } });
    expect(await beforeDeactivation()).toBe(401);
  });

  it('takes as long to answer a reset request for an unknown email as for an account', async () => {
    const user = await signUp(api, { role: 'viewer' });
    const timed = async (email: string) => {
      const started = performance.now();
      expect((await requestReset(email)).status).toBe(202);
      return performance.now() - started;
    };
    // Each takes RESET_ANSWER_MS (120 ms) at least: more than the work an existing account adds.
    for (const email of [user.email, uniqueEmail('nobody'), user.email, uniqueEmail('nobody')]) {
      expect(await timed(email)).toBeGreaterThanOrEqual(115);
    }
  });

  it('answers 202 for an unknown or deactivated account and sends nothing', async () => {
    const unknown = uniqueEmail('nobody');
    expect((await requestReset(unknown)).status).toBe(202);
    const gone = await signUp(api, { role: 'viewer' });
    await api.request('PATCH', `/api/users/${gone.id}`, { body: { active: false } });
    expect((await requestReset(gone.email)).status).toBe(202);
    // The email is composed inside the request, so by now it would be in the outbox.
    expect(await outboxRows(unknown)).toEqual([]);
    expect(await outboxRows(gone.email)).toEqual([]);
    const bad = await requestReset('not-an-email');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.message)).toContain('email must be an email address');
  });

  it('refuses an expired link and leaves the password as it was', async () => {
    const user = await signUp(api, { role: 'viewer' });
    await requestReset(user.email);
    const { token } = await nthMail(user.email);
    const hash = createHash('sha256').update(token).digest();
    const link = await api.db.query(
      'SELECT extract(epoch FROM expires_at - created_at)::int AS seconds FROM password_link WHERE token_hash = $1',
      [hash],
    );
    expect(link.rows[0].seconds).toBe(3600);
    await api.db.query(`UPDATE password_link SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [
      hash,
    ]);
    const res = await setPassword(token, 'too late passphrase');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'link-expired', message: expect.stringContaining('expired') });
    expect((await login(user.email, 'too late passphrase')).status).toBe(401);
    expect((await login(user.email, 'a-long-enough-password')).status).toBe(200);
  });

  it('refuses a made-up token, a malformed one and a short password, naming the field', async () => {
    const madeUp = await setPassword('A'.repeat(43), 'long enough passphrase');
    expect(madeUp.status).toBe(400);
    expect(madeUp.body.code).toBe('link-invalid');
    const malformed = await setPassword('not-a-token', 'long enough passphrase');
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body.message)).toContain('token must be the 43-character token');
    const short = await setPassword('A'.repeat(43), 'short');
    expect(JSON.stringify(short.body.message)).toContain('password must be longer than or equal to 10 characters');
  });

  it('re-sends an invitation, voiding the earlier link; a deactivated account cannot use its link', async () => {
    const email = uniqueEmail('reinvited');
    const created = await api.request('POST', '/api/users', { body: { email, name: 'Re Invited', role: 'viewer' } });
    const first = await nthMail(email, 1);
    const resent = await api.request('POST', `/api/users/${created.body.id}/invitation`);
    expect(resent.status).toBe(202);
    expect(resent.body).toEqual({ sentTo: email, expiresAt: expect.any(String) });
    const days = (Date.parse(resent.body.expiresAt) - Date.now()) / 86400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    const second = await nthMail(email, 2);
    expect((await setPassword(first.token, 'first link passphrase')).body.code).toBe('link-used');

    await api.request('PATCH', `/api/users/${created.body.id}`, { body: { active: false } });
    expect((await setPassword(second.token, 'second link passphrase')).status).toBe(400);
    await api.request('PATCH', `/api/users/${created.body.id}`, { body: { active: true } });
    const third = await api.request('POST', `/api/users/${created.body.id}/invitation`);
    expect(third.status).toBe(202);
    const { token } = await nthMail(email, 3);
    expect((await setPassword(token, 'third link passphrase')).status).toBe(200);
    const fourth = await api.request('POST', `/api/users/${created.body.id}/invitation`);
    expect(fourth.status).toBe(409);
    expect(fourth.body.message).toContain('has already chosen a password');
  });

  it('sends at most three reset emails per account per hour', async () => {
    const user = await signUp(api, { role: 'viewer' });
    for (let i = 0; i < 5; i++) expect((await requestReset(user.email)).status).toBe(202);
    expect(await outboxRows(user.email)).toHaveLength(3);
  });

  it('reads one user, and keeps at least one active admin', async () => {
    const admin = (await api.request('GET', '/api/me')).body;
    const one = await api.request('GET', `/api/users/${admin.id}`);
    expect(one.body).toMatchObject({ email: ADMIN.email, role: 'admin' });
    expect((await api.request('GET', '/api/users/not-a-uuid')).body.message).toBe('id must be a user id (UUID)');
    const demote = await api.request('PATCH', `/api/users/${admin.id}`, { body: { role: 'viewer' } });
    expect(demote.status).toBe(409);
    expect(demote.body).toMatchObject({ code: 'last-admin' });
    expect((await api.request('PATCH', `/api/users/${admin.id}`, { body: { active: false } })).status).toBe(409);

    const second = await signUp(api, { role: 'admin' });
    const handedOver = await api.request('PATCH', `/api/users/${admin.id}`, {
      token: second.token,
      body: { role: 'campaign-officer' },
    });
    expect(handedOver.status).toBe(200);
    const back = await api.request('PATCH', `/api/users/${admin.id}`, { token: second.token, body: { role: 'admin' } });
    expect(back.status).toBe(200);
  });

  it('refuses null and unknown fields in a user change instead of failing or ignoring them', async () => {
    const user = await signUp(api, { role: 'viewer' });
    for (const body of [{ name: null }, { role: null }, { active: null }, { regions: null }, { password: null }]) {
      const res = await api.request('PATCH', `/api/users/${user.id}`, { body });
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
    }
    const blank = await api.request('PATCH', `/api/users/${user.id}`, { body: { name: '   ' } });
    expect(blank.body.message).toEqual(['name must not be blank']);
    const extra = await api.request('PATCH', `/api/users/${user.id}`, { body: { email: 'new@x.org' } });
    expect(extra.body.message).toEqual(['property email should not exist']);
    expect((await api.request('GET', `/api/users/${user.id}`)).body).toMatchObject({ role: 'viewer', active: true });
  });
});

async function waitUntil(check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
