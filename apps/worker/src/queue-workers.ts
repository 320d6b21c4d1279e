import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job as BullJob } from 'bullmq';
import { concurrencyOf, JobHandlers, QueueName, WORKER_LOCKS } from '@app/platform';

/**
 * One BullMQ worker per queue, each only handing its jobs to the handler registered for their name. The workers
 * do not run on their own (`autorun: false`): `WorkerStart` starts them once every handler is known to be there.
 */
abstract class QueueWorker extends WorkerHost {
  private readonly logger: Logger;

  constructor(
    private readonly queue: QueueName,
    private readonly handlers: JobHandlers,
  ) {
    super();
    this.logger = new Logger(`Worker:${queue}`);
  }

  process(job: BullJob<unknown, unknown, string>): Promise<unknown> {
    return this.handlers.run(this.queue, job.name, job.data, {
      id: job.id,
      attemptsMade: job.attemptsMade,
      attempts: job.opts.attempts ?? 1,
      timestamp: job.timestamp,
      prevMillis: job.opts.prevMillis,
    });
  }

  // BullMQ reports here what happens outside a job's handler (a job removed while it finished, a lost connection);
  // an 'error' event with no listener would be thrown as unhandled.
  @OnWorkerEvent('error')
  onError(err: Error): void {
    this.logger.warn(`queue ${this.queue}: ${err.message}`);
  }

  @OnWorkerEvent('failed')
  onFailed(job: BullJob | undefined, err: Error): void {
    const attempts = `${job?.attemptsMade ?? '?'}/${job?.opts.attempts ?? '?'}`;
    this.logger.warn(`${job?.name ?? 'job'} ${job?.id ?? ''} failed (attempt ${attempts}): ${err.message}`);
  }
}

const options = (queue: QueueName) => ({ concurrency: concurrencyOf(queue), autorun: false, ...WORKER_LOCKS });

@Processor('reminders', options('reminders'))
export class RemindersWorker extends QueueWorker {
  constructor(handlers: JobHandlers) {
    super('reminders', handlers);
  }
}

@Processor('mail', options('mail'))
export class MailWorker extends QueueWorker {
  constructor(handlers: JobHandlers) {
    super('mail', handlers);
  }
}

@Processor('digest', options('digest'))
export class DigestWorker extends QueueWorker {
  constructor(handlers: JobHandlers) {
    super('digest', handlers);
  }
}

@Processor('depositary', options('depositary'))
export class DepositaryWorker extends QueueWorker {
  constructor(handlers: JobHandlers) {
    super('depositary', handlers);
  }
}

/** Checks that every job name has its handler, then starts the workers; a missing handler stops the worker process. */
@Injectable()
export class WorkerStart implements OnApplicationBootstrap {
  private readonly logger = new Logger('Worker');

  constructor(
    private readonly handlers: JobHandlers,
    private readonly reminders: RemindersWorker,
    private readonly mail: MailWorker,
    private readonly digest: DigestWorker,
    private readonly depositary: DepositaryWorker,
  ) {}

  onApplicationBootstrap(): void {
    this.handlers.verify();
    for (const host of [this.reminders, this.mail, this.digest, this.depositary]) {
      host.worker.run().catch((err: Error) => this.logger.error(`worker ${host.worker.name} stopped: ${err.message}`));
    }
  }
}
