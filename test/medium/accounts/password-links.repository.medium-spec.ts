import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { LinkPurpose, PasswordLinksRepository } from '@app/accounts';
import { makeUser } from '../../factories';
import { openTestDatabase } from '../../support/medium';

const newHash = () => createHash('sha256').update(randomBytes(32)).digest();

describe('PasswordLinksRepository', () => {
  let db: DataSource;
  let links: PasswordLinksRepository;
  beforeAll(async () => {
    db = await openTestDatabase();
    links = new PasswordLinksRepository();
  });
  afterAll(() => db.destroy());

  const issue = (userId: string, tokenHash: Buffer, ttlSeconds = 3600, purpose: LinkPurpose = 'invitation') =>
    links.insert(db, { tokenHash, userId, purpose, createdBy: null, ttlSeconds });
  const stateOf = (tokenHash: Buffer) => db.transaction((m) => links.lockByToken(m, tokenHash));

  it('answers a new link with its expiry, and finds it unused and unexpired with its user', async () => {
    const user = await makeUser(db);
    const hash = newHash();
    const link = await issue(user.id, hash, 600);
    expect(link.expiresAt.getTime() - Date.now()).toBeGreaterThan(590_000);
    expect(link.expiresAt.getTime() - Date.now()).toBeLessThan(610_000);
    expect(await stateOf(hash)).toEqual({
      userId: user.id,
      used: false,
      expired: false,
      email: user.email,
      active: true,
    });
    expect(await stateOf(newHash())).toBeNull();
  });

  it('works once: spending the links of a user spends every unused one', async () => {
    const user = await makeUser(db);
    const [first, second] = [newHash(), newHash()];
    await issue(user.id, first);
    await issue(user.id, second);
    await db.transaction((m) => links.spendAllOf(m, user.id));
    expect(await stateOf(first)).toMatchObject({ used: true });
    expect(await stateOf(second)).toMatchObject({ used: true });
    const [{ usedAt }] = await db.query(`SELECT used_at AS "usedAt" FROM password_link WHERE token_hash = $1`, [first]);
    // Spending again leaves the first spending as it was.
    await links.spendAllOf(db, user.id);
    const [{ usedAt: again }] = await db.query(`SELECT used_at AS "usedAt" FROM password_link WHERE token_hash = $1`, [
      first,
    ]);
    expect(again).toEqual(usedAt);
  });

  it('says a link has expired once its time is past', async () => {
    const user = await makeUser(db);
    const hash = newHash();
    await issue(user.id, hash, -1);
    expect(await stateOf(hash)).toMatchObject({ used: false, expired: true });
  });

  it('counts the reset links of the last hour only, and forgets links long expired', async () => {
    const user = await makeUser(db);
    await issue(user.id, newHash(), 900, 'password-reset');
    await issue(user.id, newHash(), 900, 'password-reset');
    await issue(user.id, newHash(), 900, 'invitation');
    const old = newHash();
    await issue(user.id, old, 900, 'password-reset');
    await db.query(
      `UPDATE password_link SET created_at = now() - interval '40 days', expires_at = now() - interval '31 days'
        WHERE token_hash = $1`,
      [old],
    );
    const recent = newHash();
    await issue(user.id, recent, -3600);
    expect(await links.resetsInLastHour(db, user.id)).toBe(2);
    await links.deleteLongExpired(db, user.id);
    expect(await stateOf(old)).toBeNull();
    // Expired, but recently: still known, so it answers "expired" rather than "not valid".
    expect(await stateOf(recent)).toMatchObject({ expired: true });
  });
});
