import { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables whose rows the pages show: a change to any of them is a new revision of what the pages read. */
export const PAGE_TABLES = [
  'app_user',
  'state',
  'instrument',
  'treaty_event',
  'implementation_change',
  'advocacy_action',
  'campaign',
  'campaign_state',
  'action_contact',
  'action_organisation',
  'organisation',
  'contact',
  'follow_up',
  'follow_up_reminder',
  'pledge',
  'playbook',
] as const;

/**
 * A counter of changes to what the pages show (data_revision), bumped in the writing transaction by one trigger per
 * statement on each of those tables. A page reads it first and keeps what it built for that revision: every api
 * process sees a change on its next read, from the moment the change commits, with no message that could be lost.
 */
export class DataRevision1764850000000 implements MigrationInterface {
  name = 'DataRevision1764850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE data_revision (id int PRIMARY KEY CHECK (id = 1), revision bigint NOT NULL)`);
    await q.query(`INSERT INTO data_revision VALUES (1, 0)`);
    await q.query(`
      CREATE FUNCTION bump_data_revision() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE data_revision SET revision = revision + 1 WHERE id = 1;
        RETURN NULL;
      END $$`);
    for (const table of PAGE_TABLES) {
      await q.query(`
        CREATE TRIGGER ${table}_bumps_data_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION bump_data_revision()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of PAGE_TABLES) await q.query(`DROP TRIGGER ${table}_bumps_data_revision ON ${table}`);
    await q.query(`DROP FUNCTION bump_data_revision()`);
    await q.query(`DROP TABLE data_revision`);
  }
}
