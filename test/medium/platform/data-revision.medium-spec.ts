import { DataSource } from 'typeorm';
import { DataRevision } from '@app/platform';
import { PAGE_TABLES } from '../../../migrations/1764850000000-data-revision';
import { openTestDatabase } from '../../support/medium';

/**
 * The pages keep what they read for a revision of the records (DataRevision): every change to a table the pages
 * show must move it, from the moment the change can be read, or a page would go on showing what was there before.
 */
describe('DataRevision', () => {
  let db: DataSource;
  let revision: DataRevision;
  beforeAll(async () => {
    db = await openTestDatabase();
    revision = new DataRevision(db);
  });
  afterAll(() => db.destroy());

  it('has a trigger on every table the pages show, for inserts, updates, deletes and truncation', async () => {
    // pg_trigger's tgtype: 4 insert, 8 delete, 16 update, 32 truncate.
    const rows: { table: string; events: string[] }[] = await db.query(
      `SELECT c.relname AS table,
              array_remove(ARRAY[CASE WHEN t.tgtype & 4 > 0 THEN 'insert' END, CASE WHEN t.tgtype & 16 > 0 THEN 'update' END,
                                 CASE WHEN t.tgtype & 8 > 0 THEN 'delete' END, CASE WHEN t.tgtype & 32 > 0 THEN 'truncate' END],
                           NULL) AS events
       FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
       WHERE t.tgname LIKE '%_bumps_data_revision' ORDER BY c.relname`,
    );
    expect(rows).toEqual(
      [...PAGE_TABLES].sort().map((table) => ({ table, events: ['insert', 'update', 'delete', 'truncate'] })),
    );
  });

  it('moves when an action is logged, and only once the change is committed', async () => {
    const before = await revision.current();
    const runner = db.createQueryRunner();
    await runner.startTransaction();
    try {
      await runner.query(
        `INSERT INTO advocacy_action (state_code, region, type, date, title, logged_by)
         SELECT 'KEN', 'africa', 'meeting', DATE '2026-03-02', 'Counted meeting', id FROM app_user LIMIT 1`,
      );
      // Another connection reads what is committed: the revision has not moved while the action cannot be seen.
      expect(await revision.current()).toBe(before);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    expect(await revision.current()).toBeGreaterThan(before);
  });

  it('stays where it was when a change is rolled back', async () => {
    const before = await revision.current();
    const runner = db.createQueryRunner();
    await runner.startTransaction();
    await runner.query(`UPDATE contact SET notes = 'rolled back' WHERE false`);
    await runner.query(`DELETE FROM follow_up WHERE false`);
    await runner.rollbackTransaction();
    await runner.release();
    expect(await revision.current()).toBe(before);
  });

  it('moves for a change of a user, whose name the pages show', async () => {
    const before = await revision.current();
    await db.query(`UPDATE app_user SET name = name || ' (renamed)' WHERE id = (SELECT id FROM app_user LIMIT 1)`);
    expect(await revision.current()).toBeGreaterThan(before);
  });

  it('empties every cache taken from it of what a change made stale, at the first read of the counter after it', async () => {
    const people = revision.cache<string>(10);
    const pages = revision.cache<string>(10);
    const now = await revision.current();
    await people.get('contact', now, () => Promise.resolve('Amina Diallo, amina@example.org'));
    await pages.get('KEN', now, () => Promise.resolve('<h1>Kenya</h1>'));
    await db.query(`UPDATE contact SET notes = notes WHERE false`);
    expect([people.size, pages.size]).toEqual([1, 1]);
    await revision.current();
    expect([people.size, pages.size]).toEqual([0, 0]);
  });
});
