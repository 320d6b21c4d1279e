import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AccessTokensRepository } from '@app/accounts';
import { makeUser } from '../../factories';
import { openTestDatabase } from '../../support/medium';

const newHash = () => createHash('sha256').update(randomBytes(32)).digest();
const inHours = (h: number) => new Date(Date.now() + h * 3600_000);

describe('AccessTokensRepository', () => {
  let db: DataSource;
  let tokens: AccessTokensRepository;
  beforeAll(async () => {
    db = await openTestDatabase();
    tokens = new AccessTokensRepository(db);
  });
  afterAll(() => db.destroy());

  it('finds the holder of a live token, and nobody for an expired or unknown one', async () => {
    const user = await makeUser(db, { role: 'regional-officer', regions: ['asia-pacific'] });
    const live = newHash();
    const expired = newHash();
    await tokens.insert({ tokenHash: live, userId: user.id, expiresAt: inHours(1) });
    await tokens.insert({ tokenHash: expired, userId: user.id, expiresAt: inHours(-1) });
    expect(await tokens.holderOf(live)).toEqual({
      id: user.id,
      email: user.email,
      name: user.name,
      role: 'regional-officer',
      regions: ['asia-pacific'],
      locale: 'en',
    });
    expect(await tokens.holderOf(expired)).toBeNull();
    expect(await tokens.holderOf(newHash())).toBeNull();
  });

  it('finds nobody for the token of a deactivated user', async () => {
    const user = await makeUser(db, { active: false });
    const hash = newHash();
    await tokens.insert({ tokenHash: hash, userId: user.id, expiresAt: inHours(1) });
    expect(await tokens.holderOf(hash)).toBeNull();
  });

  it('signs out one token, or every token of one user and no one else', async () => {
    const [ana, ben] = [await makeUser(db), await makeUser(db)];
    const [ana1, ana2, ben1] = [newHash(), newHash(), newHash()];
    for (const [hash, userId] of [
      [ana1, ana.id],
      [ana2, ana.id],
      [ben1, ben.id],
    ] as const) {
      await tokens.insert({ tokenHash: hash, userId, expiresAt: inHours(1) });
    }
    await tokens.delete(ana1);
    expect(await tokens.holderOf(ana1)).toBeNull();
    expect(await tokens.holderOf(ana2)).not.toBeNull();
    await db.transaction((m) => tokens.deleteAllOf(m, ana.id));
    expect(await tokens.holderOf(ana2)).toBeNull();
    expect((await tokens.holderOf(ben1))?.id).toBe(ben.id);
    // Doing it twice changes nothing more.
    await tokens.deleteAllOf(db, ana.id);
    expect((await tokens.holderOf(ben1))?.id).toBe(ben.id);
  });
});
