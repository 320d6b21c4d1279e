import { MigrationInterface, QueryRunner } from 'typeorm';

/** An import of actions from CSV is audited as one entry (what was imported, by whom), not one per row. */
export class ActionImports1764833000000 implements MigrationInterface {
  name = 'ActionImports1764833000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_entry DROP CONSTRAINT audit_entry_entity_check`);
    await q.query(`
      ALTER TABLE audit_entry ADD CONSTRAINT audit_entry_entity_check
        CHECK (entity IN ('treaty-event','implementation','action','follow-up','campaign','user','depositary-import',
          'depositary-proposal','organisation','contact','pledge','playbook','email','action-import'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM audit_entry WHERE entity = 'action-import'`);
    await q.query(`ALTER TABLE audit_entry DROP CONSTRAINT audit_entry_entity_check`);
    await q.query(`
      ALTER TABLE audit_entry ADD CONSTRAINT audit_entry_entity_check
        CHECK (entity IN ('treaty-event','implementation','action','follow-up','campaign','user','depositary-import',
          'depositary-proposal','organisation','contact','pledge','playbook','email'))`);
  }
}
