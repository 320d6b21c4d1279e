import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { backoffOf, Job, JobQueue } from '@app/platform';
import { MAX_ATTEMPT_SECONDS, MailTransport, SendFailure } from './mail-transport';
import { ClaimedEmail, FailedStatus, OutboxRepository } from './outbox.repository';

export interface ComposedEmail {
  /** Unique per (kind, recipient, subject entity, period): composing the same key twice keeps one email. */
  idempotencyKey: string;
  kind: string;
  recipient: string;
  subject: string;
  html: string;
  text: string;
  /** The body holds a secret (a one-time link): the outbox replaces it with a note once the email is sent. */
  sensitive?: boolean;
}

/** What a sensitive email's body becomes in the outbox once sent. */
export const SENT_SECRET_PLACEHOLDER = '[removed after sending: the email held a one-time link]';

export type DeliveryOutcome = 'sent' | 'already-done' | 'uncertain' | 'failed';

/** Scheduled emails are claimed this many at a time, by this many lanes at once. */
const DUE_BATCH = 50;
const DUE_LANES = 4;
/** A row left `sending` longer than one SMTP attempt can take is no longer in anyone's hands: it is sent again. */
const STALE_SENDING_SECONDS = MAX_ATTEMPT_SECONDS;

/**
 * Every email goes through the outbox table: composed in the transaction that decided to send it, then
 * delivered by a job that retries, records each attempt and never drops a message. An email may be composed
 * ahead of its time (`notBefore`): it is then sent, with the others due at that instant, by one batch job.
 */
@Injectable()
export class OutboxService {
  private readonly logger = new Logger(OutboxService.name);

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly transport: MailTransport,
    private readonly jobs: JobQueue,
  ) {}

  /**
   * Writes the email unless one with its key exists; returns the row's id and whether it is new. An email
   * with the same key that was cancelled before it went out is composed again with the new content.
   */
  async compose(m: EntityManager, email: ComposedEmail, notBefore?: Date): Promise<{ id: string; created: boolean }> {
    const id = randomUUID();
    const mime = await this.transport.render({
      to: email.recipient,
      subject: email.subject,
      html: email.html,
      text: email.text,
      messageId: messageIdOf(id),
      date: notBefore,
    });
    return this.outbox.insertOnce(m, {
      id,
      idempotencyKey: email.idempotencyKey,
      kind: email.kind,
      recipient: email.recipient,
      subject: email.subject,
      html: email.html,
      text: email.text,
      mime,
      notBefore: notBefore ?? null,
      sensitive: !!email.sensitive,
    });
  }

  /**
   * Withdraws an email composed ahead of its time, if it has not started going out; true when it was
   * withdrawn. Composing the same key again brings it back with new content.
   */
  async cancel(m: EntityManager, idempotencyKey: string, reason: string): Promise<boolean> {
    return this.outbox.cancelUntried(m, { idempotencyKey, reason });
  }

  /** The job that sends one email now (or retries it). */
  sendJob(outboxId: string): Job {
    return { queue: 'mail', name: 'mail.send', data: { outboxId } };
  }

  /** The job that sends, at `at`, every scheduled email then due; one per instant however many are due. */
  dueJob(at: Date): Job {
    return { queue: 'mail', name: 'mail.due', data: { at: at.toISOString() } };
  }

  /**
   * One delivery attempt. Throws on a failure worth retrying (the job's backoff decides when);
   * `lastAttempt` turns that into a recorded permanent failure instead. An email that is sent, cancelled, or
   * scheduled for later is left alone.
   */
  async deliver(outboxId: string, lastAttempt: boolean): Promise<DeliveryOutcome> {
    // Claiming the row counts the attempt before the send, so a crash mid-send still shows in `attempts`.
    const row = await this.outbox.claim(outboxId);
    if (!row) return 'already-done';
    const failure = await this.attempt(row);
    if (!failure) {
      await this.markSent(row.id);
      this.logSent(row);
      return 'sent';
    }
    const status = await this.recordFailure(row, failure, lastAttempt);
    // The queue's worker logs the failed attempt of this job, naming the email (its job id is mail:<id>).
    if (status === 'pending') throw failure;
    return status;
  }

  /**
   * Sends every scheduled email that is due and has not been tried yet, in batches over the SMTP pool; the
   * ones that fail are handed to their own retrying job. Returns how many went out.
   */
  async deliverDue(): Promise<number> {
    let sent = 0;
    let more: Promise<void[]> | undefined;
    const lane = async (first: boolean) => {
      for (;;) {
        const rows = await this.outbox.claimDue({ limit: DUE_BATCH });
        if (rows.length === 0) return;
        // A full batch means many are due at once: more lanes keep every SMTP connection busy.
        if (first && rows.length === DUE_BATCH && !more) {
          more = Promise.all(Array.from({ length: DUE_LANES - 1 }, () => lane(false)));
        }
        // Each send is recorded as it completes, so a crash leaves no more sends unrecorded than are in hand.
        await Promise.all(
          rows.map(async (row) => {
            const failure = await this.attempt(row);
            if (!failure) {
              await this.markSent(row.id);
              this.logSent(row);
              sent++;
            } else if ((await this.recordFailure(row, failure, false)) === 'pending') {
              this.logger.warn(
                `email ${row.id} to ${row.recipient}: attempt ${row.attempts} failed, will retry: ${failure.message}`,
              );
              await this.jobs.add(this.sendJob(row.id), new Date(Date.now() + backoffOf('mail')));
            }
          }),
        );
      }
    };
    await lane(true);
    await more;
    return sent;
  }

  /** What the reconciler puts back on the queue: unsent emails that are due, and stranded sends. */
  async unsentJobs(limit = 5000): Promise<Job[]> {
    const ids = await this.outbox.unsentIds({ staleAfterSeconds: STALE_SENDING_SECONDS, limit });
    const jobs = ids.map((id) => this.sendJob(id));
    return (await this.outbox.anyScheduledDue()) ? [...jobs, this.dueJob(new Date())] : jobs;
  }

  /** How long the oldest email of `kind` that should have gone out has been waiting, in seconds (0 when none). */
  async oldestOverdueSeconds(kind: string): Promise<number> {
    return this.outbox.oldestOverdueSeconds(kind);
  }

  /** Marks an email sent; a sensitive one (a one-time link) keeps no body once it has gone. */
  private async markSent(id: string): Promise<void> {
    await this.outbox.markSent({ id, placeholder: SENT_SECRET_PLACEHOLDER });
  }

  /** Hands the row's message to SMTP; the failure, if any, instead of throwing. */
  private async attempt(row: ClaimedEmail): Promise<SendFailure | undefined> {
    try {
      const mime =
        row.mime ??
        (await this.transport.render({
          to: row.recipient,
          subject: row.subject,
          html: row.html,
          text: row.text,
          messageId: messageIdOf(row.id),
        }));
      await this.transport.send({ to: row.recipient, mime });
      return undefined;
    } catch (err) {
      return err instanceof SendFailure ? err : new SendFailure('retry', (err as Error).message);
    }
  }

  /** One line per email that went out; a failure has its own line (recordFailure, or the job's failure). */
  private logSent(row: ClaimedEmail): void {
    this.logger.log(`email ${row.id} to ${row.recipient}: sent (attempt ${row.attempts})`);
  }

  /** Records a failed attempt: back to pending for a retry, or failed / uncertain for good. */
  private async recordFailure(row: ClaimedEmail, failure: SendFailure, lastAttempt: boolean): Promise<FailedStatus> {
    const final = failure.kind === 'permanent' || lastAttempt;
    const status = failure.kind === 'uncertain' ? 'uncertain' : final ? 'failed' : 'pending';
    await this.outbox.recordFailure({ id: row.id, status, error: failure.message.slice(0, 1000) });
    if (status !== 'pending') {
      this.logger.error(
        `email ${row.id} to ${row.recipient}: ${status} after ${row.attempts} attempt(s): ${failure.message}`,
      );
    }
    return status;
  }
}

const messageIdOf = (outboxId: string) => `<${outboxId}@rome-statute-tracker>`;
