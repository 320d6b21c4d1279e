import { INestApplicationContext } from '@nestjs/common';
import Redis from 'ioredis';
import { SmtpSink } from './support/smtp-sink';
import { signUp, startApi, TestApi } from './support/api';
import { startWorker } from './support/worker';

jest.setTimeout(90_000);

const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();
const daysAgo = (d: number) => new Date(Date.now() - d * 86400_000).toISOString();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('follow-up reminders through the job queue', () => {
  let api: TestApi;
  let worker: INestApplicationContext | undefined;
  const smtp = new SmtpSink();
  let officer: { id: string; email: string; token: string };

  beforeAll(async () => {
    await smtp.start();
    api = await startApi({
      SMTP_URL: smtp.url,
      RECONCILE_EVERY_SECONDS: '5',
      QUEUE_MAIL_BACKOFF_MS: '500',
      ESCALATE_AFTER_DAYS: '3',
    });
    officer = await signUp(api, { role: 'regional-officer', regions: ['africa'], name: 'Africa Officer' });
    worker = await startWorker();
  });
  afterAll(async () => {
    await worker?.close();
    await api.close();
    await smtp.stop();
  });

  const createFollowUp = async (body: Record<string, unknown>, token = officer.token) => {
    const res = await api.request('POST', '/api/follow-ups', {
      token,
      body: { stateCode: 'KEN', title: 'Call the Attorney General', ...body },
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const mailsAbout = (title: string) => smtp.mails.filter((m) => m.subject.includes(title));

  it('sends exactly one reminder to the assignee when it is due, naming the state and the follow-up', async () => {
    const fu = await createFollowUp({ title: 'Due soon 1', remindAt: inSeconds(2) });
    expect(fu).toMatchObject({ status: 'open', assigneeId: officer.id, stateName: 'Kenya' });
    await smtp.waitFor(() => mailsAbout('Due soon 1').length === 1);
    await sleep(2000);
    const mails = mailsAbout('Due soon 1');
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toEqual([officer.email]);
    expect(mails[0].subject).toBe('Follow-up due: Due soon 1 (Kenya)');
    // The link opens the follow-up's page (through sign-in), not the API's JSON.
    expect(mails[0].body).toContain(`/follow-ups/${fu.id}`);
    expect(mails[0].body).not.toContain(`/api/follow-ups/${fu.id}`);
    expect(mails[0].raw).toMatch(/Content-Type: text\/plain/);
    expect(mails[0].raw).toMatch(/Content-Type: text\/html/);
    const row = (
      await api.db.query(`SELECT status, attempts, sent_at FROM outbox_email WHERE idempotency_key LIKE $1`, [
        `reminder:${fu.id}:%`,
      ])
    ).rows;
    expect(row).toEqual([{ status: 'sent', attempts: 1, sent_at: expect.any(Date) }]);
  });

  it('sends a rescheduled reminder at the new time only', async () => {
    const fu = await createFollowUp({ title: 'Moved later', remindAt: inSeconds(2) });
    const moved = await api.request('PATCH', `/api/follow-ups/${fu.id}`, {
      token: officer.token,
      body: { remindAt: inSeconds(6) },
    });
    expect(moved.status).toBe(200);
    await sleep(4000);
    expect(mailsAbout('Moved later')).toHaveLength(0);
    await smtp.waitFor(() => mailsAbout('Moved later').length === 1);
    expect(mailsAbout('Moved later')[0].receivedAt).toBeGreaterThanOrEqual(Date.parse(moved.body.remindAt));
    await sleep(1500);
    expect(mailsAbout('Moved later')).toHaveLength(1);
  });

  it('sends a reminder composed ahead at its time, with the wording and assignee as changed meanwhile', async () => {
    const colleague = await signUp(api, { role: 'campaign-officer', name: 'Colleague' });
    const fu = await createFollowUp({ title: 'Old wording', remindAt: inSeconds(5) });
    // Reminders are composed shortly before they are due: wait until this one is, then change it.
    const composed = async () =>
      (await api.db.query(`SELECT 1 FROM outbox_email WHERE idempotency_key LIKE $1`, [`reminder:${fu.id}:%`]))
        .rowCount;
    for (let i = 0; i < 30 && !(await composed()); i++) await sleep(100);
    expect(await composed()).toBe(1);
    const changed = await api.request('PATCH', `/api/follow-ups/${fu.id}`, {
      token: officer.token,
      body: { title: 'New wording', assigneeId: colleague.id },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.reminderSentFor).toBeNull();
    await smtp.waitFor(() => mailsAbout('New wording').length === 1);
    await sleep(1500);
    expect(mailsAbout('Old wording')).toHaveLength(0);
    const [mail] = mailsAbout('New wording');
    expect(mailsAbout('New wording')).toHaveLength(1);
    expect(mail.to).toEqual([colleague.email]);
    expect(mail.receivedAt).toBeGreaterThanOrEqual(Date.parse(fu.remindAt));
    const after = await api.request('GET', `/api/follow-ups/${fu.id}`, { token: officer.token });
    expect(after.body.reminderSentFor).toBe(fu.remindAt);
  });

  it('never sends the reminder of a closed follow-up, and refuses to close it twice', async () => {
    const fu = await createFollowUp({ title: 'Closed early', remindAt: inSeconds(2) });
    const done = await api.request('PATCH', `/api/follow-ups/${fu.id}`, {
      token: officer.token,
      body: { status: 'done' },
    });
    expect(done.body).toMatchObject({ status: 'done', closedAt: expect.any(String) });
    const again = await api.request('PATCH', `/api/follow-ups/${fu.id}`, {
      token: officer.token,
      body: { status: 'cancelled' },
    });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('already done');
    await sleep(4000);
    expect(mailsAbout('Closed early')).toHaveLength(0);
  });

  it('sends a reopened follow-up’s reminder once: not again if it went before it was closed, at its time if not', async () => {
    const sent = await createFollowUp({ title: 'Reopened after its reminder', remindAt: inSeconds(2) });
    await smtp.waitFor(() => mailsAbout('Reopened after its reminder').length === 1);
    const patch = (id: string, body: Record<string, unknown>) =>
      api.request('PATCH', `/api/follow-ups/${id}`, { token: officer.token, body });
    expect((await patch(sent.id, { status: 'done' })).status).toBe(200);
    expect((await patch(sent.id, { status: 'open' })).body).toMatchObject({ status: 'open', closedAt: null });

    const early = await createFollowUp({ title: 'Reopened before its reminder', remindAt: inSeconds(4) });
    expect((await patch(early.id, { status: 'cancelled' })).status).toBe(200);
    expect((await patch(early.id, { status: 'open' })).status).toBe(200);
    await smtp.waitFor(() => mailsAbout('Reopened before its reminder').length === 1);
    await sleep(6000); // a reconciler pass later
    expect(mailsAbout('Reopened after its reminder')).toHaveLength(1);
    expect(mailsAbout('Reopened before its reminder')).toHaveLength(1);
  });

  it('escalates an ignored follow-up once to the regional officers of its region', async () => {
    const assignee = await signUp(api, { role: 'campaign-officer', name: 'Busy Officer' });
    // Due four days ago (the API takes no past time: written as if set then); the reconciler finds it due.
    await api.db.query(
      `INSERT INTO follow_up (state_code, region, title, remind_at, assignee_id, created_by)
       SELECT code, region, 'Ignored one', $1, $2, $2 FROM state WHERE code = 'KEN'`,
      [daysAgo(4), assignee.id],
    );
    await smtp.waitFor(() => mailsAbout('Ignored one').length === 2);
    await sleep(6000); // a reconciler pass later
    const mails = mailsAbout('Ignored one');
    expect(mails.map((m) => [m.to[0], m.subject]).sort()).toEqual(
      [
        [assignee.email, 'Follow-up due: Ignored one (Kenya)'],
        [officer.email, 'Overdue follow-up: Ignored one (Kenya)'],
      ].sort(),
    );
    expect(mails.find((m) => m.to[0] === officer.email)!.body).toContain('Busy Officer');
  });

  it('sends no email on demand: a past time is refused on create and on every PATCH', async () => {
    // The scenario: in a region with no regional officer (Peru: every admin hears of an escalation), a
    // follow-up due in the past and five PATCHes to other past times gave 18 emails.
    const created = await api.request('POST', '/api/follow-ups', {
      token: api.adminToken,
      body: { stateCode: 'PER', title: 'On demand 0', remindAt: daysAgo(4) },
    });
    expect(created.status).toBe(400);
    expect(created.body).toMatchObject({ code: 'remind-at-past' });
    const fu = await createFollowUp(
      { stateCode: 'PER', title: 'On demand 1', remindAt: inSeconds(3600) },
      api.adminToken,
    );
    for (let i = 1; i <= 5; i++) {
      const res = await api.request('PATCH', `/api/follow-ups/${fu.id}`, { body: { remindAt: daysAgo(3 + i) } });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'remind-at-past' });
      expect(res.body.message).toMatch(/^remindAt \S+ has passed: a reminder time must be in the future/);
    }
    await sleep(6000); // a reconciler pass
    expect(mailsAbout('On demand')).toHaveLength(0);
    expect((await api.request('GET', `/api/follow-ups/${fu.id}`)).body.remindAt).toBe(fu.remindAt);
  });

  it('sends a follow-up at most 5 reminders within 24 hours: a sixth reschedule is refused with 409', async () => {
    const fu = await createFollowUp(
      { stateCode: 'PER', title: 'Moved often', remindAt: inSeconds(3600) },
      api.adminToken,
    );
    for (let i = 1; i <= 5; i++) {
      const res = await api.request('PATCH', `/api/follow-ups/${fu.id}`, { body: { remindAt: inSeconds(1) } });
      expect(res.status).toBe(200);
      await smtp.waitFor(() => mailsAbout('Moved often').length === i);
    }
    const sixth = await api.request('PATCH', `/api/follow-ups/${fu.id}`, { body: { remindAt: inSeconds(1) } });
    expect(sixth.status).toBe(409);
    expect(sixth.body).toMatchObject({ code: 'too-many-reminders' });
    expect(sixth.body.message).toMatch(/at most 5 are sent a day: choose \S+ or later$/);
    await sleep(3000);
    expect(mailsAbout('Moved often')).toHaveLength(5);
    // A time a day after the first of them is taken.
    const later = await api.request('PATCH', `/api/follow-ups/${fu.id}`, { body: { remindAt: inSeconds(2 * 86400) } });
    expect(later.status).toBe(200);
  });

  it('escalates a follow-up once whatever its reschedules, to each admin when its region has no officer', async () => {
    const admins: string[] = (
      await api.db.query(`SELECT email FROM app_user WHERE role = 'admin' AND active`)
    ).rows.map((r: { email: string }) => r.email);
    const {
      rows: [{ id }],
    } = await api.db.query(
      `INSERT INTO follow_up (state_code, region, title, remind_at, assignee_id, created_by)
       SELECT s.code, s.region, 'Escalated once', $1, u.id, u.id
         FROM state s, (SELECT id FROM app_user WHERE role = 'admin' ORDER BY created_at LIMIT 1) u
        WHERE s.code = 'PER'
       RETURNING id`,
      [daysAgo(4)],
    );
    const overdue = () => mailsAbout('Escalated once').filter((m) => m.subject.startsWith('Overdue'));
    const due = () => mailsAbout('Escalated once').filter((m) => m.subject.startsWith('Follow-up due'));
    await smtp.waitFor(() => due().length === 1 && overdue().length === admins.length);
    // Rescheduled and reminded again, then ignored again for days (the clock moved on: its times moved back).
    expect((await api.request('PATCH', `/api/follow-ups/${id}`, { body: { remindAt: inSeconds(1) } })).status).toBe(
      200,
    );
    await smtp.waitFor(() => due().length === 2);
    await sleep(1000);
    await api.db.query(
      `UPDATE follow_up SET remind_at = remind_at - interval '4 days', reminder_for = reminder_for - interval '4 days'
        WHERE id = $1`,
      [id],
    );
    await sleep(7000); // more than a reconciler pass
    expect(
      overdue()
        .map((m) => m.to[0])
        .sort(),
    ).toEqual([...admins].sort());
    expect(due()).toHaveLength(2);
  });

  it('sends no reminder to an assignee deactivated since, and records why', async () => {
    const leaving = await signUp(api, { role: 'campaign-officer', name: 'Leaving Officer' });
    const fu = await createFollowUp({ title: 'Left behind', remindAt: inSeconds(3600), assigneeId: leaving.id });
    expect((await api.request('PATCH', `/api/users/${leaving.id}`, { body: { active: false } })).status).toBe(200);
    const moved = await api.request('PATCH', `/api/follow-ups/${fu.id}`, {
      token: officer.token,
      body: { remindAt: inSeconds(1) },
    });
    expect(moved.status).toBe(200);
    const outcome = async () =>
      (await api.db.query(`SELECT outcome FROM follow_up_reminder WHERE follow_up_id = $1`, [fu.id])).rows;
    for (let i = 0; i < 100 && (await outcome()).length === 0; i++) await sleep(100);
    expect(await outcome()).toEqual([{ outcome: 'assignee-inactive' }]);
    await sleep(2000);
    expect(mailsAbout('Left behind')).toHaveLength(0);
  });

  it('still sends every reminder when Redis loses the queued jobs', async () => {
    const titles = ['Flushed A', 'Flushed B', 'Flushed C'];
    for (const title of titles) await createFollowUp({ title, remindAt: inSeconds(3) });
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const keys = await redis.keys(`${process.env.QUEUE_PREFIX}:*`);
    expect(keys.length).toBeGreaterThan(0);
    await redis.del(...keys);
    await redis.quit();
    await smtp.waitFor(() => titles.every((t) => mailsAbout(t).length >= 1), 30_000);
    await sleep(2000);
    expect(titles.map((t) => mailsAbout(t).length)).toEqual([1, 1, 1]);
  });

  it('delivers every email once after SMTP was down for a while, recording the attempts', async () => {
    const port = smtp.port;
    await smtp.stop();
    const titles = ['While down 1', 'While down 2'];
    for (const title of titles) await createFollowUp({ title, remindAt: inSeconds(1) });
    await sleep(4000);
    const pending = (
      await api.db.query(
        `SELECT status, attempts, last_error FROM outbox_email WHERE subject LIKE 'Follow-up due: While down%'`,
      )
    ).rows;
    expect(pending).toHaveLength(2);
    for (const row of pending) {
      expect(row.status).toMatch(/pending|sending/);
      expect(row.attempts).toBeGreaterThanOrEqual(2);
      expect(row.last_error).toMatch(/ECONNREFUSED|connect/i);
    }
    await smtp.start(port);
    await smtp.waitFor(() => titles.every((t) => mailsAbout(t).length === 1), 30_000);
    await sleep(1500);
    expect(titles.map((t) => mailsAbout(t).length)).toEqual([1, 1]);
    const sent = (
      await api.db.query(`SELECT status, attempts FROM outbox_email WHERE subject LIKE 'Follow-up due: While down%'`)
    ).rows;
    expect(sent.every((r: { status: string; attempts: number }) => r.status === 'sent' && r.attempts >= 3)).toBe(true);
  });
});
