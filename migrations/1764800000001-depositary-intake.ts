import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the depositary publishes comes in as proposals a person accepts or rejects: each import (a status table or a
 * notification, with who pasted it), and each proposed change. A pending or rejected proposal is kept once, so the
 * same table imported again proposes nothing new.
 */
export class DepositaryIntake1764800000001 implements MigrationInterface {
  name = 'DepositaryIntake1764800000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE depositary_import (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind          text NOT NULL CHECK (kind IN ('status-table','notification')),
        instrument    text NOT NULL REFERENCES instrument(code),
        reference     text,
        source_url    text,
        participants  int NOT NULL,
        unmatched     text[] NOT NULL DEFAULT '{}',
        imported_by   uuid REFERENCES app_user(id),
        imported_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE depositary_proposal (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        import_id        uuid NOT NULL REFERENCES depositary_import(id),
        state_code       char(3) NOT NULL REFERENCES state(code),
        instrument       text NOT NULL REFERENCES instrument(code),
        type             text NOT NULL,
        date             date NOT NULL,
        reference        text,
        source_url       text,
        change           text NOT NULL CHECK (change IN ('new','different-date','different-type','missing-there')),
        current_event_id uuid REFERENCES treaty_event(id),
        status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','accepted','rejected')),
        reason           text,
        event_id         uuid REFERENCES treaty_event(id),
        decided_by       uuid REFERENCES app_user(id),
        decided_at       timestamptz,
        created_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE UNIQUE INDEX depositary_proposal_once_idx ON depositary_proposal (state_code, instrument, type, date, change)
        WHERE status IN ('pending','rejected')`);
    await q.query(`CREATE INDEX depositary_proposal_list_idx ON depositary_proposal (status, created_at DESC, id)`);
    // Imports and decisions are audited like every other change.
    await q.query(`ALTER TABLE audit_entry DROP CONSTRAINT audit_entry_entity_check`);
    await q.query(`
      ALTER TABLE audit_entry ADD CONSTRAINT audit_entry_entity_check CHECK (entity IN ('treaty-event','implementation',
        'action','follow-up','campaign','user','depositary-import','depositary-proposal'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE depositary_proposal`);
    await q.query(`DROP TABLE depositary_import`);
  }
}
