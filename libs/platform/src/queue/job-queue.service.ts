import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { backoffOf, Job, jobId, QUEUE_SETTINGS, QueueName, QUEUES } from './jobs';
import { redisOptions } from './redis-connection';

/**
 * Puts jobs on the queues. PostgreSQL already holds the work, so a failed enqueue is logged and left to
 * the reconciler rather than failing the request that caused it; the producer never waits on a dead Redis.
 */
@Injectable()
export class JobQueue implements OnApplicationShutdown {
  private readonly logger = new Logger(JobQueue.name);
  private readonly queues: Record<QueueName, Queue>;

  constructor(config: AppConfig) {
    const connection = { ...redisOptions(config.REDIS_URL), maxRetriesPerRequest: 1, enableOfflineQueue: false };
    this.queues = Object.fromEntries(
      QUEUES.map((name) => [name, new Queue(name, { connection, prefix: config.QUEUE_PREFIX })]),
    ) as Record<QueueName, Queue>;
    for (const queue of Object.values(this.queues))
      queue.on('error', (err) => this.logger.warn(`queue ${queue.name}: ${err.message}`));
  }

  /** Enqueues `job` to run at `runAt` (now when omitted). Returns false when Redis could not take it. */
  async add(job: Job, runAt?: Date): Promise<boolean> {
    const settings = QUEUE_SETTINGS[job.queue];
    try {
      await withTimeout(
        this.queues[job.queue].add(job.name, job.data, {
          jobId: jobId(job),
          delay: runAt ? Math.max(0, runAt.getTime() - Date.now()) : undefined,
          attempts: settings.attempts,
          backoff: { type: 'exponential', delay: backoffOf(job.queue) },
          // Finished and failed jobs go, so the reconciler can always enqueue the same id again: PostgreSQL keeps
          // what happened (attempts, last error), and the handlers make a repeat harmless.
          removeOnComplete: true,
          removeOnFail: true,
        }),
        2_000,
      );
      return true;
    } catch (err) {
      this.logger.warn(`could not enqueue ${jobId(job)} (the reconciler will): ${(err as Error).message}`);
      return false;
    }
  }

  /** Removes a waiting or delayed job (a cancelled reminder); a job already running finishes and finds nothing to do. */
  async remove(job: Job): Promise<void> {
    try {
      await withTimeout(this.queues[job.queue].remove(jobId(job)), 2_000);
    } catch (err) {
      this.logger.warn(`could not remove ${jobId(job)}: ${(err as Error).message}`);
    }
  }

  queue(name: QueueName): Queue {
    return this.queues[name];
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(Object.values(this.queues).map((q) => q.close().catch(() => undefined)));
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
