/** Names and settings shared by the global setup, the suites and the teardown of one test run. */
export const BASE_URL = process.env.TEST_DATABASE_BASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function runId(): string {
  const id = process.env.TEST_RUN_ID;
  if (!id) throw new Error('TEST_RUN_ID is not set: run the suites through jest, which sets up the test run');
  return id;
}

export const templateName = (id: string) => `tracker_test_${id}_template`;

export function databaseUrl(name: string): string {
  // The tests refuse any database whose name does not mark it as a test database.
  if (!/^tracker_test_[a-z0-9_]+$/.test(name))
    throw new Error(`refusing to use database "${name}": not a test database`);
  const url = new URL(BASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export const ADMIN = { email: 'admin@tracker.test', password: 'admin-password-123' };
