import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Queryable, queryPrepared } from '@app/platform';
import type { Locale } from '@app/i18n';
import type { Region, Role } from './roles';

/** The signed-in user a token stands for, as the access policy and the pages need them. */
export interface TokenHolder {
  id: string;
  email: string;
  name: string;
  role: Role;
  regions: Region[];
  locale: Locale;
}

/** The access_token table: sign-in tokens (bearer and session cookie), kept as their SHA-256 only. */
@Injectable()
export class AccessTokensRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(t: { tokenHash: Buffer; userId: string; expiresAt: Date }): Promise<void> {
    await this.db.query('INSERT INTO access_token (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [
      t.tokenHash,
      t.userId,
      t.expiresAt,
    ]);
  }

  /** The active user holding an unexpired token with this hash, in one query; null otherwise. */
  async holderOf(tokenHash: Buffer): Promise<TokenHolder | null> {
    // On every signed-in request: prepared, so PostgreSQL does not parse and plan it each time.
    const [holder] = await queryPrepared<TokenHolder>(
      this.db,
      `SELECT u.id, u.email, u.name, u.role, u.regions, u.locale
         FROM access_token t JOIN app_user u ON u.id = t.user_id
        WHERE t.token_hash = $1 AND t.expires_at > now() AND u.active`,
      [tokenHash],
    );
    return holder ?? null;
  }

  async delete(tokenHash: Buffer): Promise<void> {
    await this.db.query('DELETE FROM access_token WHERE token_hash = $1', [tokenHash]);
  }

  /** Signs a user out everywhere, in the caller's transaction. */
  async deleteAllOf(m: Queryable, userId: string): Promise<void> {
    await m.query('DELETE FROM access_token WHERE user_id = $1', [userId]);
  }
}
