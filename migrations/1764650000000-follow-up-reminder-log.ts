import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every reminder a follow-up has had dealt with, one row per reminder time: emailed to the assignee, or skipped
 * and why (the assignee was no longer active). The emailed ones of the last 24 hours bound how often a follow-up
 * can be rescheduled into another email (FollowUpsService.update); a reminder withdrawn before it went out has its
 * row removed with it.
 */
export class FollowUpReminderLog1764650000000 implements MigrationInterface {
  name = 'FollowUpReminderLog1764650000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE follow_up_reminder (
        follow_up_id uuid NOT NULL REFERENCES follow_up(id) ON DELETE CASCADE,
        remind_at    timestamptz NOT NULL,
        outcome      text NOT NULL CHECK (outcome IN ('emailed', 'assignee-inactive')),
        recorded_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (follow_up_id, remind_at)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE follow_up_reminder`);
  }
}
