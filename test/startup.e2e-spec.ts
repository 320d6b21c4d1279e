import { migrations } from '../migrations';
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
        expect((await db.query('SELECT count(*)::int AS n FROM treaty_event')).rows[0].n).toBe(391);
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
        expect((await db.query('SELECT count(*)::int AS n FROM treaty_event')).rows[0].n).toBe(391);
        expect((await db.query('SELECT count(*)::int AS n FROM reference_data_load')).rows[0].n).toBe(2);
      });
      expect(await revision()).toBe(before);
    } finally {
      await again.stop();
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
