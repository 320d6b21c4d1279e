import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, backoffOf, DIGEST_SCHEDULER, Job, JobQueue, QUEUE_SETTINGS } from '@app/platform';
import { DigestRunsRepository } from './digest-runs.repository';
import { lastEndedWeek, nextFire, previousFire } from './digest-week';
import { composeJob } from './digest.service';

/**
 * When the digest goes out: a BullMQ job scheduler fires at DIGEST_CRON in DIGEST_TZ and only enqueues the
 * composition of the week that run covers. PostgreSQL remembers which weeks were composed, so a run that
 * Redis never delivered (no worker up at the time, a restart at that moment, data lost) is found and sent
 * once by the reconciler.
 */
@Injectable()
export class DigestSchedule {
  private readonly logger = new Logger(DigestSchedule.name);

  constructor(
    private readonly runs: DigestRunsRepository,
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
  ) {}

  /**
   * Registers (or updates) the schedule; any number of workers doing so at once leave one scheduler, since
   * BullMQ upserts it by id in one step. Runs before the first registration are never caught up.
   */
  async register(): Promise<void> {
    const { DIGEST_CRON: cron, DIGEST_TZ: tz } = this.config;
    await this.runs.saveSchedule({ cron, tz });
    await this.jobs.queue('digest').upsertJobScheduler(
      DIGEST_SCHEDULER.id,
      { pattern: cron, tz },
      {
        name: DIGEST_SCHEDULER.jobName,
        data: {},
        opts: {
          attempts: QUEUE_SETTINGS.digest.attempts,
          backoff: { type: 'exponential', delay: backoffOf('digest') },
          removeOnComplete: true,
          removeOnFail: true,
        },
      },
    );
    const next = nextFire(Date.now(), cron, tz);
    this.logger.log(
      `Digest scheduled at "${cron}" in ${tz}; next run ${next ? new Date(next).toISOString() : 'never'}`,
    );
  }

  /** Registers the schedule again if Redis no longer has it (flushed, or restarted without persistence). */
  async ensureRegistered(): Promise<void> {
    const existing = await this.jobs.queue('digest').getJobScheduler(DIGEST_SCHEDULER.id);
    if (!existing) {
      this.logger.warn('The digest schedule was missing from Redis; registering it again');
      await this.register();
    }
  }

  /** The composition job for the scheduled run that fired at `firedAt`: the last week ended by then. */
  jobForRun(firedAt: number): Job {
    return composeJob(lastEndedWeek(firedAt, this.config.DIGEST_TZ).id, 'schedule');
  }

  /**
   * The latest scheduled run, if its week was never composed: what a worker that was down, restarted at the
   * wrong moment or lost its Redis data must still send. Older missed weeks are left to an admin's send.
   */
  async dueJobs(now = Date.now()): Promise<Job[]> {
    const firstRegisteredAt = await this.runs.firstRegisteredAt();
    if (!firstRegisteredAt) return [];
    const fired = previousFire(now, this.config.DIGEST_CRON, this.config.DIGEST_TZ);
    if (fired === undefined || fired < firstRegisteredAt.getTime()) return [];
    const week = lastEndedWeek(fired, this.config.DIGEST_TZ);
    if (await this.runs.wasComposed(week.id)) return [];
    this.logger.warn(`The digest run of ${new Date(fired).toISOString()} (week ${week.id}) was missed; sending it now`);
    return [composeJob(week.id, 'catch-up')];
  }
}
