import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { UsersRepository } from '@app/accounts';
import { makeUser } from '../../factories';
import { openTestDatabase } from '../../support/medium';

describe('UsersRepository', () => {
  let db: DataSource;
  let users: UsersRepository;
  beforeAll(async () => {
    db = await openTestDatabase();
    users = new UsersRepository(db);
  });
  afterAll(() => db.destroy());

  const newUser = (email: string) =>
    users.insert(db, { email, name: 'Nadia Rahman', role: 'campaign-officer', regions: ['mena'], passwordHash: null });

  it('writes a user and answers it as every response shows it, without the password hash', async () => {
    const made = await users.insert(db, {
      email: 'ines@tracker.test',
      name: 'Inès Dupont',
      role: 'regional-officer',
      regions: ['africa', 'europe'],
      passwordHash: 'not-a-real-hash',
    });
    expect(made).toEqual({
      id: expect.any(String),
      email: 'ines@tracker.test',
      name: 'Inès Dupont',
      role: 'regional-officer',
      regions: ['africa', 'europe'],
      active: true,
      locale: 'en',
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
    });
    expect(await users.findView(made.id)).toEqual(made);
    expect(await users.findWithPasswordHash('INES@tracker.test')).toEqual({
      user: made,
      passwordHash: 'not-a-real-hash',
    });
  });

  it('keeps emails unique whatever their case', async () => {
    await newUser('Kwame.Mensah@tracker.test');
    expect(await users.emailTaken(db, 'kwame.mensah@TRACKER.test')).toBe(true);
    expect(await users.emailTaken(db, 'kwame.mensah2@tracker.test')).toBe(false);
    // The index refuses it even when a caller forgot to ask first.
    await expect(newUser('KWAME.MENSAH@tracker.test')).rejects.toThrow(/app_user_email_idx/);
  });

  it('pages users by email, case-insensitively, without losing or repeating one', async () => {
    const tag = randomBytes(3).toString('hex');
    for (const name of ['Delta', 'alpha', 'Charlie', 'bravo', 'echo']) await newUser(`${name}-${tag}@tracker.test`);
    const all = (await users.list({ limit: 1000 })).map((u) => u.email);
    const seen: string[] = [];
    let afterEmail: string | undefined;
    for (;;) {
      const rows = await users.list({ limit: 2, afterEmail });
      expect(rows.length).toBeLessThanOrEqual(3);
      seen.push(...rows.slice(0, 2).map((u) => u.email));
      if (rows.length <= 2) break;
      afterEmail = rows[1].email.toLowerCase();
    }
    expect(seen).toEqual(all);
    expect(seen.filter((e) => e.includes(tag)).map((e) => e.split('-')[0])).toEqual([
      'alpha',
      'bravo',
      'Charlie',
      'Delta',
      'echo',
    ]);
  });

  it('answers an update with the row as it now is, and moves updated_at only on a real change', async () => {
    const user = await makeUser(db, { role: 'viewer' });
    const updatedAt = async () =>
      (await db.query<{ updated_at: Date }[]>('SELECT updated_at FROM app_user WHERE id = $1', [user.id]))[0]
        .updated_at;
    const first = await updatedAt();
    const after = await users.update(db, user.id, { name: 'Renamed', role: 'campaign-officer', regions: ['americas'] });
    expect(after).toMatchObject({ id: user.id, name: 'Renamed', role: 'campaign-officer', regions: ['americas'] });
    expect(await users.findView(user.id)).toEqual(after);
    const second = await updatedAt();
    expect(second.getTime()).toBeGreaterThan(first.getTime());
    expect(await users.update(db, user.id, { name: 'Renamed', active: true })).toEqual(after);
    expect((await updatedAt()).getTime()).toBe(second.getTime());
    expect(await users.update(db, user.id, {})).toEqual(after);
    expect(await users.update(db, '00000000-0000-4000-8000-000000000000', { name: 'Nobody' })).toBeNull();
  });

  it('knows the active admins, and finds an active user by email for a reset but not an inactive one', async () => {
    const admin = await makeUser(db, { role: 'admin' });
    const former = await makeUser(db, { role: 'admin', active: false });
    const ids = await users.activeAdminIds(db);
    expect(ids).toContain(admin.id);
    expect(ids).not.toContain(former.id);
    await db.transaction(async (m) => {
      expect(await users.lockActiveByEmail(m, admin.email.toUpperCase())).toEqual({
        id: admin.id,
        email: admin.email,
        name: admin.name,
        role: 'admin',
        locale: 'en',
      });
      expect(await users.lockActiveByEmail(m, former.email)).toBeNull();
      expect(await users.lockInvitee(m, former.id)).toMatchObject({ active: false, hasPassword: false });
    });
  });
});
