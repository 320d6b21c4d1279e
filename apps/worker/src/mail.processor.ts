import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job as BullJob } from 'bullmq';
import { OutboxService } from '@app/mail';
import { concurrencyOf, Job, WORKER_LOCKS } from '@app/platform';

type MailJob = Extract<Job, { queue: 'mail' }>;

@Processor('mail', { concurrency: concurrencyOf('mail'), ...WORKER_LOCKS })
export class MailProcessor extends WorkerHost {
  private readonly logger = new Logger(MailProcessor.name);

  constructor(private readonly outbox: OutboxService) {
    super();
  }

  async process(job: BullJob<MailJob['data'], string, string>): Promise<string> {
    const mail = { name: job.name, data: job.data } as MailJob;
    switch (mail.name) {
      case 'mail.send': {
        const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        return this.outbox.deliver(mail.data.outboxId, lastAttempt);
      }
      case 'mail.due':
        return `sent ${await this.outbox.deliverDue()}`;
      default:
        throw new Error(`the mail queue has no handler for job ${job.name}`);
    }
  }

  @OnWorkerEvent('failed')
  onFailed(job: BullJob | undefined, err: Error): void {
    const attempts = `${job?.attemptsMade ?? '?'}/${job?.opts.attempts ?? '?'}`;
    this.logger.warn(`${job?.name ?? 'job'} ${job?.id ?? ''} failed (attempt ${attempts}): ${err.message}`);
  }
}
