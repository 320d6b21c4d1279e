import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each table has one owning library; another library that needs a few of its columns in a join reads them
 * through a view the owner publishes, so the owner may change its table without breaking its neighbours.
 * Plain views: the planner inlines them, so a join through one costs what the join on the table did.
 */
export class LibraryViews1764500000000 implements MigrationInterface {
  name = 'LibraryViews1764500000000';

  async up(q: QueryRunner): Promise<void> {
    // Published by states: a state's names and region.
    await q.query(`
      CREATE VIEW state_ref AS
        SELECT code, name_en, name_fr, name_es, name_ar, region FROM state`);
    // Published by accounts: who a user is, for names in lists and the addresses of emails; never credentials.
    await q.query(`
      CREATE VIEW user_ref AS
        SELECT id, name, email, role, regions, active FROM app_user`);
    // Published by advocacy: the live actions' keys, for what points at an action (a follow-up).
    await q.query(`
      CREATE VIEW live_action AS
        SELECT id, state_code, region, type, date, campaign_id FROM advocacy_action WHERE deleted_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW live_action`);
    await q.query(`DROP VIEW user_ref`);
    await q.query(`DROP VIEW state_ref`);
  }
}
