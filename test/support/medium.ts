import { DataSource } from 'typeorm';
import { createTestDatabase } from './database';

/**
 * A fresh copy of the run's template database (migrated, reference data loaded, admin created), opened the way
 * the libraries open theirs, for repository and service specs. Close it in `afterAll`.
 */
export async function openTestDatabase(): Promise<DataSource> {
  const url = await createTestDatabase();
  return new DataSource({ type: 'postgres', url, extra: { max: 4 } }).initialize();
}
