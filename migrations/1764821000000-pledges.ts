import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pledges: a state's commitment, made on an occasion, to join an instrument or to enact implementing legislation
 * (instrument `implementation-cooperation` or `implementation-crimes`). Whether a pledge was kept or has lapsed is
 * derived from the treaty events and implementation changes when read, never stored.
 * The states library publishes implementation_ref so that a pledge can be matched with the enactment that keeps it.
 */
export class Pledges1764821000000 implements MigrationInterface {
  name = 'Pledges1764821000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE pledge (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        state_code  char(3) NOT NULL REFERENCES state(code),
        region      text NOT NULL,
        -- An instrument's code (reference data, which grows) or an implementation track: checked by the service.
        instrument  text NOT NULL,
        made_on     date NOT NULL,
        occasion    text NOT NULL,
        target_date date,
        source      text,
        note        text,
        created_by  uuid NOT NULL REFERENCES app_user(id),
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        CHECK (target_date IS NULL OR target_date >= made_on)
      )`);
    await q.query(`CREATE INDEX pledge_state_idx ON pledge (state_code, instrument, made_on)`);
    await q.query(`CREATE INDEX pledge_list_idx ON pledge (made_on DESC, id DESC)`);
    await q.query(`CREATE INDEX pledge_region_idx ON pledge (region, made_on DESC, id DESC)`);
    await q.query(`CREATE INDEX pledge_target_idx ON pledge (target_date) WHERE target_date IS NOT NULL`);
    // Published by states: each implementation step, to match pledges and measure outcomes.
    await q.query(`
      CREATE VIEW implementation_ref AS
        SELECT state_code, track, stage, date, recorded_at FROM implementation_change`);
    await q.query(`ALTER TABLE audit_entry DROP CONSTRAINT audit_entry_entity_check`);
    await q.query(`
      ALTER TABLE audit_entry ADD CONSTRAINT audit_entry_entity_check
        CHECK (entity IN ('treaty-event','implementation','action','follow-up','campaign','user','depositary-import',
          'depositary-proposal','organisation','contact','pledge','playbook'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM audit_entry WHERE entity IN ('pledge', 'playbook')`);
    await q.query(`ALTER TABLE audit_entry DROP CONSTRAINT audit_entry_entity_check`);
    await q.query(`
      ALTER TABLE audit_entry ADD CONSTRAINT audit_entry_entity_check
        CHECK (entity IN ('treaty-event','implementation','action','follow-up','campaign','user','depositary-import',
          'depositary-proposal','organisation','contact'))`);
    await q.query(`DROP VIEW implementation_ref`);
    await q.query(`DROP TABLE pledge`);
  }
}
