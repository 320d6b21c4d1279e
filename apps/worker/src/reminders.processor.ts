import { Injectable } from '@nestjs/common';
import { RemindersService } from '@app/follow-ups';
import { JobHandlers } from '@app/platform';

/** Handles the reminders queue: a follow-up's reminder at its time, and its escalation when ignored. */
@Injectable()
export class RemindersProcessor {
  constructor(reminders: RemindersService, handlers: JobHandlers) {
    // Fired a little early (clock skew): failing retries it with backoff, on time; the reconciler is the backstop.
    const due = (name: string, id: string | undefined, outcome: string) => {
      if (outcome === 'not-yet') throw new Error(`${name} ${id ?? ''} is not due yet`);
      return outcome;
    };
    handlers.register('follow-up.reminder', async (data, job) =>
      due('follow-up.reminder', job.id, await reminders.remind(data.followUpId, data.remindAt)),
    );
    handlers.register('follow-up.escalation', async (data, job) =>
      due('follow-up.escalation', job.id, await reminders.escalate(data.followUpId, data.remindAt)),
    );
  }
}
