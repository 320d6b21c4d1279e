import { DataSource } from 'typeorm';

/** Lock keys are fixed numbers so every process of every version agrees on them. */
export const LOCKS = {
  setup: 7_340_001,
} as const;

/**
 * Runs `work` while holding a session-level PostgreSQL advisory lock on a dedicated connection.
 * Other processes asking for the same key wait until it is released.
 */
export async function withAdvisoryLock<T>(dataSource: DataSource, key: number, work: () => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [key]);
    try {
      return await work();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [key]);
    }
  } finally {
    await runner.release();
  }
}
