import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The accounts library's published view of users gains each user's language, so the libraries that email them
 * (a follow-up's reminder to its assignee) write in it without reading app_user.
 */
export class UserRefLocale1764841000000 implements MigrationInterface {
  name = 'UserRefLocale1764841000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE VIEW user_ref AS
        SELECT id, name, email, role, regions, active, locale FROM app_user`);
  }

  async down(q: QueryRunner): Promise<void> {
    // A view cannot lose a column by CREATE OR REPLACE: dropped and made again as it was.
    await q.query(`DROP VIEW user_ref`);
    await q.query(`
      CREATE VIEW user_ref AS
        SELECT id, name, email, role, regions, active FROM app_user`);
  }
}
