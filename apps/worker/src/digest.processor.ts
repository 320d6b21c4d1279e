import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job as BullJob } from 'bullmq';
import { DigestSchedule, DigestSendResult, DigestService, weekFromId } from '@app/digest';
import { concurrencyOf, DIGEST_SCHEDULER, Job, JobQueue, jobId, WORKER_LOCKS } from '@app/platform';

type ComposeJob = Extract<Job, { queue: 'digest' }>;

/**
 * The digest queue: the scheduler's tick only enqueues the week's composition (one job id per week, so ticks,
 * catch-ups and retries meet in one job); the composition sends each recipient the week's digest once.
 */
@Processor('digest', { concurrency: concurrencyOf('digest'), ...WORKER_LOCKS })
export class DigestProcessor extends WorkerHost {
  private readonly logger = new Logger(DigestProcessor.name);

  constructor(
    private readonly digest: DigestService,
    private readonly schedule: DigestSchedule,
    private readonly jobs: JobQueue,
  ) {
    super();
  }

  async process(job: BullJob<ComposeJob['data'] | Record<string, never>, unknown, string>): Promise<unknown> {
    if (job.name === DIGEST_SCHEDULER.jobName) {
      // The time the run was due, not when a worker got to it: a late tick still covers the week of its run.
      const fromId = Number(job.id?.split(':').pop());
      const compose = this.schedule.jobForRun(
        job.opts.prevMillis ?? (Number.isFinite(fromId) ? fromId : job.timestamp),
      );
      if (!(await this.jobs.add(compose))) throw new Error(`could not enqueue ${jobId(compose)}`);
      return jobId(compose);
    }
    if (job.name === 'digest.compose') {
      const { week: id, trigger } = job.data as ComposeJob['data'];
      const week = weekFromId(id);
      if (!week) throw new Error(`digest.compose for "${id}", which names no ISO week`);
      const result: DigestSendResult = await this.digest.send(week, trigger);
      return result;
    }
    throw new Error(`the digest queue has no handler for job ${job.name}`);
  }

  @OnWorkerEvent('failed')
  onFailed(job: BullJob | undefined, err: Error): void {
    const attempts = `${job?.attemptsMade ?? '?'}/${job?.opts.attempts ?? '?'}`;
    this.logger.warn(`${job?.name ?? 'job'} ${job?.id ?? ''} failed (attempt ${attempts}): ${err.message}`);
  }
}
