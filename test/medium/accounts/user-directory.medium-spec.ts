import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { UserDirectory, UsersRepository } from '@app/accounts';
import { makeUser } from '../../factories';
import { openTestDatabase } from '../../support/medium';

const hashOf = (secret: string) => createHash('sha256').update(secret).digest();

describe('UserDirectory', () => {
  let db: DataSource;
  let directory: UserDirectory;
  beforeAll(async () => {
    db = await openTestDatabase();
    directory = new UserDirectory(db, new UsersRepository(db));
  });
  afterAll(() => db.destroy());

  it('lists the active users of a role, by address case-insensitively, and by region when asked', async () => {
    const tag = randomBytes(3).toString('hex');
    const email = (name: string) => `${name}-${tag}@tracker.test`;
    await makeUser(db, { role: 'steering-committee', email: email('Zoe'), regions: ['africa'] });
    await makeUser(db, { role: 'steering-committee', email: email('adam'), regions: [] });
    await makeUser(db, { role: 'steering-committee', email: email('Bea'), regions: ['africa', 'europe'] });
    await makeUser(db, { role: 'steering-committee', email: email('carl'), regions: ['africa'], active: false });
    await makeUser(db, { role: 'viewer', email: email('dan'), regions: ['africa'] });
    const mine = (emails: string[]) => emails.filter((e) => e.includes(tag));

    expect(mine(await directory.emailsOf({ role: 'steering-committee' }))).toEqual([
      email('adam'),
      email('Bea'),
      email('Zoe'),
    ]);
    expect(mine(await directory.emailsOf({ role: 'steering-committee', region: 'africa' }))).toEqual([
      email('Bea'),
      email('Zoe'),
    ]);
    expect(mine(await directory.emailsOf({ role: 'steering-committee', region: 'americas' }))).toEqual([]);
    // In the caller's transaction, it sees what that transaction wrote.
    await db.transaction(async (m) => {
      await makeUser(m, { role: 'steering-committee', email: email('aaron'), regions: ['africa'] });
      expect(mine(await directory.emailsOf({ role: 'steering-committee', region: 'africa' }, m))).toEqual([
        email('aaron'),
        email('Bea'),
        email('Zoe'),
      ]);
    });
  });

  it('says whether a user is active, and is false for one that does not exist', async () => {
    const active = await makeUser(db);
    const inactive = await makeUser(db, { active: false });
    expect(await directory.isActive(active.id)).toBe(true);
    expect(await directory.isActive(inactive.id)).toBe(false);
    expect(await directory.isActive('00000000-0000-4000-8000-000000000000')).toBe(false);
  });

  it('finds a user by their calendar secret until a new one replaces it', async () => {
    const user = await makeUser(db, { name: 'Amara Okafor' });
    await directory.setCalendarTokenHash(user.id, hashOf('first secret'));
    expect(await directory.byCalendarTokenHash(hashOf('first secret'))).toEqual({ id: user.id, name: 'Amara Okafor' });
    await directory.setCalendarTokenHash(user.id, hashOf('second secret'));
    expect(await directory.byCalendarTokenHash(hashOf('first secret'))).toBeNull();
    expect(await directory.byCalendarTokenHash(hashOf('second secret'))).toEqual({ id: user.id, name: 'Amara Okafor' });
  });

  it('does not find a deactivated user by their calendar secret', async () => {
    const user = await makeUser(db, { active: false });
    await directory.setCalendarTokenHash(user.id, hashOf('inactive secret'));
    expect(await directory.byCalendarTokenHash(hashOf('inactive secret'))).toBeNull();
  });
});
