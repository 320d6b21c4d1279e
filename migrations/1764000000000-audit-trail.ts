import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail: one row per change to a treaty event, an implementation change, an action, a follow-up, a
 * campaign or a user, written in the transaction of the change. Rows are only ever added.
 */
export class AuditTrail1764000000000 implements MigrationInterface {
  name = 'AuditTrail1764000000000';

  async up(q: QueryRunner): Promise<void> {
    // actor_id NULL: the change was made by the system (start-up), not by a signed-in user.
    // request_id NULL: the change was not made by an HTTP request.
    await q.query(`
      CREATE TABLE audit_entry (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at          timestamptz NOT NULL DEFAULT now(),
        actor_id    uuid REFERENCES app_user(id),
        entity      text NOT NULL CHECK (entity IN ('treaty-event','implementation','action','follow-up','campaign','user')),
        entity_id   uuid NOT NULL,
        action      text NOT NULL CHECK (action IN ('create','update','delete')),
        before      jsonb,
        after       jsonb,
        request_id  text
      )`);
    // The list is newest first, (at, id) descending, optionally filtered by entity id, entity kind or actor, and
    // by a time range: one index per filter, each ending in the sort key, walked backwards and stopped at LIMIT.
    await q.query(`CREATE INDEX audit_entry_at_idx ON audit_entry (at, id)`);
    await q.query(`CREATE INDEX audit_entry_entity_id_idx ON audit_entry (entity_id, at, id)`);
    await q.query(`CREATE INDEX audit_entry_entity_idx ON audit_entry (entity, at, id)`);
    await q.query(`CREATE INDEX audit_entry_actor_idx ON audit_entry (actor_id, at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_entry`);
  }
}
