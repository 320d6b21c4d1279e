import { DataSource } from 'typeorm';
import { normalizeEmail, UsersRepository } from '@app/accounts';
import { openTestDatabase } from '../../support/medium';

describe('normalizeEmail against the database', () => {
  let db: DataSource;
  let users: UsersRepository;
  beforeAll(async () => {
    db = await openTestDatabase();
    users = new UsersRepository(db);
  });
  afterAll(() => db.destroy());

  it("lower-cases as the database's lower() does, which the unique index of emails uses", async () => {
    // Latin, Greek and Cyrillic with their extensions, and the characters whose case JavaScript maps otherwise.
    const chars: string[] = [];
    for (let cp = 0x20; cp <= 0x52f; cp++) chars.push(String.fromCodePoint(cp));
    chars.push('İ', 'ẞ', '\u212A', '\u212B', '\u2126', 'Ǆ', 'ǅ', 'ϴ', 'Ａ', 'Ｚ');
    // Each between two letters, as in an address (alone, NFKC turns some into a space and a combining mark).
    const rows: { lower: string }[] = await db.query(
      `SELECT lower(normalize('a' || c || 'b', NFKC)) AS lower
         FROM unnest($1::text[]) WITH ORDINALITY AS t(c, n) ORDER BY n`,
      [chars],
    );
    const differ = chars
      .map((c, i) => ({ c, js: normalizeEmail(`a${c}b`), db: rows[i].lower }))
      .filter(({ js, db }) => js !== db);
    expect(differ).toEqual([]);
  });

  it('finds and refuses an account by any spelling that is the same address to the database', async () => {
    await users.insert(db, {
      email: 'Admin.Kirui@tracker.test',
      name: 'Kirui',
      role: 'viewer',
      regions: [],
      passwordHash: 'not-a-real-hash',
    });
    for (const spelling of ['ADMİN.KİRUİ@tracker.test', 'admin.kirui@tracker.test', 'ａdmin.kirui@tracker.test']) {
      expect(await users.emailTaken(db, spelling)).toBe(true);
      expect((await users.findWithPasswordHash(spelling))?.user.email).toBe('Admin.Kirui@tracker.test');
    }
    await db.transaction(async (m) => {
      expect((await users.lockActiveByEmail(m, 'admİn.kirui@tracker.test'))?.email).toBe('Admin.Kirui@tracker.test');
    });
  });
});
