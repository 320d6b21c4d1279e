import { DataSource } from 'typeorm';
import { AppConfig } from '@app/platform';
import { StatusRevision } from '@app/states';
import { StatusRevisionRepository } from '../../libs/states/src/status-revision.repository';
import { createTestDatabase } from './database';

/**
 * A fresh copy of the run's template database (migrated, reference data loaded, admin created), opened the way
 * the libraries open theirs, for repository and service specs. Close it in `afterAll`.
 */
export async function openTestDatabase(): Promise<DataSource> {
  const url = await createTestDatabase();
  return new DataSource({ type: 'postgres', url, extra: { max: 4 } }).initialize();
}

/**
 * The status caches' StatusRevision for a spec's database, not listening: each read compares the revision counter,
 * so a cached figure is rebuilt as soon as a factory changes the status, as in the app while NOTIFY is down.
 */
export function statusRevisionOf(db: DataSource): StatusRevision {
  const url = (db.options as { url: string }).url;
  return new StatusRevision({ DATABASE_URL: url } as AppConfig, new StatusRevisionRepository(db));
}
