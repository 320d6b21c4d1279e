import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isoInstant, Queryable, SqlParams } from '@app/platform';
import { normalizeEmail } from './email';
import { DEFAULT_LOCALE, type Locale } from '@app/i18n';
import type { Region, Role } from './roles';
import type { UserView } from './user.view';

export interface NewUserRow {
  email: string;
  name: string;
  role: Role;
  regions: Region[];
  passwordHash: string | null;
  /** English when left out. */
  locale?: Locale;
}

/** The columns an update sets; the ones left out keep their value. */
export interface UserPatch {
  name?: string;
  role?: Role;
  regions?: Region[];
  active?: boolean;
  passwordHash?: string;
  locale?: Locale;
}

/** Whom a set-password link is for, and what its email says about them. */
export interface LinkRecipient {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** The language the email is written in. */
  locale: Locale;
}

// The one place a UserView is built: every read below that answers with a user selects exactly this.
const VIEW = `id, email, name, role, regions, active, locale, ${isoInstant('created_at')} AS "createdAt"`;

/** The app_user table, which the accounts library alone reads and writes (others use UserDirectory or user_ref). */
@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findView(id: string, m: Queryable = this.db): Promise<UserView | null> {
    const [user]: UserView[] = await m.query(`SELECT ${VIEW} FROM app_user WHERE id = $1`, [id]);
    return user ?? null;
  }

  /** The user, locked for the rest of the caller's transaction. */
  async lockView(m: Queryable, id: string): Promise<UserView | null> {
    const [user]: UserView[] = await m.query(`SELECT ${VIEW} FROM app_user WHERE id = $1 FOR UPDATE`, [id]);
    return user ?? null;
  }

  /** A user with their password hash, by email whatever its case (see normalizeEmail); for checking a sign-in. */
  async findWithPasswordHash(email: string): Promise<{ user: UserView; passwordHash: string | null } | null> {
    const [row]: (UserView & { passwordHash: string | null })[] = await this.db.query(
      `SELECT ${VIEW}, password_hash AS "passwordHash" FROM app_user WHERE lower(email) = $1 LIMIT 1`,
      [normalizeEmail(email)],
    );
    if (!row) return null;
    const { passwordHash, ...user } = row;
    return { user, passwordHash };
  }

  /** Whether an account has this email, whatever its case (emails are unique regardless of case). */
  async emailTaken(m: Queryable, email: string): Promise<boolean> {
    const rows: unknown[] = await m.query('SELECT 1 FROM app_user WHERE lower(email) = $1 LIMIT 1', [
      normalizeEmail(email),
    ]);
    return rows.length > 0;
  }

  async insert(m: Queryable, u: NewUserRow): Promise<UserView> {
    const [user]: UserView[] = await m.query(
      `INSERT INTO app_user (email, name, role, regions, password_hash, active, locale)
       VALUES ($1, $2, $3, $4::text[], $5, true, $6) RETURNING ${VIEW}`,
      [u.email, u.name, u.role, u.regions, u.passwordHash, u.locale ?? DEFAULT_LOCALE],
    );
    return user;
  }

  /**
   * Sets the columns given and answers the user as they now are (null: no such user). `updated_at` moves only
   * when a value really changed.
   */
  async update(m: Queryable, id: string, patch: UserPatch): Promise<UserView | null> {
    const p = new SqlParams();
    const sets: [string, string][] = [];
    if (patch.name !== undefined) sets.push(['name', p.add(patch.name)]);
    if (patch.role !== undefined) sets.push(['role', p.add(patch.role)]);
    if (patch.regions !== undefined) sets.push(['regions', p.add(patch.regions, 'text[]')]);
    if (patch.active !== undefined) sets.push(['active', p.add(patch.active, 'boolean')]);
    if (patch.passwordHash !== undefined) sets.push(['password_hash', p.add(patch.passwordHash)]);
    if (patch.locale !== undefined) sets.push(['locale', p.add(patch.locale)]);
    if (sets.length === 0) return this.findView(id, m);
    const columns = sets.map(([c]) => c).join(', ');
    const values = sets.map(([, v]) => v).join(', ');
    // In SET, the right-hand side reads the row as it was: updated_at moves only on a real change.
    const [[user]]: [UserView[], number] = await m.query(
      `UPDATE app_user SET ${sets.map(([c, v]) => `${c} = ${v}`).join(', ')},
              updated_at = CASE WHEN (${columns}) IS DISTINCT FROM (${values}) THEN now() ELSE updated_at END
        WHERE id = ${p.add(id, 'uuid')}
        RETURNING ${VIEW}`,
      p.values,
    );
    return user ?? null;
  }

  /** Users by email, case-insensitively, after `afterEmail` (lower-cased); `limit` + 1, to tell whether more follow. */
  async list(q: { limit: number; afterEmail?: string }): Promise<UserView[]> {
    const p = new SqlParams();
    const after = q.afterEmail === undefined ? '' : `WHERE lower(email) > ${p.add(q.afterEmail)}`;
    return this.db.query(
      `SELECT ${VIEW} FROM app_user ${after} ORDER BY lower(email) LIMIT ${p.add(q.limit + 1)}`,
      p.values,
    );
  }

  /** Of these users, those who have not chosen a password yet (invited, never signed in). */
  async withoutPassword(ids: readonly string[]): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      'SELECT id FROM app_user WHERE id = ANY($1::uuid[]) AND password_hash IS NULL',
      [ids],
    );
    return rows.map((r) => r.id);
  }

  async count(m: Queryable = this.db): Promise<number> {
    const [{ count }]: { count: number }[] = await m.query('SELECT count(*)::int AS count FROM app_user');
    return count;
  }

  /** Role and activity changes take turns (until the caller's transaction ends), so one admin always remains. */
  async takeAdminsLock(m: Queryable): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('app_user:admins'))`);
  }

  async activeAdminIds(m: Queryable): Promise<string[]> {
    const rows: { id: string }[] = await m.query(`SELECT id FROM app_user WHERE role = 'admin' AND active`);
    return rows.map((r) => r.id);
  }

  /** A user to invite again, locked: whether they are active and whether they have chosen a password. */
  async lockInvitee(
    m: Queryable,
    id: string,
  ): Promise<(LinkRecipient & { active: boolean; hasPassword: boolean }) | null> {
    const [user]: (LinkRecipient & { active: boolean; hasPassword: boolean })[] = await m.query(
      `SELECT id, email, name, role, locale, active, password_hash IS NOT NULL AS "hasPassword"
         FROM app_user WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return user ?? null;
  }

  /** The active user with this email (whatever its case), locked; null when there is none. */
  async lockActiveByEmail(m: Queryable, email: string): Promise<LinkRecipient | null> {
    const [user]: LinkRecipient[] = await m.query(
      `SELECT id, email, name, role, locale FROM app_user WHERE lower(email) = $1 AND active FOR UPDATE`,
      [normalizeEmail(email)],
    );
    return user ?? null;
  }

  async setPasswordHash(m: Queryable, q: { userId: string; passwordHash: string }): Promise<void> {
    await m.query('UPDATE app_user SET password_hash = $2, updated_at = now() WHERE id = $1', [
      q.userId,
      q.passwordHash,
    ]);
  }

  /** See UserDirectory.emailsOf. */
  async emailsOf(m: Queryable, q: { role: Role; region?: Region }): Promise<string[]> {
    return (await this.recipientsOf(m, q)).map((r) => r.email);
  }

  /** See UserDirectory.recipientsOf. */
  recipientsOf(m: Queryable, q: { role: Role; region?: Region }): Promise<{ email: string; locale: Locale }[]> {
    return m.query(
      `SELECT email, locale FROM app_user
        WHERE active AND role = $1 AND ($2::text IS NULL OR $2 = ANY(regions))
        ORDER BY lower(email), email`,
      [q.role, q.region ?? null],
    );
  }

  async isActive(m: Queryable, userId: string): Promise<boolean> {
    const rows: unknown[] = await m.query('SELECT 1 FROM app_user WHERE id = $1 AND active', [userId]);
    return rows.length > 0;
  }

  async setCalendarTokenHash(q: { userId: string; hash: Buffer }): Promise<void> {
    await this.db.query('UPDATE app_user SET calendar_token_hash = $2 WHERE id = $1', [q.userId, q.hash]);
  }

  /** Whether the user has a calendar-feed address that works (only its hash is kept, never the address). */
  async hasCalendarToken(userId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      'SELECT 1 FROM app_user WHERE id = $1 AND calendar_token_hash IS NOT NULL',
      [userId],
    );
    return rows.length > 0;
  }

  /** Ends the user's calendar-feed address, in the caller's transaction; a new one must be asked for. */
  async voidCalendarToken(m: Queryable, userId: string): Promise<void> {
    await m.query('UPDATE app_user SET calendar_token_hash = NULL WHERE id = $1', [userId]);
  }

  async byCalendarTokenHash(hash: Buffer): Promise<{ id: string; name: string } | null> {
    const [user]: { id: string; name: string }[] = await this.db.query(
      'SELECT id, name FROM app_user WHERE calendar_token_hash = $1 AND active',
      [hash],
    );
    return user ?? null;
  }
}
