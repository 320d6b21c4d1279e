import { DataSource } from 'typeorm';
import { Actor, UserDirectory, UsersRepository } from '@app/accounts';
import { AuditRepository, AuditService } from '@app/audit';
import { FollowUpsRepository, FollowUpsService, MAX_REMINDERS_PER_DAY, RemindersService } from '@app/follow-ups';
import { MailTransport, OutboxRepository, OutboxService } from '@app/mail';
import { AppConfig, DomainError, Job, JobQueue } from '@app/platform';
import { makeFollowUp, makeUser } from '../../factories';
import { openTestDatabase } from '../../support/medium';

const codeOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return `${e.kind}: ${e.code}: ${e.message}`;
    throw e;
  }
  return 'ok';
};
const hours = (n: number) => new Date(Date.now() + n * 3600_000);

/** The rules that keep follow-ups from sending email on demand, against the real tables and outbox. */
describe('follow-up reminders: no email on demand', () => {
  let db: DataSource;
  let followUps: FollowUpsService;
  let reminders: RemindersService;
  let repo: FollowUpsRepository;
  let admin: Actor;
  const queued: Job[] = [];
  beforeAll(async () => {
    db = await openTestDatabase();
    const config = Object.assign(new AppConfig(), { PUBLIC_URL: 'https://tracker.test', ESCALATE_AFTER_DAYS: 3 });
    // The queue is only told; the reconciler and the outbox rows are what the rules are read from.
    const jobs = {
      add: (job: Job) => Promise.resolve(!!queued.push(job)),
      remove: () => Promise.resolve(),
    } as unknown as JobQueue;
    repo = new FollowUpsRepository(db);
    const users = new UserDirectory(db, new UsersRepository(db));
    const outbox = new OutboxService(new OutboxRepository(db), new MailTransport(config), jobs);
    followUps = new FollowUpsService(db, repo, users, jobs, new AuditService(new AuditRepository(db)), config, outbox);
    reminders = new RemindersService(db, repo, users, outbox, jobs, config);
    const made = await makeUser(db, { role: 'admin' });
    admin = { id: made.id, name: made.name, role: 'admin', regions: [] };
  });
  afterAll(() => db.destroy());

  const create = (remindAt: Date, over: { stateCode?: string; assigneeId?: string } = {}) =>
    followUps.create(admin, { stateCode: 'KEN', title: 'Call the ministry', remindAt, ...over });
  const emailsTo = async (key: string): Promise<string[]> =>
    (
      await db.query<{ recipient: string }[]>(
        `SELECT recipient FROM outbox_email WHERE idempotency_key LIKE $1 AND status <> 'cancelled'
          ORDER BY recipient`,
        [key],
      )
    ).map((r) => r.recipient);

  it('refuses a reminder time in the past, beyond five minutes, on create and on reschedule, saving nothing', async () => {
    const [{ before }] = await db.query(`SELECT count(*)::int AS before FROM follow_up`);
    expect(await codeOf(create(hours(-1)))).toMatch(/^invalid: remind-at-past: remindAt .* has passed/);
    expect(await codeOf(create(hours(-96)))).toMatch(/^invalid: remind-at-past/);
    const [{ after }] = await db.query(`SELECT count(*)::int AS after FROM follow_up`);
    expect(after).toBe(before);

    const fu = await create(new Date(Date.now() - 60_000)); // a clock a minute behind
    expect(await codeOf(followUps.update(admin, fu.id, { remindAt: hours(-24) }))).toMatch(/remind-at-past/);
    expect(await codeOf(followUps.update(admin, fu.id, { dueOn: '2020-01-01' }))).toMatch(
      /^invalid: remind-at-past: dueOn 2020-01-01 has passed/,
    );
    expect((await followUps.get(fu.id)).remindAt).toBe(fu.remindAt);
    // Sending back the time it has, once passed, is no change and no refusal.
    expect(await codeOf(followUps.update(admin, fu.id, { remindAt: new Date(fu.remindAt), title: 'Renamed' }))).toBe(
      'ok',
    );
  });

  it(`sends at most ${MAX_REMINDERS_PER_DAY} reminders a follow-up in 24 hours: a reschedule past that is refused`, async () => {
    const fu = await create(hours(1));
    const sent: Date[] = [];
    for (let i = 0; i < MAX_REMINDERS_PER_DAY; i++) {
      // Each time it comes due, its reminder goes out; then it is moved a little later again.
      const at = new Date(Date.now() + 1000 + i);
      expect(await codeOf(followUps.update(admin, fu.id, { remindAt: at }))).toBe('ok');
      expect(await reminders.remind(fu.id, at.toISOString())).toBe('composed');
      // It went out (the worker's part): no longer withdrawn by the next change.
      await db.query(`UPDATE outbox_email SET status = 'sent', attempts = 1 WHERE idempotency_key = $1`, [
        `reminder:${fu.id}:${at.toISOString()}`,
      ]);
      sent.push(at);
    }
    expect(await emailsTo(`reminder:${fu.id}:%`)).toHaveLength(MAX_REMINDERS_PER_DAY);
    const refused = await codeOf(followUps.update(admin, fu.id, { remindAt: hours(2) }));
    expect(refused).toContain('conflict: too-many-reminders');
    expect(refused).toContain(`choose ${new Date(sent[0].getTime() + 86400_000).toISOString()} or later`);
    // A day after the first of them, it may be reminded again.
    expect(await codeOf(followUps.update(admin, fu.id, { remindAt: new Date(sent[0].getTime() + 86400_000) }))).toBe(
      'ok',
    );
  });

  it('does not count a reminder withdrawn before it went out', async () => {
    const fu = await create(hours(1));
    for (let i = 0; i < MAX_REMINDERS_PER_DAY + 2; i++) {
      // Moved while still composed ahead: withdrawn, never sent.
      const at = new Date(Date.now() + 60_000 + i);
      expect(await codeOf(followUps.update(admin, fu.id, { remindAt: at }))).toBe('ok');
      expect(await reminders.remind(fu.id, at.toISOString())).toBe('composed');
    }
    expect(await emailsTo(`reminder:${fu.id}:%`)).toHaveLength(1);
    expect(await codeOf(followUps.update(admin, fu.id, { remindAt: hours(3) }))).toBe('ok');
  });

  it('sends no reminder to a deactivated assignee, recording why, and escalates to active officers only', async () => {
    const assignee = await makeUser(db, { role: 'campaign-officer' });
    const active = await makeUser(db, { role: 'regional-officer', regions: ['mena'] });
    await makeUser(db, { role: 'regional-officer', regions: ['mena'], active: false });
    const f = await makeFollowUp(db, { stateCode: 'JOR', assigneeId: assignee.id, remindAt: hours(-100) });
    await db.query(`UPDATE app_user SET active = false WHERE id = $1`, [assignee.id]);
    const at = f.remindAt.toISOString();

    expect(await reminders.remind(f.id, at)).toBe('assignee-inactive');
    expect(await emailsTo(`reminder:${f.id}:%`)).toEqual([]);
    expect(await repo.reminderLog(db, f.id)).toEqual([{ remindAt: f.remindAt, outcome: 'assignee-inactive' }]);
    const due = await repo.dueReminders({ composeAheadSeconds: 120, limit: 5000 });
    expect(due.map((r) => r.id)).not.toContain(f.id);
    expect(await reminders.remind(f.id, at)).toBe('already-done');

    expect(await reminders.escalate(f.id, at)).toBe('composed');
    expect(await emailsTo(`escalation:${f.id}:%`)).toEqual([active.email]);
  });

  it('escalates a follow-up once, whatever its reschedules, to the admins when its region has no officer', async () => {
    const admins = await db.query<{ email: string }[]>(`SELECT email FROM app_user WHERE role = 'admin' AND active`);
    const f = await makeFollowUp(db, { stateCode: 'NZL', remindAt: hours(-100) });
    expect(await reminders.remind(f.id, f.remindAt.toISOString())).toBe('composed');
    expect(await reminders.escalate(f.id, f.remindAt.toISOString())).toBe('composed');
    expect(await emailsTo(`escalation:${f.id}:%`)).toHaveLength(admins.length);

    // Moved and ignored again (as if days had passed since): reminded again, never escalated again.
    for (const hoursAgo of [-90, -80]) {
      const again = hours(hoursAgo);
      await repo.update(db, f.id, { remindAt: again });
      expect(await reminders.remind(f.id, again.toISOString())).toBe('composed');
      expect((await repo.dueEscalations({ afterDays: 3, limit: 5000 })).map((r) => r.id)).not.toContain(f.id);
      expect(await reminders.escalate(f.id, again.toISOString())).toBe('already-done');
    }
    expect(await emailsTo(`escalation:${f.id}:%`)).toHaveLength(admins.length);
    expect(await emailsTo(`reminder:${f.id}:%`)).toHaveLength(3);
  });
});
