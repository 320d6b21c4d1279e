import { Injectable } from '@nestjs/common';
import { OutboxService } from '@app/mail';
import { JobHandlers } from '@app/platform';

/** Handles the mail queue: one email with its retries, and the batch of emails due at one instant. */
@Injectable()
export class MailProcessor {
  constructor(outbox: OutboxService, handlers: JobHandlers) {
    handlers.register('mail.send', (data, job) => outbox.deliver(data.outboxId, job.attemptsMade + 1 >= job.attempts));
    handlers.register('mail.due', async () => `sent ${await outbox.deliverDue()}`);
  }
}
