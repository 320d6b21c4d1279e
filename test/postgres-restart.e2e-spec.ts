import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { withClient } from './support/database';
import { PostgresCluster } from './support/postgres-cluster';
import { freePort, startBuilt, Started, waitForHttp } from './support/processes';
import { SmtpSink } from './support/smtp-sink';
import { ADMIN, runId } from './support/test-env';

jest.setTimeout(240_000);

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` (a failure counts as not yet) until it holds; throws if it has not RECOVERY_MS after `since`. */
async function holdsWithin(since: number, what: string, probe: () => Promise<boolean>): Promise<void> {
  for (;;) {
    if (await probe().catch(() => false)) return;
    if (Date.now() - since > RECOVERY_MS) throw new Error(`not ${what} ${RECOVERY_MS} ms after PostgreSQL came back`);
    await sleep(250);
  }
}
/** How soon after PostgreSQL is back the api must serve again, by itself. */
const RECOVERY_MS = 10_000;

/**
 * PostgreSQL restarted under a running api and worker, with reminders pending: a cluster of the suite's own, so
 * stopping it disturbs no other suite.
 */
describe('a PostgreSQL restart with reminders pending', () => {
  const smtp = new SmtpSink();
  const prefix = `test_${runId()}_${randomBytes(3).toString('hex')}`;
  let cluster: PostgresCluster;
  let api: Started | undefined;
  let worker: Started | undefined;
  let url = '';

  beforeAll(async () => {
    await smtp.start();
    cluster = await new PostgresCluster(await freePort()).create();
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const env = {
      DATABASE_URL: cluster.url(`tracker_test_${runId()}_restart`),
      QUEUE_PREFIX: prefix,
      SMTP_URL: smtp.url,
      PORT: String(port),
      RECONCILE_EVERY_SECONDS: '5',
      QUEUE_MAIL_BACKOFF_MS: '500',
      QUEUE_REMINDERS_BACKOFF_MS: '500',
      LOG_LEVEL: 'info',
    };
    // The api prepares the new cluster's database (migrations, reference data, the first admin) before it listens.
    api = startBuilt('api', env);
    await waitForHttp(`${url}/health/ready`, 120_000).catch((err: Error) => {
      throw new Error(`${err.message}\n${api?.output()}`);
    });
    worker = startBuilt('worker', env);
    await worker.waitFor('Worker connected to Redis and ready');
  });
  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await smtp.stop();
    await cluster?.remove();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  const call = async (method: string, path: string, token?: string, body?: unknown) => {
    const res = await fetch(url + path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(5_000),
    });
    const json: any = await res.json().catch(() => null);
    return { status: res.status, body: json };
  };

  it('sends every reminder once and serves again within seconds, restarting neither the api nor the worker', async () => {
    const login = await call('POST', '/api/auth/login', undefined, ADMIN);
    expect(login.status).toBe(200);
    const token = login.body.accessToken as string;

    const count = 20;
    const due = Date.now() + 8_000;
    const titles = Array.from({ length: count }, (_, i) => `Restart test ${i}`);
    for (const title of titles) {
      const created = await call('POST', '/api/follow-ups', token, {
        stateCode: 'PER',
        title,
        remindAt: new Date(due).toISOString(),
      });
      expect(created.status).toBe(201);
    }
    const databaseUrl = cluster.url(`tracker_test_${runId()}_restart`);
    const listening = () =>
      withClient(databaseUrl, async (c) => {
        const { rows } = await c.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'listen:status_changed'`,
        );
        return rows[0].n;
      });
    const listeners = await listening();
    expect(listeners).toBeGreaterThan(0);

    // Down across the reminders' time: some were composed ahead, some not yet; none can be sent meanwhile.
    await sleep(1_000);
    await cluster.stop();
    await sleep(Math.max(0, due + 2_000 - Date.now()));
    expect(smtp.mails).toEqual([]);
    await cluster.start();
    const back = Date.now();

    // The api serves again by itself: a route that reads PostgreSQL, with the token issued before the restart.
    await holdsWithin(
      back,
      'the api answered 200',
      async () => (await call('GET', '/api/follow-ups?limit=1', token)).status === 200,
    );
    expect((await call('GET', '/health/ready')).status).toBe(200);
    expect((await call('GET', '/api/states/UKR', token)).status).toBe(200);
    // And LISTENs again for status changes, which its caches rely on while that connection is up.
    await holdsWithin(back, 'every LISTEN was back', async () => (await listening()) === listeners);

    // Every reminder arrives, once, after a reconciler pass more.
    await smtp.waitFor((mails) => titles.every((t) => mails.some((m) => m.subject.includes(`${t} (`))), 60_000);
    await sleep(6_000);
    const perTitle = titles.map((t) => smtp.mails.filter((m) => m.subject.includes(`${t} (`)).length);
    expect(perTitle).toEqual(titles.map(() => 1));
    expect(smtp.mails).toHaveLength(count);
    const rows = await withClient(
      databaseUrl,
      async (c) => (await c.query(`SELECT status, count(*)::int AS n FROM outbox_email GROUP BY status`)).rows,
    );
    expect(rows).toEqual([{ status: 'sent', n: count }]);
    // Neither process was restarted.
    expect(api!.child.exitCode).toBeNull();
    expect(worker!.child.exitCode).toBeNull();
  });
});
