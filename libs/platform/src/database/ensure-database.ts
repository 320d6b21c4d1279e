import { Client } from 'pg';

/** Splits a PostgreSQL URL into the database name and a URL for the maintenance database. */
export function databaseNameOf(url: string): { name: string; maintenanceUrl: string } {
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!name) throw new Error('DATABASE_URL must name a database');
  parsed.pathname = '/postgres';
  return { name, maintenanceUrl: parsed.toString() };
}

/** Creates the database named in the URL when it does not exist; safe when several processes race. */
export async function ensureDatabase(url: string): Promise<boolean> {
  const { name, maintenanceUrl } = databaseNameOf(url);
  const client = new Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    try {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      return true;
    } catch (err) {
      // Another process created it between our check and our CREATE.
      const code = (err as { code?: string }).code;
      if (code === '42P04' || code === '23505') return false;
      throw err;
    }
  } finally {
    await client.end();
  }
}
