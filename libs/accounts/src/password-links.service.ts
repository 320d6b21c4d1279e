import { createHash, randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { OutboxService } from '@app/mail';
import { AppConfig, conflict, invalid, JobQueue, notFound } from '@app/platform';
import type { Actor } from './access-policy';
import { AccountsService, auditedUser, NewUser } from './accounts.service';
import { invitationEmail, passwordResetEmail } from './account.emails';
import { hashPassword } from './password';
import { SignInLimiter } from './sign-in-limiter';
import { toUserView, UserEntity, type UserView } from './user.entity';

export type LinkPurpose = 'invitation' | 'password-reset';

/** Reset emails per account per hour; requests beyond are answered the same way but send nothing. */
export const RESETS_PER_HOUR = 3;

interface Recipient {
  id: string;
  email: string;
  name: string;
  role: string;
}

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
      const [user]: (Recipient & { active: boolean; has_password: boolean })[] = await m.query(
        `SELECT id, email, name, role, active, password_hash IS NOT NULL AS has_password
           FROM app_user WHERE id = $1 FOR UPDATE`,
        [userId],
      );
      if (!user) throw notFound('user-not-found', `user ${userId} not found`);
      if (!user.active) {
        throw conflict('user-deactivated', `${user.email} is deactivated: reactivate the account before inviting`);
      }
      if (user.has_password) {
        throw conflict(
          'password-already-set',
          `${user.email} has already chosen a password; a forgotten one is reset by email from the sign-in page`,
        );
      }
      await m.query('UPDATE password_link SET used_at = now() WHERE user_id = $1 AND used_at IS NULL', [user.id]);
      return { sentTo: user.email, ...(await this.issue(m, 'invitation', user, by)) };
    });
    await this.jobs.add(this.outbox.sendJob(result.outboxId));
    return { sentTo: result.sentTo, expiresAt: result.expiresAt.toISOString() };
  }

  /**
   * Emails a reset link when `email` belongs to an active account. The caller answers the same whatever
   * happens here, so nobody learns which emails have accounts.
   */
  async requestReset(email: string, address: string): Promise<void> {
    await this.limiter.countAddress(address);
    const outboxId = await this.db.transaction(async (m) => {
      const [user]: Recipient[] = await m.query(
        `SELECT id, email, name, role FROM app_user WHERE lower(email) = lower($1) AND active FOR UPDATE`,
        [email.trim()],
      );
      if (!user) return null;
      const [{ recent }]: { recent: number }[] = await m.query(
        `SELECT count(*)::int AS recent FROM password_link
          WHERE user_id = $1 AND purpose = 'password-reset' AND created_at > now() - interval '1 hour'`,
        [user.id],
      );
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
      const [link]: { user_id: string; used: boolean; expired: boolean; email: string; active: boolean }[] =
        await m.query(
          `SELECT l.user_id, l.used_at IS NOT NULL AS used, l.expires_at <= now() AS expired, u.email, u.active
             FROM password_link l JOIN app_user u ON u.id = l.user_id
            WHERE l.token_hash = $1 FOR UPDATE OF l, u`,
          [sha256(token)],
        );
      if (!link) {
        throw invalid(
          'link-invalid',
          'this set-password link is not valid: copy it whole from the email, or ask for a new one',
        );
      }
      if (link.used) {
        throw invalid(
          'link-used',
          'this set-password link was already used: ask for a password reset to get a new one',
        );
      }
      if (link.expired) {
        throw invalid('link-expired', 'this set-password link has expired: ask for a password reset to get a new one');
      }
      if (!link.active) throw invalid('account-deactivated', 'this account is deactivated: ask an administrator');
      await m.query('UPDATE app_user SET password_hash = $2, updated_at = now() WHERE id = $1', [
        link.user_id,
        await hashPassword(password),
      ]);
      // Every link of the user is spent, and whoever held a sign-in token (perhaps the reason for the reset) is out.
      await m.query('UPDATE password_link SET used_at = now() WHERE user_id = $1 AND used_at IS NULL', [link.user_id]);
      await m.query('DELETE FROM access_token WHERE user_id = $1', [link.user_id]);
      // The owner of the account, having proved control of its mailbox, is who changed it.
      const user = await m.getRepository(UserEntity).findOneByOrFail({ id: link.user_id });
      await this.audit.record(
        m,
        { id: link.user_id },
        {
          entity: 'user',
          entityId: link.user_id,
          action: 'update',
          before: auditedUser(toUserView(user), false),
          after: auditedUser(toUserView(user), true),
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
    user: Recipient,
    by?: Actor,
  ): Promise<{ outboxId: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const ttlSeconds =
      purpose === 'invitation' ? this.config.INVITE_TTL_HOURS * 3600 : this.config.RESET_TTL_MINUTES * 60;
    // Links long dead are of no further use, even as history.
    await m.query(`DELETE FROM password_link WHERE user_id = $1 AND expires_at < now() - interval '30 days'`, [
      user.id,
    ]);
    const [{ id, expires_at: expiresAt }]: { id: string; expires_at: Date }[] = await m.query(
      `INSERT INTO password_link (token_hash, user_id, purpose, created_by, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5)) RETURNING id, expires_at`,
      [sha256(token), user.id, purpose, by?.id ?? null, ttlSeconds],
    );
    const link = `${this.config.PUBLIC_URL.replace(/\/+$/, '')}/set-password?token=${token}`;
    const content =
      purpose === 'invitation'
        ? invitationEmail({
            name: user.name,
            link,
            expiresAt,
            invitedBy: by?.name ?? 'An administrator',
            role: user.role,
          })
        : passwordResetEmail({ name: user.name, link, expiresAt });
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
