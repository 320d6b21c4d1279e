import { createHash, randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditService } from '@app/audit';
import { AppConfig, conflict, decodeCursor, notFound, Page, toPage } from '@app/platform';
import { hashPassword, verifyPassword } from './password';
import type { Region, Role } from './roles';
import { toUserView, UserEntity, UserView } from './user.entity';
import type { Actor } from './access-policy';

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  regions?: Region[];
  password?: string;
}

export interface UserChanges {
  name?: string;
  role?: Role;
  regions?: Region[];
  active?: boolean;
  password?: string;
}

export interface SignedInUser extends Actor {
  email: string;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest();

// Verifying against this hash when the email is unknown keeps a failed login as slow as a wrong password.
const DECOY_HASH = '$argon2id$v=19$m=65536,p=4,t=3$00NN4vHbs+o6XHJUm1cDtQ$k8k+TrLj1jmGh9HKZojIaNp0MPHZP5yLhB/wfMxwTHs';

@Injectable()
export class AccountsService {
  private readonly logger = new Logger(AccountsService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  /** Exchanges credentials for a bearer token; null when they do not match an active account. */
  async login(
    email: string,
    password: string,
  ): Promise<{ accessToken: string; expiresAt: string; user: UserView } | null> {
    const user = await this.db
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
    const ok = await verifyPassword(user?.passwordHash ?? DECOY_HASH, password);
    if (!user || !user.active || !user.passwordHash || !ok) return null;
    const accessToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.TOKEN_TTL_HOURS * 3600_000);
    await this.db.query('INSERT INTO access_token (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [
      sha256(accessToken),
      user.id,
      expiresAt,
    ]);
    return { accessToken, expiresAt: expiresAt.toISOString(), user: toUserView(user) };
  }

  /** The active user a bearer token belongs to, in one query; null for an unknown or expired token. */
  async authenticate(token: string): Promise<SignedInUser | null> {
    const rows: { id: string; email: string; name: string; role: Role; regions: Region[] }[] = await this.db.query(
      `SELECT u.id, u.email, u.name, u.role, u.regions
         FROM access_token t JOIN app_user u ON u.id = t.user_id
        WHERE t.token_hash = $1 AND t.expires_at > now() AND u.active`,
      [sha256(token)],
    );
    return rows[0] ?? null;
  }

  /** Ends one sign-in: its token (bearer or session cookie) stops working at once. */
  async signOut(token: string): Promise<void> {
    await this.db.query('DELETE FROM access_token WHERE token_hash = $1', [sha256(token)]);
  }

  async get(id: string): Promise<UserView> {
    const user = await this.db.getRepository(UserEntity).findOneBy({ id });
    if (!user) throw notFound('user-not-found', `user ${id} not found`);
    return toUserView(user);
  }

  /** Creates a user; `actor` null when the system does (the first admin). In the caller's transaction, if given. */
  async create(actor: AuditActor | null, input: NewUser, manager?: EntityManager): Promise<UserView> {
    if (!manager) return this.db.transaction((m) => this.create(actor, input, m));
    const taken = await manager
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .where('lower(u.email) = lower(:email)', { email: input.email })
      .getExists();
    if (taken) throw conflict('email-taken', `a user with email ${input.email} already exists`);
    const user = manager.getRepository(UserEntity).create({
      email: input.email.trim(),
      name: input.name.trim(),
      role: input.role,
      regions: [...new Set(input.regions ?? [])],
      passwordHash: input.password ? await hashPassword(input.password) : null,
      active: true,
    });
    const view = toUserView(await manager.getRepository(UserEntity).save(user));
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
    const qb = this.db.getRepository(UserEntity).createQueryBuilder('u').orderBy('lower(u.email)', 'ASC');
    if (cursor) {
      const [email] = decodeCursor(cursor, 1);
      qb.where('lower(u.email) > :email', { email });
    }
    const rows = await qb.limit(limit + 1).getMany();
    return toPage(rows, limit, (u) => [u.email.toLowerCase()], toUserView);
  }

  async update(actor: AuditActor, id: string, changes: UserChanges): Promise<UserView> {
    return this.db.transaction(async (m) => {
      const repo = m.getRepository(UserEntity);
      // Role and activity changes take turns, so two admins demoting each other cannot leave no admin.
      if (changes.role !== undefined || changes.active !== undefined) {
        await m.query(`SELECT pg_advisory_xact_lock(hashtext('app_user:admins'))`);
      }
      const user = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw notFound('user-not-found', `user ${id} not found`);
      const before = toUserView(user);
      const losesAdmin =
        user.role === 'admin' &&
        user.active &&
        ((changes.role !== undefined && changes.role !== 'admin') || changes.active === false);
      if (losesAdmin) await this.keepAnAdmin(m, id);
      if (changes.name !== undefined) user.name = changes.name.trim();
      if (changes.role !== undefined) user.role = changes.role;
      if (changes.regions !== undefined) user.regions = [...new Set(changes.regions)];
      if (changes.active !== undefined) user.active = changes.active;
      if (changes.password !== undefined) user.passwordHash = await hashPassword(changes.password);
      const saved = await repo.save(user);
      // A deactivated account or a new password signs the user out everywhere and voids their set-password links.
      if (changes.active === false || changes.password !== undefined) {
        await m.query('DELETE FROM access_token WHERE user_id = $1', [id]);
        await m.query('UPDATE password_link SET used_at = now() WHERE user_id = $1 AND used_at IS NULL', [id]);
      }
      const after = toUserView(saved);
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
  private async keepAnAdmin(m: EntityManager, leavingId: string): Promise<void> {
    const admins: { id: string }[] = await m.query(`SELECT id FROM app_user WHERE role = 'admin' AND active`);
    if (!admins.some((a) => a.id !== leavingId)) {
      throw conflict('last-admin', 'this is the last active admin: make another user admin first');
    }
  }

  /** On first start, creates the admin named by ADMIN_EMAIL / ADMIN_PASSWORD when no user exists yet. */
  async ensureAdmin(manager: EntityManager = this.db.manager): Promise<UserView | null> {
    const [{ count }]: { count: number }[] = await manager.query('SELECT count(*)::int AS count FROM app_user');
    if (count > 0) return null;
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
