// The global setup runs outside jest's module mapping; resolve the @app/* aliases from tsconfig.json.
import 'tsconfig-paths/register';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ADMIN, BASE_URL, databaseUrl, templateName } from './test-env';

/**
 * Builds one template database per run (migrated, reference data loaded, admin created); each suite
 * then copies it, so suites are isolated and fast. Shared by the medium and end-to-end tiers.
 */
export default async function globalSetup(): Promise<void> {
  // The medium and e2e projects share one template: the second project's setup finds it made.
  if (process.env.TEST_RUN_ID) return;
  const id = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  process.env.TEST_RUN_ID = id;
  process.env.QUEUE_PREFIX = `test_${id}`;
  process.env.ADMIN_EMAIL = ADMIN.email;
  process.env.ADMIN_PASSWORD = ADMIN.password;
  process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'warn';
  // The suites send far more requests a minute from one account than a person does; the budget is counted (the
  // code runs) but not reached, except in test/request-budget.e2e-spec.ts, which sets its own.
  process.env.USER_REQUESTS_PER_MINUTE = process.env.USER_REQUESTS_PER_MINUTE ?? '1000000';
  process.env.DATABASE_URL = databaseUrl(templateName(id));

  const client = new Client({ connectionString: BASE_URL });
  await client.connect();
  await client.end();

  // Imported here so ts-jest compiles the app code once for the setup.
  const { prepareDatabase } = await import('../../libs/setup/src/setup.module');
  await prepareDatabase();
}
