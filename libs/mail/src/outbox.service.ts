import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { backoffOf, Job, JobQueue } from '@app/platform';
import { MAX_ATTEMPT_SECONDS, MailTransport, SendFailure } from './mail-transport';

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

interface OutboxRow {
  id: string;
  recipient: string;
  subject: string;
  html: string;
  text_body: string;
  mime: string | null;
  attempts: number;
}

const CLAIMED_COLUMNS = 'id, recipient, subject, html, text_body, mime, attempts';
/** Scheduled emails are claimed this many at a time, by this many lanes at once. */
const DUE_BATCH = 50;
const DUE_LANES = 4;
/** A row left `sending` longer than one SMTP attempt can take is no longer in anyone's hands: it is sent again. */
const STALE_SENDING = `${MAX_ATTEMPT_SECONDS} seconds`;

/**
 * Every email goes through the outbox table: composed in the transaction that decided to send it, then
 * delivered by a job that retries, records each attempt and never drops a message. An email may be composed
 * ahead of its time (`notBefore`): it is then sent, with the others due at that instant, by one batch job.
 */
@Injectable()
export class OutboxService {
  private readonly logger = new Logger(OutboxService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
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
    const inserted: { id: string }[] = await m.query(
      `INSERT INTO outbox_email
         (id, idempotency_key, kind, recipient, subject, html, text_body, mime, not_before, sensitive)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (idempotency_key) DO UPDATE SET
         id = EXCLUDED.id, recipient = EXCLUDED.recipient, subject = EXCLUDED.subject, html = EXCLUDED.html,
         text_body = EXCLUDED.text_body, mime = EXCLUDED.mime, not_before = EXCLUDED.not_before,
         sensitive = EXCLUDED.sensitive, status = 'pending', last_error = NULL, created_at = now()
       WHERE outbox_email.status = 'cancelled'
       RETURNING id`,
      [
        id,
        email.idempotencyKey,
        email.kind,
        email.recipient,
        email.subject,
        email.html,
        email.text,
        mime,
        notBefore,
        !!email.sensitive,
      ],
    );
    if (inserted.length) return { id: inserted[0].id, created: true };
    const [existing]: { id: string }[] = await m.query('SELECT id FROM outbox_email WHERE idempotency_key = $1', [
      email.idempotencyKey,
    ]);
    return { id: existing.id, created: false };
  }

  /**
   * Withdraws an email composed ahead of its time, if it has not started going out; true when it was
   * withdrawn. Composing the same key again brings it back with new content.
   */
  async cancel(m: EntityManager, idempotencyKey: string, reason: string): Promise<boolean> {
    const [, count]: [unknown[], number] = await m.query(
      `UPDATE outbox_email SET status = 'cancelled', last_error = $2
        WHERE idempotency_key = $1 AND status = 'pending' AND attempts = 0`,
      [idempotencyKey, reason],
    );
    return count > 0;
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
    // For an UPDATE ... RETURNING, TypeORM's query() answers [rows, affected count].
    const [claimed]: [OutboxRow[], number] = await this.db.query(
      `UPDATE outbox_email SET status = 'sending', attempts = attempts + 1, last_attempt_at = now()
        WHERE id = $1 AND status IN ('pending', 'sending') AND (not_before IS NULL OR not_before <= now())
        RETURNING ${CLAIMED_COLUMNS}`,
      [outboxId],
    );
    const row = claimed[0];
    if (!row) return 'already-done';
    const failure = await this.attempt(row);
    if (!failure) {
      await this.markSent(row.id);
      return 'sent';
    }
    const status = await this.recordFailure(row, failure, lastAttempt);
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
        const [rows]: [OutboxRow[], number] = await this.db.query(
          `UPDATE outbox_email SET status = 'sending', attempts = 1, last_attempt_at = now()
            WHERE id IN (SELECT id FROM outbox_email
                          WHERE status = 'pending' AND attempts = 0 AND not_before <= now()
                          ORDER BY not_before LIMIT $1 FOR UPDATE SKIP LOCKED)
            RETURNING ${CLAIMED_COLUMNS}`,
          [DUE_BATCH],
        );
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
              sent++;
            } else if ((await this.recordFailure(row, failure, false)) === 'pending') {
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
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM outbox_email
        WHERE (status = 'pending' AND (not_before IS NULL OR attempts > 0))
           OR (status = 'sending' AND last_attempt_at < now() - interval '${STALE_SENDING}')
        ORDER BY created_at LIMIT $1`,
      [limit],
    );
    const [scheduled]: { due: boolean }[] = await this.db.query(
      `SELECT true AS due FROM outbox_email
        WHERE status = 'pending' AND attempts = 0 AND not_before <= now() LIMIT 1`,
    );
    const jobs = rows.map((r) => this.sendJob(r.id));
    return scheduled ? [...jobs, this.dueJob(new Date())] : jobs;
  }

  /** How long the oldest email of `kind` that should have gone out has been waiting, in seconds (0 when none). */
  async oldestOverdueSeconds(kind: string): Promise<number> {
    const [{ seconds }]: { seconds: number | null }[] = await this.db.query(
      `SELECT floor(EXTRACT(EPOCH FROM now() - min(COALESCE(not_before, created_at))))::float8 AS seconds
         FROM outbox_email WHERE status IN ('pending', 'sending') AND kind = $1 AND COALESCE(not_before, created_at) <= now()`,
      [kind],
    );
    return Math.max(0, seconds ?? 0);
  }

  /** Marks an email sent; a sensitive one (a one-time link) keeps no body once it has gone. */
  private async markSent(id: string): Promise<void> {
    await this.db.query(
      `UPDATE outbox_email SET status = 'sent', sent_at = now(), last_error = NULL,
              html = CASE WHEN sensitive THEN $2 ELSE html END,
              text_body = CASE WHEN sensitive THEN $2 ELSE text_body END,
              mime = CASE WHEN sensitive THEN NULL ELSE mime END
        WHERE id = $1`,
      [id, SENT_SECRET_PLACEHOLDER],
    );
  }

  /** Hands the row's message to SMTP; the failure, if any, instead of throwing. */
  private async attempt(row: OutboxRow): Promise<SendFailure | undefined> {
    try {
      const mime =
        row.mime ??
        (await this.transport.render({
          to: row.recipient,
          subject: row.subject,
          html: row.html,
          text: row.text_body,
          messageId: messageIdOf(row.id),
        }));
      await this.transport.send({ to: row.recipient, mime });
      return undefined;
    } catch (err) {
      return err instanceof SendFailure ? err : new SendFailure('retry', (err as Error).message);
    }
  }

  /** Records a failed attempt: back to pending for a retry, or failed / uncertain for good. */
  private async recordFailure(
    row: OutboxRow,
    failure: SendFailure,
    lastAttempt: boolean,
  ): Promise<'pending' | 'failed' | 'uncertain'> {
    const final = failure.kind === 'permanent' || lastAttempt;
    const status = failure.kind === 'uncertain' ? 'uncertain' : final ? 'failed' : 'pending';
    await this.db.query(`UPDATE outbox_email SET status = $2, last_error = $3 WHERE id = $1`, [
      row.id,
      status,
      failure.message.slice(0, 1000),
    ]);
    if (status !== 'pending') {
      this.logger.error(
        `email ${row.id} to ${row.recipient}: ${status} after ${row.attempts} attempt(s): ${failure.message}`,
      );
    }
    return status;
  }
}

const messageIdOf = (outboxId: string) => `<${outboxId}@rome-statute-tracker>`;
