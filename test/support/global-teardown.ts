import { Client } from 'pg';
import { BASE_URL } from './test-env';

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
}
