import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { redisOptions } from '@app/platform';
import { createTestDatabase, withClient } from './support/database';
import { startBuilt, Started } from './support/processes';
import { SmtpSink } from './support/smtp-sink';
import { runId } from './support/test-env';

jest.setTimeout(150_000);

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const until = (at: number) => sleep(Math.max(0, at - Date.now()));

/** The wall-clock date and time of `at` in `zone`. */
function wallClock(at: number, zone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return {
    y: get('year'),
    m: get('month'),
    d: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** A cron (with seconds) firing once a day at the time of day `at` has in `zone`: it fires only if read in that zone. */
const dailyCronAt = (at: number, zone: string) => {
  const t = wallClock(at, zone);
  return `${t.second} ${t.minute} ${t.hour} * * *`;
};

/** The ISO week that ended on the last Sunday before the day of `at` in `zone`, worked out independently. */
function weekEndedBefore(at: number, zone: string): string {
  const { y, m, d } = wallClock(at, zone);
  const day = new Date(Date.UTC(y, m - 1, d));
  const sunday = new Date(day.getTime() - (day.getUTCDay() || 7) * 86400_000);
  const thursday = new Date(sunday.getTime() - 3 * 86400_000);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

describe('the weekly digest schedule', () => {
  const smtp = new SmtpSink();
  const workers: Started[] = [];
  const prefixes: string[] = [];

  beforeAll(async () => {
    await smtp.start();
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
  });
  afterAll(async () => {
    await smtp.stop();
    const redis = new Redis(REDIS_URL);
    for (const prefix of prefixes) {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys);
    }
    await redis.quit();
  });

  /** A database of its own with two steering-committee members, a queue prefix of its own, and the env of its workers. */
  async function setUp(name: string) {
    const databaseUrl = await createTestDatabase();
    const prefix = `test_${runId()}_${randomBytes(3).toString('hex')}`;
    prefixes.push(prefix);
    const recipients = [`${name}.one@committee.test`, `${name}.two@committee.test`, `${name}.extra@coalition.test`];
    await withClient(databaseUrl, (c) =>
      c.query(
        `INSERT INTO app_user (email, name, role) VALUES ($1, 'One', 'steering-committee'), ($2, 'Two', 'steering-committee')`,
        recipients.slice(0, 2),
      ),
    );
    const env = (cron: string, zone: string) => ({
      DATABASE_URL: databaseUrl,
      QUEUE_PREFIX: prefix,
      SMTP_URL: smtp.url,
      DIGEST_CRON: cron,
      DIGEST_TZ: zone,
      DIGEST_EXTRA_RECIPIENTS: recipients[2],
      RECONCILE_EVERY_SECONDS: '5',
      QUEUE_MAIL_BACKOFF_MS: '500',
      LOG_LEVEL: 'info',
    });
    const start = async (cron: string, zone: string) => {
      const worker = startBuilt('worker', env(cron, zone));
      workers.push(worker);
      await worker.waitFor('Digest scheduled at');
      return worker;
    };
    const mails = () => smtp.mails.filter((m) => recipients.includes(m.to[0]));
    const runs = () =>
      withClient(databaseUrl, async (c) => (await c.query('SELECT week, trigger FROM digest_run ORDER BY week')).rows);
    const schedulers = async () => {
      const queue = new Queue('digest', { connection: redisOptions(REDIS_URL), prefix });
      try {
        return await queue.getJobSchedulers();
      } finally {
        await queue.close();
      }
    };
    /** Waits for one email per recipient, then a reconciler pass more, and checks no second copy came. */
    const expectOneEach = async (week: string) => {
      await smtp.waitFor(() => recipients.every((r) => mails().some((m) => m.to[0] === r)), 40_000);
      await sleep(7_000);
      expect(
        mails()
          .map((m) => [m.to[0], m.subject.replace(/ \(.*\)$/, '')])
          .sort(),
      ).toEqual(recipients.map((r) => [r, `Rome Statute campaign: week ${week}`]).sort());
    };
    return { start, mails, runs, schedulers, expectOneEach, env };
  }

  it('fires at the configured cron in the configured time zone, for the week that ended before the run', async () => {
    // Kathmandu is UTC+05:45: read in UTC (or in the server's zone) this cron would fire hours away.
    const zone = 'Asia/Kathmandu';
    const fireAt = Math.ceil((Date.now() + 20_000) / 1000) * 1000;
    const cron = dailyCronAt(fireAt, zone);
    const s = await setUp('tz');
    await s.start(cron, zone);
    expect(Date.now()).toBeLessThan(fireAt - 2000); // the worker came up in time for the test to mean something
    expect(await s.schedulers()).toEqual([expect.objectContaining({ pattern: cron, tz: zone, next: fireAt })]);

    await until(fireAt - 1000);
    expect(s.mails()).toEqual([]);
    const week = weekEndedBefore(fireAt, zone);
    await s.expectOneEach(week);
    for (const mail of s.mails()) {
      expect(mail.receivedAt).toBeGreaterThanOrEqual(fireAt);
      expect(mail.receivedAt).toBeLessThan(fireAt + 15_000);
    }
    expect(await s.runs()).toEqual([{ week, trigger: 'schedule' }]);
  });

  it('sends a run missed while the worker was down once, when it comes back', async () => {
    const zone = 'Europe/Amsterdam';
    const fireAt = Math.ceil((Date.now() + 20_000) / 1000) * 1000;
    const cron = dailyCronAt(fireAt, zone);
    const s = await setUp('down');
    const first = await s.start(cron, zone);
    expect((await first.stop('SIGKILL')).signal).toBe('SIGKILL');

    await until(fireAt + 3000);
    expect(s.mails()).toEqual([]);
    await s.start(cron, zone);
    const week = weekEndedBefore(fireAt, zone);
    await s.expectOneEach(week);
    expect(await s.runs()).toEqual([{ week, trigger: expect.stringMatching(/^(catch-up|schedule)$/) }]);
  });

  it('catches up a run that Redis never delivered: the worker down at its time and no delayed job left', async () => {
    const zone = 'Europe/Amsterdam';
    const fireAt = Math.ceil((Date.now() + 20_000) / 1000) * 1000;
    const cron = dailyCronAt(fireAt, zone);
    const s = await setUp('caught');
    const first = await s.start(cron, zone);
    expect((await first.stop('SIGKILL')).signal).toBe('SIGKILL');
    // Redis loses everything of this queue (the scheduler and the job it had delayed to the run's time), so only
    // PostgreSQL's record of the schedule can tell that the run is owed.
    const redis = new Redis(REDIS_URL);
    const prefix = prefixes[prefixes.length - 1];
    const keys = await redis.keys(`${prefix}:*`);
    expect(keys.length).toBeGreaterThan(0);
    await redis.del(...keys);
    await redis.quit();

    await until(fireAt + 3000);
    const worker = await s.start(cron, zone);
    // Registered again after the run's time, the scheduler's next run is tomorrow's: nothing is delayed to today's.
    const [scheduler, ...others] = await s.schedulers();
    expect(others).toEqual([]);
    expect(scheduler).toMatchObject({ pattern: cron, tz: zone });
    expect(scheduler.next).toBeGreaterThan(fireAt + 3_600_000);
    const week = weekEndedBefore(fireAt, zone);
    await s.expectOneEach(week);
    expect(worker.output()).toContain(`(week ${week}) was missed; sending it now`);
    expect(await s.runs()).toEqual([{ week, trigger: 'catch-up' }]);
  });

  it('sends once when the worker is stopped just after the run fired and started again', async () => {
    const zone = 'America/New_York';
    const fireAt = Math.ceil((Date.now() + 20_000) / 1000) * 1000;
    const cron = dailyCronAt(fireAt, zone);
    const s = await setUp('restart');
    const first = await s.start(cron, zone);
    await until(fireAt + 200);
    expect((await first.stop('SIGTERM')).killed).toBe(false);
    await s.start(cron, zone);
    await s.expectOneEach(weekEndedBefore(fireAt, zone));
    expect(await s.runs()).toHaveLength(1);
  });

  it('registers one schedule and sends one digest when two workers start together', async () => {
    const zone = 'Europe/Amsterdam';
    const fireAt = Math.ceil((Date.now() + 20_000) / 1000) * 1000;
    const cron = dailyCronAt(fireAt, zone);
    const s = await setUp('pair');
    await Promise.all([s.start(cron, zone), s.start(cron, zone)]);
    expect(await s.schedulers()).toEqual([expect.objectContaining({ pattern: cron, tz: zone, next: fireAt })]);
    await s.expectOneEach(weekEndedBefore(fireAt, zone));
    expect(await s.runs()).toHaveLength(1);
  });

  it('still sends the run once when Redis loses the schedule before it fires', async () => {
    const zone = 'Europe/Amsterdam';
    const fireAt = Math.ceil((Date.now() + 20_000) / 1000) * 1000;
    const cron = dailyCronAt(fireAt, zone);
    const s = await setUp('flushed');
    const worker = await s.start(cron, zone);
    const redis = new Redis(REDIS_URL);
    const prefix = prefixes[prefixes.length - 1];
    const keys = await redis.keys(`${prefix}:*`);
    expect(keys.length).toBeGreaterThan(0);
    await redis.del(...keys);
    await redis.quit();

    await s.expectOneEach(weekEndedBefore(fireAt, zone));
    expect(worker.output()).toContain('The digest schedule was missing from Redis');
    expect(await s.runs()).toHaveLength(1);
  });
});
