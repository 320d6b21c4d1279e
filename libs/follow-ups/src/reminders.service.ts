import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OutboxService } from '@app/mail';
import { AppConfig, Job, JobQueue } from '@app/platform';
import { escalationEmail, reminderEmail, ReminderFacts } from './follow-up.emails';
import { COMPOSE_AHEAD_MS, escalationJob, reminderJob, reminderKey } from './follow-ups.service';

interface DueRow {
  id: string;
  title: string;
  note: string | null;
  status: string;
  remind_at: Date;
  reminder_for: Date | null;
  escalated_for: Date | null;
  region: string;
  state_name: string;
  assignee_email: string;
  assignee_name: string;
}

export type ReminderOutcome = 'composed' | 'not-wanted' | 'already-done' | 'not-yet';

/**
 * Turns due follow-ups into emails. Each handler re-reads the row under a lock and does nothing when the
 * follow-up was closed, moved, or already handled, so any number of deliveries of the same job send once.
 * A reminder is composed shortly before it is due and goes out at its time with every other email due then;
 * changing the follow-up in between withdraws it (FollowUpsService.update).
 */
@Injectable()
export class RemindersService {
  private readonly logger = new Logger(RemindersService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: OutboxService,
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
  ) {}

  async remind(followUpId: string, remindAt: string): Promise<ReminderOutcome> {
    const result = await this.db.transaction(async (m) => {
      const f = await this.lockDue(m.query.bind(m), followUpId);
      if (!f || f.status !== 'open' || f.remind_at.getTime() !== Date.parse(remindAt)) return 'not-wanted' as const;
      if (f.reminder_for?.getTime() === f.remind_at.getTime()) return 'already-done' as const;
      if (f.remind_at.getTime() - COMPOSE_AHEAD_MS > Date.now() + 1000) return 'not-yet' as const;
      const email = reminderEmail(this.facts(f));
      await this.outbox.compose(
        m,
        { idempotencyKey: reminderKey(f.id, f.remind_at), kind: 'reminder', recipient: f.assignee_email, ...email },
        f.remind_at,
      );
      await m.query('UPDATE follow_up SET reminder_for = remind_at WHERE id = $1', [f.id]);
      return 'composed' as const;
    });
    if (result !== 'composed') return result;
    await this.jobs.add(this.outbox.dueJob(new Date(remindAt)), new Date(remindAt));
    await this.jobs.add(escalationJob(followUpId, remindAt), this.escalateAt(new Date(remindAt)));
    return 'composed';
  }

  /** Still open some days after it was due: one email to each regional officer of the state's region. */
  async escalate(followUpId: string, remindAt: string): Promise<ReminderOutcome> {
    const result = await this.db.transaction(async (m) => {
      const f = await this.lockDue(m.query.bind(m), followUpId);
      if (!f || f.status !== 'open' || f.remind_at.getTime() !== Date.parse(remindAt)) return 'not-wanted' as const;
      if (f.escalated_for?.getTime() === f.remind_at.getTime()) return 'already-done' as const;
      if (this.escalateAt(f.remind_at).getTime() > Date.now() + 1000) return 'not-yet' as const;
      let officers: { email: string }[] = await m.query(
        `SELECT email FROM app_user WHERE active AND role = 'regional-officer' AND $1 = ANY(regions) ORDER BY email`,
        [f.region],
      );
      if (officers.length === 0) {
        // Nobody covers the region: the administrators hear of it rather than nobody.
        officers = await m.query(`SELECT email FROM app_user WHERE active AND role = 'admin' ORDER BY email`);
        this.logger.warn(`no regional officer for ${f.region}: escalating follow-up ${f.id} to administrators`);
      }
      const email = escalationEmail(this.facts(f), this.config.ESCALATE_AFTER_DAYS);
      const ids: string[] = [];
      for (const officer of officers) {
        const composed = await this.outbox.compose(m, {
          idempotencyKey: `escalation:${f.id}:${f.remind_at.toISOString()}:${officer.email.toLowerCase()}`,
          kind: 'escalation',
          recipient: officer.email,
          ...email,
        });
        ids.push(composed.id);
      }
      await m.query('UPDATE follow_up SET escalated_for = remind_at WHERE id = $1', [f.id]);
      return { outboxIds: ids };
    });
    if (typeof result === 'string') return result;
    for (const id of result.outboxIds) await this.jobs.add(this.outbox.sendJob(id));
    return 'composed';
  }

  /** What is due in PostgreSQL but may be missing from the queue: reminders to compose, and escalations. */
  async dueJobs(limit = 5000): Promise<Job[]> {
    const reminders: { id: string; remind_at: Date }[] = await this.db.query(
      `SELECT id, remind_at FROM follow_up
        WHERE status = 'open' AND remind_at <= now() + make_interval(secs => $2)
          AND reminder_for IS DISTINCT FROM remind_at
        ORDER BY remind_at LIMIT $1`,
      [limit, COMPOSE_AHEAD_MS / 1000],
    );
    const escalations: { id: string; remind_at: Date }[] = await this.db.query(
      `SELECT id, remind_at FROM follow_up
        WHERE status = 'open' AND reminder_for = remind_at AND escalated_for IS DISTINCT FROM remind_at
          AND remind_at <= now() - make_interval(days => $1)
        ORDER BY remind_at LIMIT $2`,
      [this.config.ESCALATE_AFTER_DAYS, limit],
    );
    return [
      ...reminders.map((r) => reminderJob(r.id, r.remind_at.toISOString())),
      ...escalations.map((r) => escalationJob(r.id, r.remind_at.toISOString())),
    ];
  }

  /** The oldest reminder that is due but has not gone out (not composed, or composed and unsent), in seconds. */
  async oldestOverdueSeconds(): Promise<number> {
    const [{ seconds }]: { seconds: number | null }[] = await this.db.query(
      `SELECT floor(EXTRACT(EPOCH FROM now() - min(remind_at)))::float8 AS seconds FROM follow_up
        WHERE status = 'open' AND remind_at <= now() AND reminder_for IS DISTINCT FROM remind_at`,
    );
    return Math.max(seconds ?? 0, await this.outbox.oldestOverdueSeconds('reminder'));
  }

  private escalateAt(remindAt: Date): Date {
    return new Date(remindAt.getTime() + this.config.ESCALATE_AFTER_DAYS * 86400_000);
  }

  private facts(f: DueRow): ReminderFacts {
    return {
      followUpId: f.id,
      title: f.title,
      note: f.note,
      stateName: f.state_name,
      remindAt: f.remind_at,
      assigneeName: f.assignee_name,
      link: `${this.config.PUBLIC_URL}/api/follow-ups/${f.id}`,
    };
  }

  private async lockDue(
    query: (sql: string, params: unknown[]) => Promise<DueRow[]>,
    id: string,
  ): Promise<DueRow | undefined> {
    const [row] = await query(
      `SELECT f.id, f.title, f.note, f.status, f.remind_at, f.reminder_for, f.escalated_for, f.region,
              s.name_en AS state_name, a.email AS assignee_email, a.name AS assignee_name
         FROM follow_up f JOIN state s ON s.code = f.state_code JOIN app_user a ON a.id = f.assignee_id
        WHERE f.id = $1 FOR UPDATE OF f`,
      [id],
    );
    return row;
  }
}
