import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { Queryable } from './sql';

const names = new Map<string, string>();

/** The statement's name: derived from its text, so each shape of a statement built from optional filters has one. */
function nameOf(sql: string): string {
  let name = names.get(sql);
  if (name === undefined) {
    name = `r_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
    names.set(sql, name);
  }
  return name;
}

/**
 * Runs a read that most requests make (the token check, a page's lists and counts) as a named prepared statement on
 * the pool: each pooled connection parses it once, and PostgreSQL reuses a generic plan once it has seen one does as
 * well, where an unnamed statement is parsed and planned on every run (for these reads, longer than running them).
 * For reads on the pool only; a transaction's statements go through its EntityManager as usual.
 */
export async function queryPrepared<T>(db: DataSource, sql: string, params: unknown[]): Promise<T[]> {
  // TypeORM's PostgreSQL driver keeps its pg Pool as `master` (no replicas are configured).
  const pool = (db.driver as unknown as { master: Pool }).master;
  const result = await pool.query<T & object>({ name: nameOf(sql), text: sql, values: params });
  return result.rows;
}

/**
 * A read that runs either on the pool (prepared, as queryPrepared) or inside a caller's transaction `m` (as it
 * comes: a transaction's connection is not the pool's). `m` absent or the pool itself means the pool.
 */
export function queryPreparedOn<T>(
  db: DataSource,
  m: Queryable | undefined,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  return m === undefined || m === db ? queryPrepared<T>(db, sql, params) : m.query<T[]>(sql, params);
}
