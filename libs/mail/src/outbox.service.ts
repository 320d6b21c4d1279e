import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Job } from '@app/platform';
import { MailTransport, SendFailure } from './mail-transport';

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
  attempts: number;
}

/**
 * Every email goes through the outbox table: composed in the transaction that decided to send it,
 * then delivered by a job that retries, records each attempt and never drops a message.
 */
@Injectable()
export class OutboxService {
  private readonly logger = new Logger(OutboxService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly transport: MailTransport,
  ) {}

  /** Writes the email unless one with its key exists; returns the row's id and whether it is new. */
  async compose(m: EntityManager, email: ComposedEmail): Promise<{ id: string; created: boolean }> {
    const inserted: { id: string }[] = await m.query(
      `INSERT INTO outbox_email (idempotency_key, kind, recipient, subject, html, text_body, sensitive)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
      [email.idempotencyKey, email.kind, email.recipient, email.subject, email.html, email.text, !!email.sensitive],
    );
    if (inserted.length) return { id: inserted[0].id, created: true };
    const [existing]: { id: string }[] = await m.query('SELECT id FROM outbox_email WHERE idempotency_key = $1', [
      email.idempotencyKey,
    ]);
    return { id: existing.id, created: false };
  }

  sendJob(outboxId: string): Job {
    return { queue: 'mail', name: 'mail.send', data: { outboxId } };
  }

  /**
   * One delivery attempt. Throws on a failure worth retrying (the job's backoff decides when);
   * `lastAttempt` turns that into a recorded permanent failure instead.
   */
  async deliver(outboxId: string, lastAttempt: boolean): Promise<DeliveryOutcome> {
    // Claiming the row counts the attempt before the send, so a crash mid-send still shows in `attempts`.
    // For an UPDATE ... RETURNING, TypeORM's query() answers [rows, affected count].
    const [claimed]: [OutboxRow[], number] = await this.db.query(
      `UPDATE outbox_email SET status = 'sending', attempts = attempts + 1, last_attempt_at = now()
        WHERE id = $1 AND status IN ('pending', 'sending')
        RETURNING id, recipient, subject, html, text_body, attempts`,
      [outboxId],
    );
    const row = claimed[0];
    if (!row) return 'already-done';
    try {
      await this.transport.send({
        to: row.recipient,
        subject: row.subject,
        html: row.html,
        text: row.text_body,
        messageId: `<${row.id}@rome-statute-tracker>`,
      });
    } catch (err) {
      const failure = err instanceof SendFailure ? err : new SendFailure('retry', (err as Error).message);
      const final = failure.kind === 'permanent' || lastAttempt;
      const status = failure.kind === 'uncertain' ? 'uncertain' : final ? 'failed' : 'pending';
      await this.db.query(`UPDATE outbox_email SET status = $2, last_error = $3 WHERE id = $1`, [
        row.id,
        status,
        failure.message.slice(0, 1000),
      ]);
      if (status === 'pending') throw failure;
      this.logger.error(
        `email ${row.id} to ${row.recipient}: ${status} after ${row.attempts} attempt(s): ${failure.message}`,
      );
      return status;
    }
    await this.db.query(
      `UPDATE outbox_email SET status = 'sent', sent_at = now(), last_error = NULL,
              html = CASE WHEN sensitive THEN $2 ELSE html END,
              text_body = CASE WHEN sensitive THEN $2 ELSE text_body END
        WHERE id = $1`,
      [row.id, SENT_SECRET_PLACEHOLDER],
    );
    return 'sent';
  }

  /** Emails composed but not yet sent, for the reconciler to put back on the queue. */
  async unsentJobs(limit = 5000): Promise<Job[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM outbox_email WHERE status IN ('pending', 'sending') ORDER BY created_at LIMIT $1`,
      [limit],
    );
    return rows.map((r) => this.sendJob(r.id));
  }
}
