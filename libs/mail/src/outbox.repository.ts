import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Queryable } from '@app/platform';
import type { ComposedEmail } from './outbox.service';

/** A row as written when composed: the message rendered once, and the time it may go out (null: at once). */
export type NewOutboxEmail = Required<ComposedEmail> & { id: string; mime: string; notBefore: Date | null };

/** An email claimed for sending: its attempt already counted. */
export interface ClaimedEmail {
  id: string;
  recipient: string;
  subject: string;
  html: string;
  text: string;
  mime: string | null;
  attempts: number;
}

/** The emails that need a person: given up on (`failed`), or perhaps delivered and perhaps not (`uncertain`). */
export const PROBLEM_STATUSES = ['failed', 'uncertain'] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

/** An email that did not go out for sure, as the outbox review lists it (never its body). */
export interface ProblemEmail {
  id: string;
  kind: string;
  recipient: string;
  subject: string;
  status: ProblemStatus;
  attempts: number;
  lastError: string | null;
  lastAttemptAt: string | null;
  createdAt: string;
}

const PROBLEM = `id, kind, recipient, subject, status, attempts, last_error AS "lastError",
  to_char(last_attempt_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "lastAttemptAt",
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"`;

/** How an attempt that failed leaves the email: back to pending for a retry, or failed / uncertain for good. */
export type FailedStatus = 'pending' | 'failed' | 'uncertain';

const CLAIMED = 'id, recipient, subject, html, text_body AS text, mime, attempts';

/**
 * The outbox_email table, which the mail library alone reads and writes. Writes that decide to send an email run in
 * the caller's transaction; the sending side runs each statement on its own, so every attempt is recorded at once.
 */
@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Writes the email unless one with its key exists, in which case that one's id is returned (not created). A row
   * with the key that was cancelled before it went out is written over with the new content, under the new id.
   */
  async insertOnce(m: Queryable, e: NewOutboxEmail): Promise<{ id: string; created: boolean }> {
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
      [e.id, e.idempotencyKey, e.kind, e.recipient, e.subject, e.html, e.text, e.mime, e.notBefore, e.sensitive],
    );
    if (inserted.length) return { id: inserted[0].id, created: true };
    const [existing]: { id: string }[] = await m.query('SELECT id FROM outbox_email WHERE idempotency_key = $1', [
      e.idempotencyKey,
    ]);
    return { id: existing.id, created: false };
  }

  /** Cancels the email with this key if it is pending and was never tried; true when it was. */
  async cancelUntried(m: Queryable, q: { idempotencyKey: string; reason: string }): Promise<boolean> {
    // For an UPDATE, TypeORM's query() answers [rows, affected count].
    const [, count]: [unknown[], number] = await m.query(
      `UPDATE outbox_email SET status = 'cancelled', last_error = $2
        WHERE idempotency_key = $1 AND status = 'pending' AND attempts = 0`,
      [q.idempotencyKey, q.reason],
    );
    return count > 0;
  }

  /**
   * Claims one email for an attempt, counting it before the send so a crash mid-send still shows in `attempts`:
   * only an email pending or left `sending`, and due. Null when it is sent, failed, cancelled or not yet due.
   */
  async claim(id: string): Promise<ClaimedEmail | null> {
    const [rows]: [ClaimedEmail[], number] = await this.db.query(
      `UPDATE outbox_email SET status = 'sending', attempts = attempts + 1, last_attempt_at = now()
        WHERE id = $1 AND status IN ('pending', 'sending') AND (not_before IS NULL OR not_before <= now())
        RETURNING ${CLAIMED}`,
      [id],
    );
    return rows[0] ?? null;
  }

  /**
   * Claims up to `limit` scheduled emails that are due and were never tried, earliest first. Rows another
   * transaction holds are skipped, so several lanes (or workers) claim disjoint batches.
   */
  async claimDue(q: { limit: number }): Promise<ClaimedEmail[]> {
    const [rows]: [ClaimedEmail[], number] = await this.db.query(
      `UPDATE outbox_email SET status = 'sending', attempts = 1, last_attempt_at = now()
        WHERE id IN (SELECT id FROM outbox_email
                      WHERE status = 'pending' AND attempts = 0 AND not_before <= now()
                      ORDER BY not_before LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING ${CLAIMED}`,
      [q.limit],
    );
    return rows;
  }

  /** Marks an email sent; a sensitive one (a one-time link) keeps `placeholder` for its body and no MIME. */
  async markSent(q: { id: string; placeholder: string }): Promise<void> {
    await this.db.query(
      `UPDATE outbox_email SET status = 'sent', sent_at = now(), last_error = NULL,
              html = CASE WHEN sensitive THEN $2 ELSE html END,
              text_body = CASE WHEN sensitive THEN $2 ELSE text_body END,
              mime = CASE WHEN sensitive THEN NULL ELSE mime END
        WHERE id = $1`,
      [q.id, q.placeholder],
    );
  }

  async recordFailure(q: { id: string; status: FailedStatus; error: string }): Promise<void> {
    await this.db.query(`UPDATE outbox_email SET status = $2, last_error = $3 WHERE id = $1`, [
      q.id,
      q.status,
      q.error,
    ]);
  }

  /**
   * Emails that should be on the queue, oldest first: pending and not scheduled (or already tried once), and
   * `sending` for longer than `staleAfterSeconds`, which nobody is working on any more.
   */
  async unsentIds(q: { staleAfterSeconds: number; limit: number }): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM outbox_email
        WHERE (status = 'pending' AND (not_before IS NULL OR attempts > 0))
           OR (status = 'sending' AND last_attempt_at < now() - make_interval(secs => $2))
        ORDER BY created_at LIMIT $1`,
      [q.limit, q.staleAfterSeconds],
    );
    return rows.map((r) => r.id);
  }

  /** Whether any scheduled email is due and never tried (the batch job sends those). */
  async anyScheduledDue(): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `SELECT true AS due FROM outbox_email
        WHERE status = 'pending' AND attempts = 0 AND not_before <= now() LIMIT 1`,
    );
    return rows.length > 0;
  }

  /**
   * Failed and uncertain emails (or those of one status), newest first by (created_at, id), after the key of the
   * previous page; `createdKey` is created_at as PostgreSQL writes it, for the next cursor.
   */
  async problems(q: {
    statuses: readonly ProblemStatus[];
    after?: { createdAt: string; id: string };
    limit: number;
  }): Promise<(ProblemEmail & { createdKey: string })[]> {
    return this.db.query(
      `SELECT ${PROBLEM}, created_at::text AS "createdKey" FROM outbox_email
        WHERE status = ANY($1::text[])
          AND ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::uuid))
        ORDER BY created_at DESC, id DESC LIMIT $4`,
      [q.statuses, q.after?.createdAt ?? null, q.after?.id ?? null, q.limit],
    );
  }

  /** A failed or uncertain email, locked for the transaction; null when there is none with that id in either state. */
  async lockProblem(m: Queryable, id: string): Promise<ProblemEmail | null> {
    const rows: ProblemEmail[] = await m.query(
      `SELECT ${PROBLEM} FROM outbox_email WHERE id = $1 AND status IN ('failed', 'uncertain') FOR UPDATE`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Puts a failed or uncertain email back to pending, to be sent again (its attempts so far stay counted). */
  async requeue(m: Queryable, id: string): Promise<void> {
    await m.query(`UPDATE outbox_email SET status = 'pending', not_before = NULL WHERE id = $1`, [id]);
  }

  /** Seconds the oldest email of `kind` that should have gone out has been waiting; 0 when none. */
  async oldestOverdueSeconds(kind: string): Promise<number> {
    const [{ seconds }]: { seconds: number | null }[] = await this.db.query(
      `SELECT floor(EXTRACT(EPOCH FROM now() - min(COALESCE(not_before, created_at))))::float8 AS seconds
         FROM outbox_email WHERE status IN ('pending', 'sending') AND kind = $1 AND COALESCE(not_before, created_at) <= now()`,
      [kind],
    );
    return Math.max(0, seconds ?? 0);
  }
}
