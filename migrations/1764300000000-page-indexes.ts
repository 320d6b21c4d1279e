import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A region's dashboard counts the open follow-ups of each of its states. This partial index holds exactly the
 * open ones with the region, state and time the counts need, so PostgreSQL reads them from the index alone
 * instead of scanning the table (open follow-ups are a small part of it, and the part that is read).
 */
export class PageIndexes1764300000000 implements MigrationInterface {
  name = 'PageIndexes1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX follow_up_open_region_state_idx ON follow_up (region, state_code, remind_at) WHERE status = 'open'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX follow_up_open_region_state_idx`);
  }
}
