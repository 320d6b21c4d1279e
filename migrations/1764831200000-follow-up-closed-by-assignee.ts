import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "My follow-ups" lists the reader's closed follow-ups, most recently closed first, a page at a time (to undo one).
 * This partial index holds exactly the closed ones in that order per assignee, so each page is read straight from
 * it rather than by sorting all of a long-serving officer's closed follow-ups.
 */
export class FollowUpClosedByAssignee1764831200000 implements MigrationInterface {
  name = 'FollowUpClosedByAssignee1764831200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX follow_up_assignee_closed_idx ON follow_up (assignee_id, closed_at DESC, id DESC)
       WHERE closed_at IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX follow_up_assignee_closed_idx`);
  }
}
