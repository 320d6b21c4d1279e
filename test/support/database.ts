import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { BASE_URL, databaseUrl, runId, templateName } from './test-env';

/** A fresh copy of the run's template database; returns its URL. */
export async function createTestDatabase(): Promise<string> {
  const name = `tracker_test_${runId()}_${randomBytes(4).toString('hex')}`;
  const url = databaseUrl(name);
  const client = new Client({ connectionString: BASE_URL });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}" TEMPLATE "${templateName(runId())}"`);
  } finally {
    await client.end();
  }
  return url;
}

/** A URL for a database that does not exist yet, for tests of what start-up creates. */
export function newDatabaseUrl(): string {
  return databaseUrl(`tracker_test_${runId()}_${randomBytes(4).toString('hex')}`);
}

export async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
