import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One-time set-password links (invitations and password resets), kept only as SHA-256 hashes, and a flag
 * on outgoing emails whose body holds such a link, so the outbox forgets the link once the email is sent.
 */
export class PasswordLinks1764100000000 implements MigrationInterface {
  name = 'PasswordLinks1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE password_link (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash  bytea NOT NULL UNIQUE,
        user_id     uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        purpose     text NOT NULL CHECK (purpose IN ('invitation', 'password-reset')),
        created_by  uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        expires_at  timestamptz NOT NULL,
        used_at     timestamptz
      )`);
    await q.query(`CREATE INDEX password_link_user_idx ON password_link (user_id, created_at)`);
    await q.query(`ALTER TABLE outbox_email ADD COLUMN sensitive boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox_email DROP COLUMN sensitive`);
    await q.query(`DROP TABLE password_link`);
  }
}
