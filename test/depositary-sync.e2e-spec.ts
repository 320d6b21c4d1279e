import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import Redis from 'ioredis';
import { createTestDatabase, newDatabaseUrl, withClient } from './support/database';
import { freePort, startBuilt } from './support/processes';
import { runId } from './support/test-env';

jest.setTimeout(120_000);

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A UN status page's participants table as the page prints it: two deposits of the 2010 article 8 amendment. */
const TABLE = ['Participant\tAcceptance(A), Ratification', 'Switzerland\t7 Jul 2020', 'Norway\t12 Feb 2021 A'].join(
  '\n',
);

describe('the scheduled depositary sync', () => {
  it('files a fetched status page as proposals, nothing new at the next run, and logs an unreachable page', async () => {
    const databaseUrl = await createTestDatabase();
    await withClient(databaseUrl, (c) => c.query(`DELETE FROM treaty_event WHERE instrument = 'amendment-art8-2010'`));
    let served = 0;
    const server = createServer((_req, res) => {
      served++;
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(TABLE);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const page = `http://127.0.0.1:${(server.address() as AddressInfo).port}/XVIII-10-a.en.xml`;
    const unreachable = `http://127.0.0.1:${await freePort()}/XVIII-10-f.en.xml`;
    const prefix = `test_${runId()}_${randomBytes(3).toString('hex')}`;
    const worker = startBuilt('worker', {
      DATABASE_URL: databaseUrl,
      QUEUE_PREFIX: prefix,
      DEPOSITARY_SYNC_CRON: '*/5 * * * * *',
      // The unreachable page comes first: it must not hold up the one after it.
      DEPOSITARY_SYNC_URLS: `amendment-art8-2017-laser=${unreachable},amendment-art8-2010=${page}`,
      QUEUE_DEPOSITARY_BACKOFF_MS: '200',
      LOG_LEVEL: 'info',
    });
    try {
      await worker.waitFor('UTC for 2 status pages');
      await worker.waitFor(/amendment-art8-2010: 2 rows read from \S+ 2 new proposals/, 40_000);
      await worker.waitFor(/amendment-art8-2010: 2 rows read from \S+ 0 new proposals/, 40_000);
      expect(served).toBeGreaterThanOrEqual(2);
      expect(worker.output()).toContain(
        `Could not fetch the amendment-art8-2017-laser status page ${unreachable} (attempt 1 of 4)`,
      );
      expect(worker.child.exitCode).toBeNull();

      await withClient(databaseUrl, async (c) => {
        const proposals = await c.query(
          `SELECT state_code AS state, type, date::text AS date, change, source_url AS "sourceUrl", status
           FROM depositary_proposal ORDER BY state_code`,
        );
        expect(proposals.rows).toEqual([
          { state: 'CHE', type: 'ratification', date: '2020-07-07', change: 'new', sourceUrl: page, status: 'pending' },
          { state: 'NOR', type: 'acceptance', date: '2021-02-12', change: 'new', sourceUrl: page, status: 'pending' },
        ]);
        const imports = await c.query(
          `SELECT i.imported_by AS "by", a.actor_id AS actor, a.after->>'by' AS marker, a.after->>'sourceUrl' AS url
           FROM depositary_import i JOIN audit_entry a ON a.entity = 'depositary-import' AND a.entity_id = i.id
           WHERE i.instrument = 'amendment-art8-2010'`,
        );
        expect(imports.rows.length).toBeGreaterThanOrEqual(2);
        for (const row of imports.rows)
          expect(row).toEqual({ by: null, actor: null, marker: 'scheduled sync', url: page });
        // Nothing is recorded until a person accepts.
        const events = await c.query(
          `SELECT count(*)::int AS n FROM treaty_event WHERE instrument = 'amendment-art8-2010'`,
        );
        expect(events.rows[0].n).toBe(0);
      });
    } finally {
      await worker.stop();
      server.close();
      const redis = new Redis(REDIS_URL);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    }
  });

  it('stops the worker at start when DEPOSITARY_SYNC_CRON is not a cron expression', async () => {
    const worker = startBuilt('worker', { DATABASE_URL: newDatabaseUrl(), DEPOSITARY_SYNC_CRON: '61 * * * *' });
    const code = await new Promise<number | null>((resolve) => worker.child.on('exit', resolve));
    expect(code).toBe(1);
    expect(worker.output()).toContain('DEPOSITARY_SYNC_CRON "61 * * * *" is not a valid cron expression');
  });
});
