import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { DigestSchedule } from '@app/digest';
import { RemindersService } from '@app/follow-ups';
import { OutboxService } from '@app/mail';
import { AppConfig, JobQueue, REDIS } from '@app/platform';

/**
 * PostgreSQL is the truth, Redis only delivers: on start and every RECONCILE_EVERY_SECONDS, whatever is
 * due and unsent in the database (reminders, escalations, emails, a digest run that never happened) is put on
 * the queue again. Job ids are deterministic, so work already queued is not duplicated, and the handlers skip
 * work already done.
 */
@Injectable()
export class Reconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Reconciler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly reminders: RemindersService,
    private readonly outbox: OutboxService,
    private readonly digestSchedule: DigestSchedule,
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.warnUnlessNoEviction();
    // Registered before the first pass, so that pass looks for a missed digest run against the schedule in force.
    try {
      await this.digestSchedule.register();
    } catch (err) {
      this.logger.error(`Could not register the digest schedule; the next pass retries: ${(err as Error).message}`);
    }
    await this.reconcile();
    this.timer = setInterval(() => void this.reconcile(), this.config.RECONCILE_EVERY_SECONDS * 1000);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass; overlapping calls share the pass in progress. */
  reconcile(): Promise<void> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(): Promise<void> {
    try {
      // A digest run Redis never delivered is composed now; a schedule Redis lost is registered again.
      await this.digestSchedule.ensureRegistered().catch((err: Error) => {
        this.logger.warn(`Could not check the digest schedule in Redis: ${err.message}`);
      });
      const due = [
        ...(await this.reminders.dueJobs()),
        ...(await this.digestSchedule.dueJobs()),
        ...(await this.outbox.unsentJobs()),
      ];
      let queued = 0;
      for (const job of due) if (await this.jobs.add(job)) queued++;
      if (due.length) this.logger.log(`Reconciled ${due.length} due item(s); ${queued} handed to the queue`);
    } catch (err) {
      this.logger.error(
        `Reconciliation failed; next pass in ${this.config.RECONCILE_EVERY_SECONDS} s: ${(err as Error).message}`,
      );
    }
  }

  private async warnUnlessNoEviction(): Promise<void> {
    try {
      const [, policy] = (await this.redis.config('GET', 'maxmemory-policy')) as [string, string];
      if (policy !== 'noeviction') {
        this.logger.warn(
          `REDIS maxmemory-policy is "${policy}", not "noeviction": under memory pressure Redis may evict queued jobs. ` +
            'Nothing is lost (the reconciler re-queues from PostgreSQL) but reminders may be late. Set maxmemory-policy noeviction.',
        );
      }
    } catch (err) {
      this.logger.warn(`could not read Redis maxmemory-policy (${(err as Error).message}); make sure it is noeviction`);
    }
  }
}
