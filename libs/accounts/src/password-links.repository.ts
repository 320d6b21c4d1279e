import { Injectable } from '@nestjs/common';
import { Queryable } from '@app/platform';

export type LinkPurpose = 'invitation' | 'password-reset';

/** A link found by its token, locked with its user, and what decides whether it may still be used. */
export interface LinkState {
  userId: string;
  used: boolean;
  expired: boolean;
  email: string;
  active: boolean;
}

/**
 * The password_link table: one-time set-password links, kept as the SHA-256 of their token. Every statement runs
 * in the caller's transaction, with the user row it concerns.
 */
@Injectable()
export class PasswordLinksRepository {
  /** Writes a link that expires `ttlSeconds` from now (the database's now); answers its id and expiry. */
  async insert(
    m: Queryable,
    l: { tokenHash: Buffer; userId: string; purpose: LinkPurpose; createdBy: string | null; ttlSeconds: number },
  ): Promise<{ id: string; expiresAt: Date }> {
    const [link]: { id: string; expiresAt: Date }[] = await m.query(
      `INSERT INTO password_link (token_hash, user_id, purpose, created_by, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5)) RETURNING id, expires_at AS "expiresAt"`,
      [l.tokenHash, l.userId, l.purpose, l.createdBy, l.ttlSeconds],
    );
    return link;
  }

  /** The link with this token hash, and its user, both locked; null when no link has it. */
  async lockByToken(m: Queryable, tokenHash: Buffer): Promise<LinkState | null> {
    // Joined to app_user (also accounts') so that link and user are locked in one statement, in one order.
    const [link]: LinkState[] = await m.query(
      `SELECT l.user_id AS "userId", l.used_at IS NOT NULL AS used, l.expires_at <= now() AS expired, u.email, u.active
         FROM password_link l JOIN app_user u ON u.id = l.user_id
        WHERE l.token_hash = $1 FOR UPDATE OF l, u`,
      [tokenHash],
    );
    return link ?? null;
  }

  /** Spends every unused link of the user: none of them works afterwards. */
  async spendAllOf(m: Queryable, userId: string): Promise<void> {
    await m.query('UPDATE password_link SET used_at = now() WHERE user_id = $1 AND used_at IS NULL', [userId]);
  }

  /** How many reset links the user was sent in the last hour. */
  async resetsInLastHour(m: Queryable, userId: string): Promise<number> {
    const [{ recent }]: { recent: number }[] = await m.query(
      `SELECT count(*)::int AS recent FROM password_link
        WHERE user_id = $1 AND purpose = 'password-reset' AND created_at > now() - interval '1 hour'`,
      [userId],
    );
    return recent;
  }

  /** Forgets the user's links expired more than 30 days ago: of no further use, even as history. */
  async deleteLongExpired(m: Queryable, userId: string): Promise<void> {
    await m.query(`DELETE FROM password_link WHERE user_id = $1 AND expires_at < now() - interval '30 days'`, [userId]);
  }
}
