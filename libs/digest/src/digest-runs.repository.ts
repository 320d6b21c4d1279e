import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { DigestTrigger } from '@app/platform';
import { Queryable } from '@app/platform';

/** The digest's own tables: which weeks were composed (digest_run) and the schedule in force (digest_schedule). */
@Injectable()
export class DigestRunsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Records a composition of the week in the caller's transaction; later ones add their emails to the first. */
  async recordRun(
    m: Queryable,
    run: { week: string; weekStart: string; trigger: DigestTrigger; composedBy: string | null; emails: number },
  ): Promise<void> {
    await m.query(
      `INSERT INTO digest_run (week, week_start, trigger, composed_by, emails) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (week) DO UPDATE SET emails = digest_run.emails + EXCLUDED.emails, last_composed_at = now()`,
      [run.week, run.weekStart, run.trigger, run.composedBy, run.emails],
    );
  }

  async wasComposed(week: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query('SELECT 1 FROM digest_run WHERE week = $1', [week]);
    return rows.length > 0;
  }

  /** Keeps the schedule in force; the first registration's time stays, as runs before it are never caught up. */
  async saveSchedule(schedule: { cron: string; tz: string }): Promise<void> {
    await this.db.query(
      `INSERT INTO digest_schedule (id, cron, tz) VALUES (1, $1, $2)
       ON CONFLICT (id) DO UPDATE SET cron = EXCLUDED.cron, tz = EXCLUDED.tz, registered_at = now()`,
      [schedule.cron, schedule.tz],
    );
  }

  /** When a schedule was first registered, or null if none ever was. */
  async firstRegisteredAt(): Promise<Date | null> {
    const [row]: { first_registered_at: Date }[] = await this.db.query(
      'SELECT first_registered_at FROM digest_schedule WHERE id = 1',
    );
    return row?.first_registered_at ?? null;
  }
}
