import { createHash, randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditService } from '@app/audit';
import { DEFAULT_LOCALE, type Locale } from '@app/i18n';
import { AppConfig, decodeCursor, Page, Queryable, toPage } from '@app/platform';
import { AccessTokensRepository } from './access-tokens.repository';
import { accountsError } from './accounts.errors';
import { normalizeEmail, storedEmail } from './email';
import { PasswordLinksRepository } from './password-links.repository';
import { hashPassword, verifyPassword } from './password';
import type { Region, Role } from './roles';
import type { UserView } from './user.view';
import { UsersRepository } from './users.repository';
import type { Actor } from './access-policy';

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  regions?: Region[];
  password?: string;
  /** English unless said. */
  locale?: Locale;
}

export interface UserChanges {
  name?: string;
  role?: Role;
  regions?: Region[];
  active?: boolean;
  password?: string;
  locale?: Locale;
}

export interface SignedInUser extends Actor {
  email: string;
  locale: Locale;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest();

// Verifying against this hash when the email is unknown keeps a failed login as slow as a wrong password.
const DECOY_HASH = '$argon2id$v=19$m=65536,p=4,t=3$00NN4vHbs+o6XHJUm1cDtQ$k8k+TrLj1jmGh9HKZojIaNp0MPHZP5yLhB/wfMxwTHs';

@Injectable()
export class AccountsService {
  private readonly logger = new Logger(AccountsService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly users: UsersRepository,
    private readonly tokens: AccessTokensRepository,
    private readonly links: PasswordLinksRepository,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  /** Exchanges credentials for a bearer token; null when they do not match an active account. */
  async login(
    email: string,
    password: string,
  ): Promise<{ accessToken: string; expiresAt: string; user: UserView } | null> {
    const found = await this.users.findWithPasswordHash(email);
    const ok = await verifyPassword(found?.passwordHash ?? DECOY_HASH, password);
    if (!found || !found.user.active || !found.passwordHash || !ok) return null;
    const { user } = found;
    const accessToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.TOKEN_TTL_HOURS * 3600_000);
    await this.tokens.insert({ tokenHash: sha256(accessToken), userId: user.id, expiresAt });
    return { accessToken, expiresAt: expiresAt.toISOString(), user };
  }

  /** The active user a bearer token belongs to, in one query; null for an unknown or expired token. */
  async authenticate(token: string): Promise<SignedInUser | null> {
    return this.tokens.holderOf(sha256(token));
  }

  /** Ends one sign-in: its token (bearer or session cookie) stops working at once. */
  async signOut(token: string): Promise<void> {
    await this.tokens.delete(sha256(token));
  }

  async get(id: string): Promise<UserView> {
    const user = await this.users.findView(id);
    if (!user) throw accountsError('user-not-found', `user ${id} not found`);
    return user;
  }

  /** Creates a user; `actor` null when the system does (the first admin). In the caller's transaction, if given. */
  async create(actor: AuditActor | null, input: NewUser, manager?: EntityManager): Promise<UserView> {
    if (!manager) return this.db.transaction((m) => this.create(actor, input, m));
    if (await this.users.emailTaken(manager, input.email)) {
      throw accountsError('email-taken', `a user with email ${input.email} already exists`);
    }
    const view = await this.users.insert(manager, {
      email: storedEmail(input.email),
      name: input.name.trim(),
      role: input.role,
      regions: [...new Set(input.regions ?? [])],
      passwordHash: input.password ? await hashPassword(input.password) : null,
      locale: input.locale ?? DEFAULT_LOCALE,
    });
    await this.audit.record(manager, actor, {
      entity: 'user',
      entityId: view.id,
      action: 'create',
      after: auditedUser(view, input.password !== undefined),
    });
    return view;
  }

  /** Users by email, which is unique regardless of case. */
  async list(limit: number, cursor?: string): Promise<Page<UserView>> {
    const afterEmail = cursor ? decodeCursor(cursor, ['text'])[0] : undefined;
    const rows = await this.users.list({ limit, afterEmail });
    return toPage(
      rows,
      limit,
      (u) => [normalizeEmail(u.email)],
      (u) => u,
    );
  }

  /** Of these users, the ids of those still to choose a password: an invitation can be sent to them again. */
  async awaitingPassword(ids: readonly string[]): Promise<Set<string>> {
    return new Set(ids.length === 0 ? [] : await this.users.withoutPassword(ids));
  }

  async update(actor: AuditActor, id: string, changes: UserChanges): Promise<UserView> {
    return this.db.transaction(async (m) => {
      // Role and activity changes take turns, so two admins demoting each other cannot leave no admin.
      if (changes.role !== undefined || changes.active !== undefined) await this.users.takeAdminsLock(m);
      const before = await this.users.lockView(m, id);
      if (!before) throw accountsError('user-not-found', `user ${id} not found`);
      const losesAdmin =
        before.role === 'admin' &&
        before.active &&
        ((changes.role !== undefined && changes.role !== 'admin') || changes.active === false);
      if (losesAdmin) await this.keepAnAdmin(m, id);
      const after = await this.users.update(m, id, {
        name: changes.name?.trim(),
        role: changes.role,
        regions: changes.regions === undefined ? undefined : [...new Set(changes.regions)],
        active: changes.active,
        passwordHash: changes.password === undefined ? undefined : await hashPassword(changes.password),
        locale: changes.locale,
      });
      if (!after) throw accountsError('user-not-found', `user ${id} not found`);
      // A deactivated account or a new password signs the user out everywhere and voids their set-password links and
      // their calendar address (which would otherwise work again on reactivation, or for whoever took the account).
      if (changes.active === false || changes.password !== undefined) {
        await this.tokens.deleteAllOf(m, id);
        await this.links.spendAllOf(m, id);
        await this.users.voidCalendarToken(m, id);
      }
      await this.audit.record(m, actor, {
        entity: 'user',
        entityId: id,
        action: 'update',
        before: auditedUser(before, false),
        after: auditedUser(after, changes.password !== undefined),
      });
      return after;
    });
  }

  /** Refuses to demote or deactivate the last active admin: nobody could manage accounts afterwards. */
  private async keepAnAdmin(m: Queryable, leavingId: string): Promise<void> {
    const admins = await this.users.activeAdminIds(m);
    if (!admins.some((a) => a !== leavingId)) {
      throw accountsError('last-admin', 'this is the last active admin: make another user admin first');
    }
  }

  /** On first start, creates the admin named by ADMIN_EMAIL / ADMIN_PASSWORD when no user exists yet. */
  async ensureAdmin(manager: EntityManager = this.db.manager): Promise<UserView | null> {
    if ((await this.users.count(manager)) > 0) return null;
    const { ADMIN_EMAIL: email, ADMIN_PASSWORD: password } = this.config;
    if (!email || !password) {
      this.logger.warn('No user exists and ADMIN_EMAIL / ADMIN_PASSWORD are not set: nobody can sign in yet');
      return null;
    }
    const admin = await this.create(null, { email, password, name: 'Administrator', role: 'admin' }, manager);
    this.logger.log(`Created the first administrator, ${email}`);
    return admin;
  }
}

/**
 * A user as the audit trail keeps them: what every response shows, and whether the change set a password. The
 * password and its hash are never recorded.
 */
export function auditedUser(user: UserView, passwordChanged: boolean): UserView & { passwordChanged?: true } {
  return passwordChanged ? { ...user, passwordChanged: true } : user;
}
