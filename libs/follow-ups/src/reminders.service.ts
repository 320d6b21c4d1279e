import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { UserDirectory } from '@app/accounts';
import type { Locale } from '@app/i18n';
import { OutboxService } from '@app/mail';
import { AppConfig, Job, JobQueue } from '@app/platform';
import { escalationEmail, reminderEmail, ReminderFacts } from './follow-up.emails';
import { COMPOSE_AHEAD_MS, escalationJob, reminderJob, reminderKey } from './follow-ups.service';
import { DueFollowUp, FollowUpsRepository } from './follow-ups.repository';
import { followUpPageUrl } from './follow-up.view';

/** `assignee-inactive`: the assignee was deactivated; no email, and the follow-up's reminder log says so. */
export type ReminderOutcome = 'composed' | 'not-wanted' | 'already-done' | 'not-yet' | 'assignee-inactive';

/**
 * Turns due follow-ups into emails. Each handler re-reads the row under a lock and does nothing when the
 * follow-up was closed, moved, or already handled, so any number of deliveries of the same job send once.
 * A reminder is composed shortly before it is due and goes out at its time with every other email due then;
 * changing the follow-up in between withdraws it (FollowUpsService.update). A follow-up is escalated once, whatever
 * its reschedules; nobody deactivated is emailed.
 */
@Injectable()
export class RemindersService {
  private readonly logger = new Logger(RemindersService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly followUps: FollowUpsRepository,
    private readonly users: UserDirectory,
    private readonly outbox: OutboxService,
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
  ) {}

  async remind(followUpId: string, remindAt: string): Promise<ReminderOutcome> {
    const result = await this.db.transaction(async (m) => {
      const f = await this.followUps.lockDue(m, followUpId);
      if (!f || f.status !== 'open' || f.remindAt.getTime() !== Date.parse(remindAt)) return 'not-wanted' as const;
      if (f.reminderFor?.getTime() === f.remindAt.getTime()) return 'already-done' as const;
      if (f.remindAt.getTime() - COMPOSE_AHEAD_MS > Date.now() + 1000) return 'not-yet' as const;
      // Re-read now, not when it was assigned: a deactivated assignee gets nothing, and the log records why.
      if (!(await this.users.isActive(f.assigneeId, m))) {
        await this.followUps.markReminded(m, f.id, 'assignee-inactive');
        this.logger.warn(`follow-up ${f.id}: no reminder, its assignee ${f.assigneeId} is no longer active`);
        return 'assignee-inactive' as const;
      }
      const email = reminderEmail(this.facts(f, f.assigneeLocale), f.assigneeLocale);
      await this.outbox.compose(
        m,
        { idempotencyKey: reminderKey(f.id, f.remindAt), kind: 'reminder', recipient: f.assigneeEmail, ...email },
        f.remindAt,
      );
      await this.followUps.markReminded(m, f.id, 'emailed');
      return 'composed' as const;
    });
    if (result !== 'composed' && result !== 'assignee-inactive') return result;
    if (result === 'composed') await this.jobs.add(this.outbox.dueJob(new Date(remindAt)), new Date(remindAt));
    // Ignored, or left with nobody to do it: the region's officers hear of it either way.
    await this.jobs.add(escalationJob(followUpId, remindAt), this.escalateAt(new Date(remindAt)));
    return result;
  }

  /**
   * Still open some days after it was due: one email to each active regional officer of the state's region (or, when
   * there is none, to each active administrator), once per follow-up: a reschedule never escalates it again.
   */
  async escalate(followUpId: string, remindAt: string): Promise<ReminderOutcome> {
    const result = await this.db.transaction(async (m) => {
      const f = await this.followUps.lockDue(m, followUpId);
      if (!f || f.status !== 'open' || f.remindAt.getTime() !== Date.parse(remindAt)) return 'not-wanted' as const;
      if (f.escalatedFor !== null) return 'already-done' as const;
      if (this.escalateAt(f.remindAt).getTime() > Date.now() + 1000) return 'not-yet' as const;
      let officers = await this.users.recipientsOf({ role: 'regional-officer', region: f.region }, m);
      if (officers.length === 0) {
        // Nobody covers the region: the administrators hear of it rather than nobody.
        officers = await this.users.recipientsOf({ role: 'admin' }, m);
        this.logger.warn(`no regional officer for ${f.region}: escalating follow-up ${f.id} to administrators`);
      }
      // Each officer reads it in their own language: written once per language among them.
      const emails = new Map<Locale, ReturnType<typeof escalationEmail>>();
      const emailIn = (locale: Locale) => {
        if (!emails.has(locale)) {
          emails.set(locale, escalationEmail(this.facts(f, locale), this.config.ESCALATE_AFTER_DAYS, locale));
        }
        return emails.get(locale)!;
      };
      const ids: string[] = [];
      for (const officer of officers) {
        const composed = await this.outbox.compose(m, {
          idempotencyKey: `escalation:${f.id}:${officer.email.toLowerCase()}`,
          kind: 'escalation',
          recipient: officer.email,
          ...emailIn(officer.locale),
        });
        ids.push(composed.id);
      }
      await this.followUps.markEscalated(m, f.id);
      return { outboxIds: ids };
    });
    if (typeof result === 'string') return result;
    for (const id of result.outboxIds) await this.jobs.add(this.outbox.sendJob(id));
    return 'composed';
  }

  /** What is due in PostgreSQL but may be missing from the queue: reminders to compose, and escalations. */
  async dueJobs(limit = 5000): Promise<Job[]> {
    const reminders = await this.followUps.dueReminders({ composeAheadSeconds: COMPOSE_AHEAD_MS / 1000, limit });
    const escalations = await this.followUps.dueEscalations({ afterDays: this.config.ESCALATE_AFTER_DAYS, limit });
    return [
      ...reminders.map((r) => reminderJob(r.id, r.remindAt.toISOString())),
      ...escalations.map((r) => escalationJob(r.id, r.remindAt.toISOString())),
    ];
  }

  /** The oldest reminder that is due but has not gone out (not composed, or composed and unsent), in seconds. */
  async oldestOverdueSeconds(): Promise<number> {
    const seconds = await this.followUps.oldestUncomposedSeconds();
    return Math.max(seconds ?? 0, await this.outbox.oldestOverdueSeconds('reminder'));
  }

  private escalateAt(remindAt: Date): Date {
    return new Date(remindAt.getTime() + this.config.ESCALATE_AFTER_DAYS * 86400_000);
  }

  /** The facts of the follow-up for an email in `locale`: the state named in that language. */
  private facts(f: DueFollowUp, locale: Locale): ReminderFacts {
    return {
      followUpId: f.id,
      title: f.title,
      note: f.note,
      stateName: f.stateNames?.[locale] || f.stateName,
      remindAt: f.remindAt,
      assigneeName: f.assigneeName,
      link: followUpPageUrl(this.config.PUBLIC_URL, f.id),
    };
  }
}
