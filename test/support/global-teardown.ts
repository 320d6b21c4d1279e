import Redis from 'ioredis';
import { Client } from 'pg';
import { BASE_URL } from './test-env';

/** Drops the run's databases and deletes the run's keys in Redis (queues and limits, all under test_<run>). */
export default async function globalTeardown(): Promise<void> {
  const id = process.env.TEST_RUN_ID;
  if (!id || process.env.KEEP_TEST_DATABASES) return;
  const client = new Client({ connectionString: BASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
      `tracker_test_${id}%`,
    ]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
  await deleteRunKeys(id);
}

/** Every key whose name starts with the run's prefix (each suite's QUEUE_PREFIX is test_<run>_<suite>). */
export async function deleteRunKeys(
  id: string,
  url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
): Promise<number> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `test_${id}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}
