import { DataSource } from 'typeorm';
import { createHash } from 'node:crypto';
import {
  AccessTokensRepository,
  AccountsService,
  PasswordLinksRepository,
  UserDirectory,
  UsersRepository,
} from '@app/accounts';
import { AuditRepository, AuditService } from '@app/audit';
import { AppConfig, DomainError } from '@app/platform';
import { makeUser } from '../../factories';
import { openTestDatabase } from '../../support/medium';
import { ADMIN } from '../../support/test-env';

describe('AccountsService', () => {
  let db: DataSource;
  let users: UsersRepository;
  let accounts: AccountsService;
  beforeAll(async () => {
    db = await openTestDatabase();
    users = new UsersRepository(db);
    accounts = new AccountsService(
      db,
      users,
      new AccessTokensRepository(db),
      new PasswordLinksRepository(),
      new AuditService(new AuditRepository(db)),
      new AppConfig(),
    );
  });
  afterAll(() => db.destroy());

  const codeOf = (p: Promise<unknown>) =>
    p.then(
      () => 'no error',
      (e: unknown) => (e instanceof DomainError ? e.code : String(e)),
    );

  it('refuses a second account for an email in another case', async () => {
    const made = await accounts.create(null, { email: ' Lea.Moreau@tracker.test ', name: ' Léa ', role: 'viewer' });
    expect(made).toMatchObject({ email: 'Lea.Moreau@tracker.test', name: 'Léa', regions: [] });
    expect(await codeOf(accounts.create(null, { email: 'lea.moreau@TRACKER.test', name: 'x', role: 'viewer' }))).toBe(
      'email-taken',
    );
    expect(await accounts.get(made.id)).toEqual(made);
  });

  it('signs in with the password, and the token stops working once signed out', async () => {
    await accounts.create(null, {
      email: 'sign-in@tracker.test',
      name: 'Sam',
      role: 'campaign-officer',
      password: 'a long passphrase',
    });
    expect(await accounts.login('sign-in@tracker.test', 'wrong passphrase')).toBeNull();
    const session = await accounts.login('SIGN-IN@tracker.test', 'a long passphrase');
    expect(session?.user).toMatchObject({ email: 'sign-in@tracker.test', role: 'campaign-officer' });
    expect(await accounts.authenticate(session!.accessToken)).toMatchObject({ email: 'sign-in@tracker.test' });
    await accounts.signOut(session!.accessToken);
    expect(await accounts.authenticate(session!.accessToken)).toBeNull();
  });

  it('signs a deactivated user out everywhere and voids their links', async () => {
    const admin = await makeUser(db, { role: 'admin' });
    await accounts.create(null, {
      email: 'leaving@tracker.test',
      name: 'Lee',
      role: 'viewer',
      password: 'passphrase 123',
    });
    const session = await accounts.login('leaving@tracker.test', 'passphrase 123');
    const user = session!.user;
    await new PasswordLinksRepository().insert(db, {
      tokenHash: Buffer.from('link'),
      userId: user.id,
      purpose: 'password-reset',
      createdBy: null,
      ttlSeconds: 600,
    });
    const after = await accounts.update(admin, user.id, { active: false });
    expect(after).toEqual({ ...user, active: false });
    expect(await accounts.authenticate(session!.accessToken)).toBeNull();
    const [{ unused }] = await db.query(
      'SELECT count(*)::int AS unused FROM password_link WHERE user_id = $1 AND used_at IS NULL',
      [user.id],
    );
    expect(unused).toBe(0);
  });

  it('voids the calendar address on deactivation (reactivating does not bring it back) and on a new password', async () => {
    const admin = await makeUser(db, { role: 'admin' });
    const directory = new UserDirectory(db, users);
    const hashOf = (secret: string) => createHash('sha256').update(secret).digest();
    const user = await makeUser(db, { name: 'Cal Endar' });

    await directory.setCalendarTokenHash(user.id, hashOf('calendar secret 1'));
    await accounts.update(admin, user.id, { active: false });
    await accounts.update(admin, user.id, { active: true });
    expect(await directory.byCalendarTokenHash(hashOf('calendar secret 1'))).toBeNull();

    await directory.setCalendarTokenHash(user.id, hashOf('calendar secret 2'));
    await accounts.update(admin, user.id, { name: 'Cal Endar II' });
    expect(await directory.byCalendarTokenHash(hashOf('calendar secret 2'))).toEqual({
      id: user.id,
      name: 'Cal Endar II',
    });
    await accounts.update(admin, user.id, { password: 'a new passphrase' });
    expect(await directory.byCalendarTokenHash(hashOf('calendar secret 2'))).toBeNull();
  });

  it('refuses to demote or deactivate the last active admin', async () => {
    const found = await users.findWithPasswordHash(ADMIN.email);
    const first = found!.user;
    // Admins made by earlier tests step down first, so the first admin is the last one.
    for (const id of await users.activeAdminIds(db)) {
      if (id !== first.id) await accounts.update(first, id, { role: 'viewer' });
    }
    expect(await codeOf(accounts.update(first, first.id, { role: 'viewer' }))).toBe('last-admin');
    expect(await codeOf(accounts.update(first, first.id, { active: false }))).toBe('last-admin');
    expect(await codeOf(accounts.update(first, '00000000-0000-4000-8000-000000000000', { name: 'x' }))).toBe(
      'user-not-found',
    );
    expect(await accounts.update(first, first.id, { name: 'Still admin' })).toMatchObject({ role: 'admin' });
  });
});
