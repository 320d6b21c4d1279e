import { MigrationInterface, QueryRunner } from 'typeorm';

const ENTITIES_BEFORE = `'treaty-event','implementation','action','follow-up','campaign','user','depositary-import',
  'depositary-proposal','organisation','contact','pledge','playbook'`;

/**
 * The outbox review: admins list the emails that failed or may not have arrived (newest first, a few rows among
 * many sent, hence a partial index) and send one again, which the audit trail records as a change of an `email`.
 */
export class OutboxReview1764832000000 implements MigrationInterface {
  name = 'OutboxReview1764832000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX outbox_email_problem_idx ON outbox_email (created_at, id) WHERE status IN ('failed', 'uncertain')`,
    );
    await q.query(`ALTER TABLE audit_entry DROP CONSTRAINT audit_entry_entity_check`);
    await q.query(
      `ALTER TABLE audit_entry ADD CONSTRAINT audit_entry_entity_check CHECK (entity IN (${ENTITIES_BEFORE},'email'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM audit_entry WHERE entity = 'email'`);
    await q.query(`ALTER TABLE audit_entry DROP CONSTRAINT audit_entry_entity_check`);
    await q.query(
      `ALTER TABLE audit_entry ADD CONSTRAINT audit_entry_entity_check CHECK (entity IN (${ENTITIES_BEFORE}))`,
    );
    await q.query(`DROP INDEX outbox_email_problem_idx`);
  }
}
