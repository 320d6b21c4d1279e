import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each user reads pages, emails and the digest in their own language: English until they choose another. */
export class UserLocale1764840000000 implements MigrationInterface {
  name = 'UserLocale1764840000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE app_user ADD COLUMN locale text NOT NULL DEFAULT 'en'
        CONSTRAINT app_user_locale_check CHECK (locale IN ('en','fr','es','ar'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user DROP COLUMN locale`);
  }
}
