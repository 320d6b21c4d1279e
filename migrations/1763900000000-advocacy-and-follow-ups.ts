import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Advocacy actions and campaigns, follow-ups, and the outbox every email goes through.
 * PostgreSQL holds what must happen; Redis only delivers it on time.
 */
export class AdvocacyAndFollowUps1763900000000 implements MigrationInterface {
  name = 'AdvocacyAndFollowUps1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE campaign (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name        text NOT NULL,
        description text,
        instrument  text REFERENCES instrument(code),
        starts_on   date,
        ends_on     date,
        created_by  uuid NOT NULL REFERENCES app_user(id),
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on)
      )`);
    await q.query(`CREATE UNIQUE INDEX campaign_name_idx ON campaign (lower(name))`);
    await q.query(`
      CREATE TABLE campaign_state (
        campaign_id uuid NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
        state_code  char(3) NOT NULL REFERENCES state(code),
        PRIMARY KEY (campaign_id, state_code)
      )`);

    // region is copied from the state so that region filters and dashboards use one index.
    await q.query(`
      CREATE TABLE advocacy_action (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        state_code  char(3) NOT NULL REFERENCES state(code),
        region      text NOT NULL,
        type        text NOT NULL CHECK (type IN ('letter-head-of-state','letter-minister','meeting','call',
                      'parliamentary-briefing','media','social-media','event','submission','other')),
        date        date NOT NULL,
        title       text NOT NULL,
        summary     text,
        target      text,
        outcome     text,
        campaign_id uuid REFERENCES campaign(id),
        logged_by   uuid NOT NULL REFERENCES app_user(id),
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        deleted_at  timestamptz
      )`);
    for (const [name, cols] of [
      ['advocacy_action_list_idx', 'date DESC, id DESC'],
      ['advocacy_action_state_idx', 'state_code, date DESC, id DESC'],
      ['advocacy_action_region_idx', 'region, date DESC, id DESC'],
      ['advocacy_action_type_idx', 'type, date DESC, id DESC'],
      ['advocacy_action_campaign_idx', 'campaign_id, date DESC, id DESC'],
      ['advocacy_action_logged_by_idx', 'logged_by, date DESC, id DESC'],
    ]) {
      await q.query(`CREATE INDEX ${name} ON advocacy_action (${cols}) WHERE deleted_at IS NULL`);
    }

    // reminder_for / escalated_for record which remind_at the reminder and the escalation were composed for:
    // moving remind_at makes both due again, and a job for an old time finds it no longer wanted.
    await q.query(`
      CREATE TABLE follow_up (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        state_code    char(3) NOT NULL REFERENCES state(code),
        region        text NOT NULL,
        action_id     uuid REFERENCES advocacy_action(id),
        title         text NOT NULL,
        note          text,
        remind_at     timestamptz NOT NULL,
        assignee_id   uuid NOT NULL REFERENCES app_user(id),
        created_by    uuid NOT NULL REFERENCES app_user(id),
        status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open','done','cancelled')),
        closed_at     timestamptz,
        reminder_for  timestamptz,
        escalated_for timestamptz,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX follow_up_due_idx ON follow_up (remind_at) WHERE status = 'open'`);
    await q.query(`CREATE INDEX follow_up_assignee_idx ON follow_up (assignee_id, status, remind_at, id)`);
    await q.query(`CREATE INDEX follow_up_state_idx ON follow_up (state_code, status, remind_at, id)`);
    await q.query(`CREATE INDEX follow_up_region_idx ON follow_up (region, status, remind_at, id)`);
    await q.query(`CREATE INDEX follow_up_action_idx ON follow_up (action_id) WHERE action_id IS NOT NULL`);

    await q.query(`ALTER TABLE app_user ADD COLUMN calendar_token_hash bytea UNIQUE`);

    // Every email: composed once (unique idempotency key), then sent by a job that retries.
    // 'uncertain': the server may have accepted it (connection lost after DATA); never re-sent blindly.
    await q.query(`
      CREATE TABLE outbox_email (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        idempotency_key text NOT NULL UNIQUE,
        kind            text NOT NULL,
        recipient       text NOT NULL,
        subject         text NOT NULL,
        html            text NOT NULL,
        text_body       text NOT NULL,
        status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sending','sent','failed','uncertain')),
        attempts        int NOT NULL DEFAULT 0,
        last_error      text,
        last_attempt_at timestamptz,
        sent_at         timestamptz,
        created_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX outbox_email_unsent_idx ON outbox_email (created_at) WHERE status IN ('pending','sending')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox_email`);
    await q.query(`ALTER TABLE app_user DROP COLUMN calendar_token_hash`);
    await q.query(`DROP TABLE follow_up`);
    await q.query(`DROP TABLE advocacy_action`);
    await q.query(`DROP TABLE campaign_state`);
    await q.query(`DROP TABLE campaign`);
  }
}
