import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job as BullJob } from 'bullmq';
import { RemindersService } from '@app/follow-ups';
import { concurrencyOf, Job, WORKER_LOCKS } from '@app/platform';

type ReminderJob = Extract<Job, { queue: 'reminders' }>;

@Processor('reminders', { concurrency: concurrencyOf('reminders'), ...WORKER_LOCKS })
export class RemindersProcessor extends WorkerHost {
  private readonly logger = new Logger(RemindersProcessor.name);

  constructor(private readonly reminders: RemindersService) {
    super();
  }

  async process(job: BullJob<ReminderJob['data'], string, string>): Promise<string> {
    const name = job.name as ReminderJob['name'];
    let outcome: string;
    switch (name) {
      case 'follow-up.reminder':
        outcome = await this.reminders.remind(job.data.followUpId, job.data.remindAt);
        break;
      case 'follow-up.escalation':
        outcome = await this.reminders.escalate(job.data.followUpId, job.data.remindAt);
        break;
      default:
        throw new Error(`the reminders queue has no handler for job ${String(job.name)}`);
    }
    // Fired a little early (clock skew): retrying with backoff sends it on time; the reconciler is the backstop.
    if (outcome === 'not-yet') throw new Error(`${job.name} ${job.id} is not due yet`);
    return outcome;
  }

  @OnWorkerEvent('failed')
  onFailed(job: BullJob | undefined, err: Error): void {
    const attempts = `${job?.attemptsMade ?? '?'}/${job?.opts.attempts ?? '?'}`;
    this.logger.warn(`${job?.name ?? 'job'} ${job?.id ?? ''} failed (attempt ${attempts}): ${err.message}`);
  }
}
