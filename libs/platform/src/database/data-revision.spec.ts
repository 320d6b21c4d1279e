import { RevisionCache } from './data-revision';

describe('RevisionCache', () => {
  const AGE = 10_000;
  const T0 = 1_000_000;

  /** A build that counts its calls and gives its number. */
  const counter = () => {
    let calls = 0;
    return { build: () => Promise.resolve(++calls), calls: () => calls };
  };

  it('builds once for a revision and serves that value until the records change', async () => {
    const cache = new RevisionCache<number>(10, AGE);
    const c = counter();
    expect(await cache.get('KEN', 5, c.build, T0)).toBe(1);
    expect(await cache.get('KEN', 5, c.build, T0 + 1)).toBe(1);
    expect(await cache.get('KEN', 6, c.build, T0 + 2)).toBe(2);
    expect(c.calls()).toBe(2);
  });

  it('gives a reader of an older revision the newer value, not a rebuild', async () => {
    const cache = new RevisionCache<number>(10, AGE);
    const c = counter();
    await cache.get('KEN', 7, c.build, T0);
    expect(await cache.get('KEN', 6, c.build, T0 + 1)).toBe(1);
    expect(c.calls()).toBe(1);
  });

  it('builds again once the value is older than its age, for what follows the clock', async () => {
    const cache = new RevisionCache<number>(10, AGE);
    const c = counter();
    await cache.get('KEN', 5, c.build, T0);
    expect(await cache.get('KEN', 5, c.build, T0 + AGE - 1)).toBe(1);
    expect(await cache.get('KEN', 5, c.build, T0 + AGE)).toBe(2);
  });

  it('keeps each key apart and shares one build among readers of the same key at once', async () => {
    const cache = new RevisionCache<number>(10, AGE);
    const c = counter();
    const [a, b, other] = await Promise.all([
      cache.get('KEN', 5, c.build, T0),
      cache.get('KEN', 5, c.build, T0),
      cache.get('UKR', 5, c.build, T0),
    ]);
    expect([a, b, other]).toEqual([1, 1, 2]);
  });

  it('does not keep a failed build: the next reader tries again', async () => {
    const cache = new RevisionCache<number>(10, AGE);
    await expect(cache.get('KEN', 5, () => Promise.reject(new Error('database down')), T0)).rejects.toThrow(
      'database down',
    );
    await Promise.resolve();
    expect(await cache.get('KEN', 5, () => Promise.resolve(42), T0 + 1)).toBe(42);
  });

  it('drops every value of an older revision once a newer one is read, so that nothing erased stays in memory', async () => {
    const cache = new RevisionCache<string>(10, AGE);
    await cache.get('contact A', 1, () => Promise.resolve('Amina Diallo, +254 700 000 000'), T0);
    await cache.get('contact B', 1, () => Promise.resolve('Bruno Costa'), T0);
    expect(cache.size).toBe(2);
    await cache.get('contact B', 2, () => Promise.resolve('Bruno Costa'), T0 + 1);
    expect(cache.size).toBe(1);
  });

  it('keeps nothing built for a reader who read the counter before a change seen since', async () => {
    const cache = new RevisionCache<string>(10, AGE);
    cache.seen(8);
    expect(await cache.get('KEN', 7, () => Promise.resolve('as before the change'), T0)).toBe('as before the change');
    expect(cache.size).toBe(0);
    expect(await cache.get('KEN', 8, () => Promise.resolve('as after'), T0)).toBe('as after');
  });

  it('holds at most its limit, dropping the oldest built first', async () => {
    const cache = new RevisionCache<number>(2, AGE);
    const c = counter();
    await cache.get('a', 1, c.build, T0);
    await cache.get('b', 1, c.build, T0);
    await cache.get('a', 1, c.build, T0 + AGE); // rebuilt, being too old: now the newest
    await cache.get('c', 1, c.build, T0 + AGE); // drops b, the oldest
    expect(cache.size).toBe(2);
    expect(await cache.get('a', 1, c.build, T0 + AGE)).toBe(3);
    expect(await cache.get('b', 1, c.build, T0 + AGE)).toBe(5);
  });
});
