import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OutboxService } from '@app/mail';
import { EmailRecipient, normalizeEmail, UserDirectory } from '@app/accounts';
import { DEFAULT_LOCALE, type Locale } from '@app/i18n';
import { ActionStatsService } from '@app/advocacy';
import { FollowUpStatsService } from '@app/follow-ups';
import { InsightsService } from '@app/insight';
import { AppConfig, DigestTrigger, isCalendarDate, Job, JobQueue, Queryable } from '@app/platform';
import { OPENED_ON, TreatyNewsRepository } from '@app/states';
import { DigestContent, DigestFigures } from './digest-content';
import { digestQueries } from './digest-queries';
import { digestError } from './digest.errors';
import { DigestRunsRepository } from './digest-runs.repository';
import { addDays, DigestWeek, isoWeekOf, lastEndedWeek, localDate } from './digest-week';
import { renderDigest, RenderedDigest } from './digest.render';

export interface DigestSendResult {
  week: string;
  weekStart: string;
  weekEnd: string;
  /** Everyone the digest goes to: active steering-committee members and DIGEST_EXTRA_RECIPIENTS. */
  recipients: number;
  /** Emails composed now and queued for sending. */
  queued: number;
  /** Recipients who already had this week's digest (sent or on its way): nothing new for them. */
  alreadyComposed: number;
}

export const composeJob = (week: string, trigger: DigestTrigger): Job => ({
  queue: 'digest',
  name: 'digest.compose',
  data: { week, trigger },
});

/**
 * The weekly status email: its content from SQL aggregates, its layout, and its composition into the
 * outbox, once per recipient and week whatever the retries (the idempotency key is the week and the address).
 */
@Injectable()
export class DigestService {
  private readonly logger = new Logger(DigestService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: OutboxService,
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
    private readonly runs: DigestRunsRepository,
    private readonly users: UserDirectory,
    private readonly treatyNews: TreatyNewsRepository,
    private readonly actionStats: ActionStatsService,
    private readonly followUpStats: FollowUpStatsService,
    private readonly insights: InsightsService,
  ) {}

  /** The ISO week holding `weekOf` (default: the last week that has ended, in DIGEST_TZ); not a week to come. */
  weekOf(weekOf: string | undefined, now = new Date()): DigestWeek {
    if (weekOf === undefined) return lastEndedWeek(now, this.config.DIGEST_TZ);
    if (!isCalendarDate(weekOf)) throw digestError('bad-week', `weekOf must be a real date written YYYY-MM-DD`);
    if (weekOf < OPENED_ON['rome-statute']) {
      throw digestError(
        'bad-week',
        `weekOf must not be before ${OPENED_ON['rome-statute']}, when the Rome Statute was adopted`,
      );
    }
    const week = isoWeekOf(weekOf);
    const today = localDate(now, this.config.DIGEST_TZ);
    if (week.start > today) {
      throw digestError(
        'week-not-started',
        `weekOf ${weekOf} is in a week that has not started yet (today is ${today})`,
      );
    }
    return week;
  }

  /**
   * As `weekOf`, for sending: the week must have ended, since each recipient gets a week's digest once and
   * a digest sent mid-week would stand in for the complete one.
   */
  weekToSend(weekOf: string | undefined, now = new Date()): DigestWeek {
    const week = this.weekOf(weekOf, now);
    if (week.end >= localDate(now, this.config.DIGEST_TZ)) {
      throw digestError(
        'week-not-ended',
        `weekOf ${weekOf ?? week.start} is in week ${week.id}, which ends on ${week.end}: it can be sent from ` +
          `${addDays(week.end, 1)}, and previewed now`,
      );
    }
    return week;
  }

  /**
   * The week's figures, each asked of the library that owns it, inside one REPEATABLE READ transaction: one
   * consistent snapshot, as if read in one statement, aggregated where the rows are.
   */
  async content(week: DigestWeek, now = new Date()): Promise<DigestContent> {
    const timeZone = this.config.DIGEST_TZ;
    const today = localDate(now, timeZone);
    const q = digestQueries(week, timeZone, now);
    const figures: DigestFigures = await this.db.transaction('REPEATABLE READ', async (m) => {
      const treaty = await this.treatyNews.week(m, q.treaty);
      const actions = await this.actionStats.weekActivity(m, q.actions);
      const organisationKinds = await this.actionStats.weekByOrganisationKind(m, q.actions);
      const followUps = await this.followUpStats.openAtWeekEnd(m, q.followUps);
      const insight = await this.insights.week(m, { start: week.start, end: week.end, statusDate: q.statusDate });
      const { chart, ...news } = treaty;
      return { ...news, actions, organisationKinds, followUps, insight, chart };
    });
    return {
      ...figures,
      week,
      nextWeek: isoWeekOf(addDays(week.end, 1)),
      timeZone,
      statusDate: q.statusDate,
      inProgress: week.end >= today,
    };
  }

  async render(week: DigestWeek, now = new Date(), locale: Locale = DEFAULT_LOCALE): Promise<RenderedDigest> {
    return renderDigest(await this.content(week, now), this.config.PUBLIC_URL, locale);
  }

  /**
   * The HTML a recipient reading `locale` gets for the week holding `weekOf` (English by default); a week in
   * progress shows its figures so far.
   */
  async previewHtml(weekOf?: string, locale: Locale = DEFAULT_LOCALE): Promise<string> {
    return (await this.render(this.weekOf(weekOf), new Date(), locale)).html;
  }

  /**
   * Composes the week's digest for every recipient who has not had it, in one transaction, then queues the
   * new emails. Any number of calls for a week (the schedule, a catch-up, an admin, a retry) send each
   * recipient one email.
   */
  async send(week: DigestWeek, trigger: DigestTrigger, actorId?: string): Promise<DigestSendResult> {
    // The figures once; the words once per language the recipients read (an English digest when none).
    const content = await this.content(week);
    const rendered = new Map<Locale, RenderedDigest>();
    const emailIn = (locale: Locale): RenderedDigest => {
      if (!rendered.has(locale)) rendered.set(locale, renderDigest(content, this.config.PUBLIC_URL, locale));
      return rendered.get(locale)!;
    };
    const { ids, recipients } = await this.db.transaction(async (m) => {
      const recipients = await this.recipients(m);
      const created: string[] = [];
      for (const { email: recipient, locale } of recipients) {
        const composed = await this.outbox.compose(m, {
          idempotencyKey: `digest:${week.id}:${normalizeEmail(recipient)}`,
          kind: 'digest',
          recipient,
          ...emailIn(locale),
        });
        if (composed.created) created.push(composed.id);
      }
      await this.runs.recordRun(m, {
        week: week.id,
        weekStart: week.start,
        trigger,
        composedBy: actorId ?? null,
        emails: created.length,
      });
      return { ids: created, recipients };
    });
    for (const id of ids) await this.jobs.add(this.outbox.sendJob(id));
    if (recipients.length === 0) {
      this.logger.warn(
        `digest ${week.id}: no recipient (no active steering-committee member, no DIGEST_EXTRA_RECIPIENTS)`,
      );
    } else {
      this.logger.log(`digest ${week.id} (${trigger}): ${ids.length} of ${recipients.length} recipient(s) queued`);
    }
    return {
      week: week.id,
      weekStart: week.start,
      weekEnd: week.end,
      recipients: recipients.length,
      queued: ids.length,
      alreadyComposed: recipients.length - ids.length,
    };
  }

  /**
   * Active steering-committee members in their languages, then the extra addresses in English, once each (as
   * normalizeEmail compares addresses), in a fixed order.
   */
  private async recipients(m: Queryable): Promise<EmailRecipient[]> {
    const members = await this.users.recipientsOf({ role: 'steering-committee' }, m);
    const extra = this.config.DIGEST_EXTRA_RECIPIENTS.split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '')
      .map((email): EmailRecipient => ({ email, locale: DEFAULT_LOCALE }));
    const byKey = new Map<string, EmailRecipient>();
    for (const recipient of [...members, ...extra]) {
      const key = normalizeEmail(recipient.email);
      if (!byKey.has(key)) byKey.set(key, recipient);
    }
    // One order for every transaction composing the same week, so concurrent ones never deadlock.
    return [...byKey.keys()].sort().map((key) => byKey.get(key)!);
  }
}
