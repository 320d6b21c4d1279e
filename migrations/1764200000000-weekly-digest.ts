import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The weekly digest: which weeks have been composed (so a run missed while no worker was up is sent once
 * when one comes back), when the schedule was first registered (no catch-up for runs before that), and
 * the indexes its aggregates read by date.
 */
export class WeeklyDigest1764200000000 implements MigrationInterface {
  name = 'WeeklyDigest1764200000000';

  async up(q: QueryRunner): Promise<void> {
    // One row per ISO week composed; the emails themselves are in outbox_email, one per recipient and week.
    await q.query(`
      CREATE TABLE digest_run (
        week             text PRIMARY KEY CHECK (week ~ '^[0-9]{4}-W[0-9]{2}$'),
        week_start       date NOT NULL,
        trigger          text NOT NULL CHECK (trigger IN ('schedule','catch-up','manual')),
        composed_by      uuid REFERENCES app_user(id),
        emails           int NOT NULL,
        composed_at      timestamptz NOT NULL DEFAULT now(),
        last_composed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE digest_schedule (
        id                  int PRIMARY KEY CHECK (id = 1),
        cron                text NOT NULL,
        tz                  text NOT NULL,
        first_registered_at timestamptz NOT NULL DEFAULT now(),
        registered_at       timestamptz NOT NULL DEFAULT now()
      )`);
    // The week's treaty events and implementation changes: by their date, or recorded by a user that week.
    await q.query(`CREATE INDEX treaty_event_date_idx ON treaty_event (date)`);
    await q.query(`CREATE INDEX treaty_event_recorded_idx ON treaty_event (recorded_at) WHERE recorded_by IS NOT NULL`);
    await q.query(`CREATE INDEX implementation_change_date_idx ON implementation_change (date)`);
    await q.query(
      `CREATE INDEX implementation_change_recorded_idx ON implementation_change (recorded_at) WHERE recorded_by IS NOT NULL`,
    );
    // Follow-ups open at the end of a week, by region: open now (counted from this index alone), or closed since.
    await q.query(
      `CREATE INDEX follow_up_open_region_idx ON follow_up (region, remind_at) INCLUDE (created_at) WHERE status = 'open'`,
    );
    await q.query(`CREATE INDEX follow_up_closed_idx ON follow_up (closed_at) WHERE closed_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of [
      'follow_up_closed_idx',
      'follow_up_open_region_idx',
      'implementation_change_recorded_idx',
      'implementation_change_date_idx',
      'treaty_event_recorded_idx',
      'treaty_event_date_idx',
    ]) {
      await q.query(`DROP INDEX ${index}`);
    }
    await q.query(`DROP TABLE digest_schedule`);
    await q.query(`DROP TABLE digest_run`);
  }
}
