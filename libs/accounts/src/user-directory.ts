import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Queryable } from '@app/platform';
import type { Locale } from '@app/i18n';
import type { Region, Role } from './roles';
import { UsersRepository } from './users.repository';

/** Whom to email, and in which language. */
export interface EmailRecipient {
  email: string;
  locale: Locale;
}

/**
 * What other libraries may ask of the people who use the tracker: whom to email for a role (and region), whether
 * someone can be given work, and the calendar-feed secret. The only door to app_user from outside accounts, besides
 * the `user_ref` view for names in joins.
 */
@Injectable()
export class UserDirectory {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly users: UsersRepository,
  ) {}

  /**
   * The addresses of the active users with `role`, in one fixed order (by address, case-insensitively); with `region`,
   * only those whose regions include it. Pass the caller's transaction to read in its snapshot.
   */
  async emailsOf(q: { role: Role; region?: Region }, m: Queryable = this.db): Promise<string[]> {
    return this.users.emailsOf(m, q);
  }

  /** As emailsOf, with the language each of them reads emails in. */
  async recipientsOf(q: { role: Role; region?: Region }, m: Queryable = this.db): Promise<EmailRecipient[]> {
    return this.users.recipientsOf(m, q);
  }

  /** Whether `userId` names an active user, who may be given a follow-up. */
  async isActive(userId: string, m: Queryable = this.db): Promise<boolean> {
    return this.users.isActive(m, userId);
  }

  /** Keeps the SHA-256 of a user's new calendar-feed secret; the previous secret stops working. */
  async setCalendarTokenHash(userId: string, hash: Buffer): Promise<void> {
    await this.users.setCalendarTokenHash({ userId, hash });
  }

  /** Whether the user has a calendar-feed address that works; the address itself is shown only when made. */
  async hasCalendarLink(userId: string): Promise<boolean> {
    return this.users.hasCalendarToken(userId);
  }

  /** The active user whose calendar-feed secret hashes to `hash`, or null. */
  async byCalendarTokenHash(hash: Buffer): Promise<{ id: string; name: string } | null> {
    return this.users.byCalendarTokenHash(hash);
  }
}
