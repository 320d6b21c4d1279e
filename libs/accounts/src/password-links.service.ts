import { createHash, randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { OutboxService } from '@app/mail';
import { AppConfig, JobQueue } from '@app/platform';
import type { Actor } from './access-policy';
import { AccessTokensRepository } from './access-tokens.repository';
import { accountsError } from './accounts.errors';
import { AccountsService, auditedUser, NewUser } from './accounts.service';
import { invitationEmail, passwordResetEmail } from './account.emails';
import { normalizeEmail } from './email';
import { hashPassword } from './password';
import { LinkPurpose, PasswordLinksRepository } from './password-links.repository';
import { SignInLimiter } from './sign-in-limiter';
import type { UserView } from './user.view';
import { LinkRecipient, UsersRepository } from './users.repository';

/** Reset emails per account per hour; requests beyond are answered the same way but send nothing. */
export const RESETS_PER_HOUR = 3;

/**
 * The least time a reset request takes, whatever the email: looking for the account and writing its link and email
 * take a few milliseconds more for an account that exists, which the answer's timing would otherwise tell.
 */
export const RESET_ANSWER_MS = 120;

const sha256 = (s: string) => createHash('sha256').update(s).digest();

/**
 * One-time set-password links: an invitation for an account created without a password, or a password reset.
 * The token (32 random bytes) travels only in the email; the database keeps its SHA-256 and the outbox drops
 * the email's body once sent. A link works once, until it expires (INVITE_TTL_HOURS, RESET_TTL_MINUTES), and
 * setting a password through any link voids the user's other links and signs them out everywhere.
 */
@Injectable()
export class PasswordLinksService {
  private readonly logger = new Logger(PasswordLinksService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly users: UsersRepository,
    private readonly links: PasswordLinksRepository,
    private readonly tokens: AccessTokensRepository,
    private readonly accounts: AccountsService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
    private readonly limiter: SignInLimiter,
  ) {}

  /** Creates an account without a password and emails its owner an invitation, in one transaction. */
  async createInvited(by: Actor, input: Omit<NewUser, 'password'>): Promise<UserView> {
    const { user, outboxId } = await this.db.transaction(async (m) => {
      const user = await this.accounts.create(by, { ...input, password: undefined }, m);
      const { outboxId } = await this.issue(m, 'invitation', user, by);
      return { user, outboxId };
    });
    await this.jobs.add(this.outbox.sendJob(outboxId));
    return user;
  }

  /** A new invitation for an account whose owner has not chosen a password yet; earlier invitations stop working. */
  async reinvite(by: Actor, userId: string): Promise<{ sentTo: string; expiresAt: string }> {
    const result = await this.db.transaction(async (m) => {
      const user = await this.users.lockInvitee(m, userId);
      if (!user) throw accountsError('user-not-found', `user ${userId} not found`);
      if (!user.active) {
        throw accountsError('user-deactivated', `${user.email} is deactivated: reactivate the account before inviting`);
      }
      if (user.hasPassword) {
        throw accountsError(
          'password-already-set',
          `${user.email} has already chosen a password; a forgotten one is reset by email from the sign-in page`,
        );
      }
      await this.links.spendAllOf(m, user.id);
      return { sentTo: user.email, ...(await this.issue(m, 'invitation', user, by)) };
    });
    await this.jobs.add(this.outbox.sendJob(result.outboxId));
    return { sentTo: result.sentTo, expiresAt: result.expiresAt.toISOString() };
  }

  /**
   * Emails a reset link when `email` belongs to an active account. The caller answers the same whatever happens
   * here, and this takes RESET_ANSWER_MS at least, so nobody learns which emails have accounts, from the answer or
   * from its timing.
   */
  async requestReset(email: string, address: string): Promise<void> {
    await this.limiter.countAddress(address);
    const atLeast = new Promise((resolve) => setTimeout(resolve, RESET_ANSWER_MS));
    try {
      await this.sendReset(email);
    } finally {
      await atLeast;
    }
  }

  private async sendReset(email: string): Promise<void> {
    const outboxId = await this.db.transaction(async (m) => {
      const user = await this.users.lockActiveByEmail(m, normalizeEmail(email));
      if (!user) return null;
      const recent = await this.links.resetsInLastHour(m, user.id);
      if (recent >= RESETS_PER_HOUR) {
        this.logger.warn(`password reset for user ${user.id} not sent: ${recent} already sent in the last hour`);
        return null;
      }
      return (await this.issue(m, 'password-reset', user)).outboxId;
    });
    if (outboxId) await this.jobs.add(this.outbox.sendJob(outboxId));
  }

  /** Sets the password of the link's account, once; returns the account's email. */
  async setPassword(token: string, password: string, address: string): Promise<{ email: string }> {
    await this.limiter.countAddress(address);
    const email = await this.db.transaction(async (m) => {
      const link = await this.links.lockByToken(m, sha256(token));
      if (!link) {
        throw accountsError(
          'link-invalid',
          'this set-password link is not valid: copy it whole from the email, or ask for a new one',
        );
      }
      if (link.used) {
        throw accountsError(
          'link-used',
          'this set-password link was already used: ask for a password reset to get a new one',
        );
      }
      if (link.expired) {
        throw accountsError(
          'link-expired',
          'this set-password link has expired: ask for a password reset to get a new one',
        );
      }
      if (!link.active) throw accountsError('account-deactivated', 'this account is deactivated: ask an administrator');
      await this.users.setPasswordHash(m, { userId: link.userId, passwordHash: await hashPassword(password) });
      // Every link of the user is spent, and whoever held a sign-in token or the calendar address (perhaps the reason
      // for the reset) is out.
      await this.links.spendAllOf(m, link.userId);
      await this.tokens.deleteAllOf(m, link.userId);
      await this.users.voidCalendarToken(m, link.userId);
      // The owner of the account, having proved control of its mailbox, is who changed it.
      const user = await this.users.findView(link.userId, m);
      if (!user) throw accountsError('user-not-found', `user ${link.userId} not found`);
      await this.audit.record(
        m,
        { id: link.userId },
        {
          entity: 'user',
          entityId: link.userId,
          action: 'update',
          before: auditedUser(user, false),
          after: auditedUser(user, true),
        },
      );
      return link.email;
    });
    // The owner proved control of the mailbox: earlier failed sign-ins no longer hold the account back.
    await this.limiter.succeeded(email).catch((err: Error) => this.logger.warn(err.message));
    return { email };
  }

  private async issue(
    m: EntityManager,
    purpose: LinkPurpose,
    user: LinkRecipient,
    by?: Actor,
  ): Promise<{ outboxId: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const ttlSeconds =
      purpose === 'invitation' ? this.config.INVITE_TTL_HOURS * 3600 : this.config.RESET_TTL_MINUTES * 60;
    await this.links.deleteLongExpired(m, user.id);
    const { id, expiresAt } = await this.links.insert(m, {
      tokenHash: sha256(token),
      userId: user.id,
      purpose,
      createdBy: by?.id ?? null,
      ttlSeconds,
    });
    const link = `${this.config.PUBLIC_URL.replace(/\/+$/, '')}/set-password?token=${token}`;
    const content =
      purpose === 'invitation'
        ? invitationEmail(
            { name: user.name, link, expiresAt, invitedBy: by?.name ?? null, role: user.role },
            user.locale,
          )
        : passwordResetEmail({ name: user.name, link, expiresAt }, user.locale);
    const { id: outboxId } = await this.outbox.compose(m, {
      idempotencyKey: `${purpose}:${id}`,
      kind: purpose,
      recipient: user.email,
      sensitive: true,
      ...content,
    });
    return { outboxId, expiresAt };
  }
}
