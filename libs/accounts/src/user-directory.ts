import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Queryable } from '@app/platform';
import type { Region, Role } from './roles';

/**
 * What other libraries may ask of the people who use the tracker: whom to email for a role (and region), whether
 * someone can be given work, and the calendar-feed secret. The only door to app_user from outside accounts, besides
 * the `user_ref` view for names in joins.
 */
@Injectable()
export class UserDirectory {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * The addresses of the active users with `role`, in one fixed order (by address, case-insensitively); with `region`,
   * only those whose regions include it. Pass the caller's transaction to read in its snapshot.
   */
  async emailsOf(q: { role: Role; region?: Region }, m: Queryable = this.db): Promise<string[]> {
    const rows: { email: string }[] = await m.query(
      `SELECT email FROM app_user
        WHERE active AND role = $1 AND ($2::text IS NULL OR $2 = ANY(regions))
        ORDER BY lower(email), email`,
      [q.role, q.region ?? null],
    );
    return rows.map((r) => r.email);
  }

  /** Whether `userId` names an active user, who may be given a follow-up. */
  async isActive(userId: string, m: Queryable = this.db): Promise<boolean> {
    const rows: unknown[] = await m.query('SELECT 1 FROM app_user WHERE id = $1 AND active', [userId]);
    return rows.length > 0;
  }

  /** Keeps the SHA-256 of a user's new calendar-feed secret; the previous secret stops working. */
  async setCalendarTokenHash(userId: string, hash: Buffer): Promise<void> {
    await this.db.query('UPDATE app_user SET calendar_token_hash = $2 WHERE id = $1', [userId, hash]);
  }

  /** The active user whose calendar-feed secret hashes to `hash`, or null. */
  async byCalendarTokenHash(hash: Buffer): Promise<{ id: string; name: string } | null> {
    const [user]: { id: string; name: string }[] = await this.db.query(
      'SELECT id, name FROM app_user WHERE calendar_token_hash = $1 AND active',
      [hash],
    );
    return user ?? null;
  }
}
