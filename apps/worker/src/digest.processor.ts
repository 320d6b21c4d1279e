import { Injectable } from '@nestjs/common';
import { DigestSchedule, DigestService, weekFromId } from '@app/digest';
import { DIGEST_SCHEDULER, JobHandlers, JobQueue, jobId } from '@app/platform';

/**
 * Handles the digest queue: the scheduler's tick only enqueues the week's composition (one job id per week, so
 * ticks, catch-ups and retries meet in one job); the composition sends each recipient the week's digest once.
 */
@Injectable()
export class DigestProcessor {
  constructor(digest: DigestService, schedule: DigestSchedule, jobs: JobQueue, handlers: JobHandlers) {
    handlers.register(DIGEST_SCHEDULER.jobName, async (_data, job) => {
      // The time the run was due, not when a worker got to it: a late tick still covers the week of its run.
      const fromId = Number(job.id?.split(':').pop());
      const compose = schedule.jobForRun(job.prevMillis ?? (Number.isFinite(fromId) ? fromId : job.timestamp));
      if (!(await jobs.add(compose))) throw new Error(`could not enqueue ${jobId(compose)}`);
      return jobId(compose);
    });
    handlers.register('digest.compose', async ({ week: id, trigger }) => {
      const week = weekFromId(id);
      if (!week) throw new Error(`digest.compose for "${id}", which names no ISO week`);
      return digest.send(week, trigger);
    });
  }
}
