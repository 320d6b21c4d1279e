import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { depositarySyncSources, DepositaryService } from '@app/states';
import {
  AppConfig,
  backoffOf,
  DEPOSITARY_SCHEDULER,
  depositarySyncUrls,
  Job,
  JobHandlers,
  JobQueue,
  jobId,
  QUEUE_SETTINGS,
} from '@app/platform';

/** How long one status page may take to arrive. */
const FETCH_TIMEOUT_MS = 30_000;

/**
 * The scheduled depositary sync: at DEPOSITARY_SYNC_CRON (UTC) the scheduler's tick only enqueues one fetch per
 * status page; each fetch reads its page and files it through the same import as an admin's paste, so the
 * proposals are the same and a second run files nothing new. A page that cannot be fetched is logged and retried
 * with the queue's backoff; the other pages go on.
 */
@Injectable()
export class DepositaryProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger('DepositarySync');
  private readonly sources;

  constructor(
    depositary: DepositaryService,
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
    handlers: JobHandlers,
  ) {
    this.sources = depositarySyncSources(depositarySyncUrls(config));
    handlers.register(DEPOSITARY_SCHEDULER.jobName, async (_data, job) => {
      const at = new Date(job.prevMillis ?? job.timestamp).toISOString();
      const fetches: Job[] = this.sources.map((s) => ({
        queue: 'depositary',
        name: 'depositary.fetch',
        data: { instrument: s.instrument, url: s.url, at },
      }));
      const lost: string[] = [];
      for (const fetchJob of fetches) if (!(await this.jobs.add(fetchJob))) lost.push(jobId(fetchJob));
      // Ids are per page and run, so the retry enqueues only what Redis did not take.
      if (lost.length) throw new Error(`could not enqueue ${lost.join(', ')}`);
      return fetches.map(jobId).join(', ');
    });
    handlers.register('depositary.fetch', async ({ instrument, url }, job) => {
      const source = this.sources.find((s) => s.instrument === instrument && s.url === url);
      if (!source) return `skipped: ${instrument} ${url} is no longer a source`;
      let text: string;
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'follow' });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        text = await res.text();
      } catch (err) {
        const reason = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : err;
        this.logger.warn(
          `Could not fetch the ${instrument} status page ${url} (attempt ${job.attemptsMade + 1} of ${job.attempts}): ${String(reason)}`,
        );
        throw err;
      }
      const read = await depositary.syncStatusTable({ instrument: source.instrument, text, sourceUrl: url });
      const line = `${instrument}: ${read.participants} rows read from ${url}, ${read.proposals} new proposals`;
      this.logger.log(line);
      return line;
    });
  }

  /** Registers the schedule, or removes it when DEPOSITARY_SYNC_CRON is empty (the sync switched off). */
  async onApplicationBootstrap(): Promise<void> {
    const cron = this.config.DEPOSITARY_SYNC_CRON.trim();
    try {
      await this.register(cron);
    } catch (err) {
      this.logger.error(`Could not register the depositary sync schedule: ${(err as Error).message}`);
    }
  }

  private async register(cron: string): Promise<void> {
    const queue = this.jobs.queue('depositary');
    if (cron === '') {
      await queue.removeJobScheduler(DEPOSITARY_SCHEDULER.id);
      this.logger.log('Depositary sync is off (DEPOSITARY_SYNC_CRON is empty)');
      return;
    }
    await queue.upsertJobScheduler(
      DEPOSITARY_SCHEDULER.id,
      { pattern: cron, tz: 'UTC' },
      {
        name: DEPOSITARY_SCHEDULER.jobName,
        data: {},
        opts: {
          attempts: QUEUE_SETTINGS.depositary.attempts,
          backoff: { type: 'exponential', delay: backoffOf('depositary') },
          removeOnComplete: true,
          removeOnFail: true,
        },
      },
    );
    this.logger.log(`Depositary sync scheduled at "${cron}" UTC for ${this.sources.length} status pages`);
  }
}
