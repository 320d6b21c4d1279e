import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Emails composed ahead of the time they are due: each keeps its rendered MIME and the instant before which it
 * must not go out, so that when thousands fall due at once only the sending is left to do. An email composed
 * ahead can be cancelled before it is due (its follow-up closed or changed).
 */
export class ScheduledEmails1763950000000 implements MigrationInterface {
  name = 'ScheduledEmails1763950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox_email ADD COLUMN not_before timestamptz, ADD COLUMN mime text`);
    await q.query(`ALTER TABLE outbox_email DROP CONSTRAINT outbox_email_status_check`);
    await q.query(`
      ALTER TABLE outbox_email ADD CONSTRAINT outbox_email_status_check
        CHECK (status IN ('pending','sending','sent','failed','uncertain','cancelled'))`);
    // The first send of scheduled emails, claimed in batches when they fall due.
    await q.query(
      `CREATE INDEX outbox_email_scheduled_idx ON outbox_email (not_before) WHERE status = 'pending' AND attempts = 0`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX outbox_email_scheduled_idx`);
    await q.query(`DELETE FROM outbox_email WHERE status = 'cancelled'`);
    await q.query(`ALTER TABLE outbox_email DROP CONSTRAINT outbox_email_status_check`);
    await q.query(`
      ALTER TABLE outbox_email ADD CONSTRAINT outbox_email_status_check
        CHECK (status IN ('pending','sending','sent','failed','uncertain'))`);
    await q.query(`ALTER TABLE outbox_email DROP COLUMN not_before, DROP COLUMN mime`);
  }
}
