import { DataSource } from 'typeorm';
import { UserDirectory, UsersRepository } from '@app/accounts';
import { FollowUpsRepository, RemindersService } from '@app/follow-ups';
import { MailTransport, OutboxRepository, OutboxService } from '@app/mail';
import { AppConfig, Job, JobQueue } from '@app/platform';
import { makeFollowUp, makeUser } from '../../factories';
import { openTestDatabase } from '../../support/medium';

const DAY = 86_400_000;
const ago = (ms: number) => new Date(Date.now() - ms);

/** Who hears of a follow-up still open ESCALATE_AFTER_DAYS after its reminder, and when. */
describe('RemindersService escalation', () => {
  let db: DataSource;
  let reminders: RemindersService;
  let transport: MailTransport;
  const queued: Job[] = [];

  beforeAll(async () => {
    db = await openTestDatabase();
    const config = Object.assign(new AppConfig(), { PUBLIC_URL: 'https://tracker.test', ESCALATE_AFTER_DAYS: 3 });
    const jobs = {
      add: (job: Job) => {
        queued.push(job);
        return Promise.resolve(true);
      },
    } as unknown as JobQueue;
    transport = new MailTransport(config);
    reminders = new RemindersService(
      db,
      new FollowUpsRepository(db),
      new UserDirectory(db, new UsersRepository(db)),
      new OutboxService(new OutboxRepository(db), transport, jobs),
      jobs,
      config,
    );
  });
  afterAll(async () => {
    transport.onApplicationShutdown();
    await db.destroy();
  });

  /** An open follow-up about `stateCode` whose reminder went out `remindedAgo` ago. */
  const reminded = async (stateCode: string, remindedAgo: number, status: 'open' | 'done' | 'cancelled' = 'open') => {
    const f = await makeFollowUp(db, { stateCode, remindAt: ago(remindedAgo), status });
    await db.query('UPDATE follow_up SET reminder_for = remind_at WHERE id = $1', [f.id]);
    return f;
  };
  const escalate = (f: { id: string; remindAt: Date }) => reminders.escalate(f.id, f.remindAt.toISOString());
  const recipientsOf = async (followUpId: string): Promise<string[]> =>
    (
      await db.query<{ recipient: string }[]>(
        `SELECT recipient FROM outbox_email WHERE kind = 'escalation' AND idempotency_key LIKE $1 ORDER BY recipient`,
        [`escalation:${followUpId}:%`],
      )
    ).map((r) => r.recipient);
  const listedForEscalation = async (followUpId: string) =>
    (await reminders.dueJobs()).some((j) => j.name === 'follow-up.escalation' && j.data.followUpId === followUpId);

  it("emails only the active regional officers of the follow-up's region", async () => {
    const africa = await makeUser(db, { role: 'regional-officer', regions: ['africa'] });
    const both = await makeUser(db, { role: 'regional-officer', regions: ['europe', 'africa'] });
    await makeUser(db, { role: 'regional-officer', regions: ['europe'] });
    await makeUser(db, { role: 'regional-officer', regions: ['africa'], active: false });
    await makeUser(db, { role: 'campaign-officer', regions: ['africa'] });
    const f = await reminded('KEN', 4 * DAY);
    expect(await listedForEscalation(f.id)).toBe(true);

    queued.length = 0;
    expect(await escalate(f)).toBe('composed');
    const expected = [africa.email, both.email].sort();
    expect(await recipientsOf(f.id)).toEqual(expected);
    expect(queued.filter((j) => j.name === 'mail.send')).toHaveLength(2);
    // Once: a second delivery of the job, or the reconciler, finds it done.
    expect(await escalate(f)).toBe('already-done');
    expect(await listedForEscalation(f.id)).toBe(false);
    expect(await recipientsOf(f.id)).toEqual(expected);
  });

  it('emails the active administrators when no regional officer covers the region', async () => {
    const [{ code }] = await db.query<{ code: string }[]>(
      `SELECT code FROM state WHERE region = 'asia-pacific' ORDER BY code LIMIT 1`,
    );
    const officers = await db.query(
      `SELECT 1 FROM app_user WHERE role = 'regional-officer' AND 'asia-pacific' = ANY(regions)`,
    );
    expect(officers).toEqual([]);
    const admin = await makeUser(db, { role: 'admin' });
    await makeUser(db, { role: 'admin', active: false });
    await makeUser(db, { role: 'regional-officer', regions: ['africa'] });
    const f = await reminded(code, 4 * DAY);

    expect(await escalate(f)).toBe('composed');
    const admins = await db.query<{ email: string }[]>(`SELECT email FROM app_user WHERE role = 'admin' AND active`);
    expect(admins.map((a) => a.email)).toContain(admin.email);
    expect(await recipientsOf(f.id)).toEqual(admins.map((a) => a.email).sort());
  });

  it('does not escalate before ESCALATE_AFTER_DAYS have passed since the reminder', async () => {
    await makeUser(db, { role: 'regional-officer', regions: ['africa'] });
    const early = await reminded('KEN', 3 * DAY - 60_000);
    expect(await listedForEscalation(early.id)).toBe(false);
    expect(await escalate(early)).toBe('not-yet');
    expect(await recipientsOf(early.id)).toEqual([]);

    const late = await reminded('KEN', 3 * DAY + 60_000);
    expect(await listedForEscalation(late.id)).toBe(true);
    expect(await escalate(late)).toBe('composed');
    expect((await recipientsOf(late.id)).length).toBeGreaterThan(0);
  });

  it('does not escalate a follow-up that was closed, nor one never reminded', async () => {
    await makeUser(db, { role: 'regional-officer', regions: ['africa'] });
    for (const status of ['done', 'cancelled'] as const) {
      const closed = await reminded('KEN', 4 * DAY, status);
      expect(await listedForEscalation(closed.id)).toBe(false);
      expect(await escalate(closed)).toBe('not-wanted');
      expect(await recipientsOf(closed.id)).toEqual([]);
    }
    const neverReminded = await makeFollowUp(db, { stateCode: 'KEN', remindAt: ago(4 * DAY) });
    expect(await listedForEscalation(neverReminded.id)).toBe(false);
  });
});
