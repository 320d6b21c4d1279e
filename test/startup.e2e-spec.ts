import Redis from 'ioredis';
import { migrations } from '../migrations';
import { deleteRunKeys } from './support/global-teardown';
import { newDatabaseUrl, withClient } from './support/database';
import { freePort, startBuilt, waitForHttp } from './support/processes';
import { ADMIN } from './support/test-env';

jest.setTimeout(120_000);

describe('starting the service on an empty machine', () => {
  it('creates the database, migrates once under a lock and loads reference data when api and worker start together', async () => {
    const databaseUrl = newDatabaseUrl();
    const port = await freePort();
    const env = {
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      LOG_LEVEL: 'info',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    };
    const api = startBuilt('api', env);
    const worker = startBuilt('worker', env);
    try {
      await waitForHttp(`http://127.0.0.1:${port}/health/ready`);
      await worker.waitFor('Worker connected to Redis and ready');
      const migrated = [api.output(), worker.output()].filter((o) => o.includes('Applied migrations'));
      expect(migrated).toHaveLength(1);

      await withClient(databaseUrl, async (db) => {
        expect((await db.query('SELECT count(*)::int AS n FROM schema_migration')).rows[0].n).toBe(migrations.length);
        expect((await db.query('SELECT count(*)::int AS n FROM state')).rows[0].n).toBe(197);
        // Every row of libs/states/data/treaty-events.csv, loaded once whichever process got there first.
        expect((await db.query('SELECT count(*)::int AS n FROM treaty_event')).rows[0].n).toBe(509);
        expect((await db.query('SELECT count(*)::int AS n FROM app_user')).rows[0].n).toBe(1);
      });

      const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(ADMIN),
      });
      expect(login.status).toBe(200);
    } finally {
      // Both shut down on SIGTERM by themselves (Nest re-raises the signal once its hooks have run).
      expect((await api.stop()).killed).toBe(false);
      expect((await worker.stop()).killed).toBe(false);
    }

    // A second start finds nothing to do: no migration, no new reference rows, no status change.
    const revision = () =>
      withClient(databaseUrl, async (db) => (await db.query('SELECT revision FROM status_revision')).rows[0].revision);
    const before = await revision();
    const again = startBuilt('api', env);
    try {
      await waitForHttp(`http://127.0.0.1:${port}/health/ready`);
      expect(again.output()).not.toContain('Applied migrations');
      await withClient(databaseUrl, async (db) => {
        // Every row of libs/states/data/treaty-events.csv, loaded once whichever process got there first.
        expect((await db.query('SELECT count(*)::int AS n FROM treaty_event')).rows[0].n).toBe(509);
        // One load each of the instruments, the states and the treaty events.
        expect((await db.query('SELECT count(*)::int AS n FROM reference_data_load')).rows[0].n).toBe(3);
      });
      expect(await revision()).toBe(before);
    } finally {
      await again.stop();
    }
  });

  it('says where it listens in one line instead of a line per route, and logs a request in a short line', async () => {
    const port = await freePort();
    const api = startBuilt('api', {
      DATABASE_URL: newDatabaseUrl(),
      PORT: String(port),
      LOG_LEVEL: 'info',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    });
    try {
      await api.waitFor(`listening on http://127.0.0.1:${port}`);
      const started = api.output();
      expect(started).not.toMatch(/RoutesResolver|RouterExplorer|Mapped \{|InstanceLoader|NestApplication/);
      const lines = started.trim().split('\n');
      // The database's first preparation (created, migrated, reference data, admin) and the one line.
      expect(lines.length).toBeLessThanOrEqual(10);
      expect(lines.filter((l) => l.includes('listening on'))).toHaveLength(1);

      const res = await fetch(`http://127.0.0.1:${port}/api/states?region=europe`, {
        headers: {
          authorization: 'Bearer not-a-token',
          'user-agent': 'Mozilla/5.0 '.repeat(10),
          'x-request-id': 'start-1',
        },
      });
      expect(res.status).toBe(401);
      await api.waitFor('"start-1"');
      const line = api
        .output()
        .split('\n')
        .find((l) => l.includes('"start-1"'))!;
      expect(JSON.parse(line)).toMatchObject({
        req: { id: 'start-1', method: 'GET', url: '/api/states?region=europe' },
        res: { statusCode: 401 },
      });
      expect(line).not.toContain('Mozilla');
      expect(line.length).toBeLessThan(300);
    } finally {
      await api.stop();
    }
  });

  it('stops at start with a message naming an invalid variable', async () => {
    const api = startBuilt('api', { DATABASE_URL: newDatabaseUrl(), PORT: 'eighty', DIGEST_TZ: 'Nowhere/Else' });
    const code = await new Promise<number | null>((resolve) => api.child.on('exit', resolve));
    expect(code).toBe(1);
    expect(api.output()).toContain('PORT must be a whole number');
    expect(api.output()).toContain('DIGEST_TZ "Nowhere/Else" is not a known time zone');
  });
});

describe('the test run', () => {
  it('deletes its keys in Redis at the end, and only its own', async () => {
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const run = `teardown${Date.now().toString(36)}`;
    try {
      await redis.set(`test_${run}_abc:bull:mail:1`, 'x');
      await redis.set(`test_${run}:login:account:x`, 'x');
      await redis.set(`test_other${run}:1`, 'kept');
      expect(await deleteRunKeys(run)).toBe(2);
      expect(await redis.exists(`test_${run}_abc:bull:mail:1`, `test_${run}:login:account:x`)).toBe(0);
      expect(await redis.exists(`test_other${run}:1`)).toBe(1);
    } finally {
      await redis.del(`test_other${run}:1`);
      redis.disconnect();
    }
  });
});
