import { DataSource } from 'typeorm';
import { AppConfig } from '@app/platform';
import { StatusRevision } from '../../../libs/states/src/status-revision';
import { StatusRevisionRepository } from '../../../libs/states/src/status-revision.repository';
import { makeImplementationChange, makeTreatyEvent } from '../../factories';
import { openTestDatabase } from '../../support/medium';

const until = async (done: () => boolean, ms = 5_000) => {
  for (const end = Date.now() + ms; !done() && Date.now() < end;) await new Promise((r) => setTimeout(r, 20));
};

describe('StatusRevision', () => {
  let db: DataSource;
  let url: string;
  beforeAll(async () => {
    db = await openTestDatabase();
    url = (db.options as { url: string }).url;
  });
  afterAll(() => db.destroy());

  const revisionOf = (listening: boolean) => {
    const revision = new StatusRevision({ DATABASE_URL: url } as AppConfig, new StatusRevisionRepository(db));
    if (listening) revision.onModuleInit();
    return revision;
  };

  it('keeps a figure until the status changes, then builds it again (NOTIFY status_changed)', async () => {
    const revision = revisionOf(true);
    try {
      const cache = revision.cache<number>('figures', 10);
      // Ready once the first (re)connection has emptied the caches.
      await until(() => (revision as unknown as { listener: { ready: boolean } }).listener.ready);
      let builds = 0;
      const build = () => Promise.resolve(++builds);
      expect(await cache.get('k', build)).toBe(1);
      expect(await cache.get('k', build)).toBe(1);
      await makeTreatyEvent(db, { stateCode: 'IND', type: 'signature', date: '2020-01-15' });
      await until(() => cache.size === 0);
      expect(await cache.get('k', build)).toBe(2);
    } finally {
      await revision.onModuleDestroy();
    }
  });

  it('compares the revision counter instead while it cannot listen', async () => {
    const revision = revisionOf(false);
    const cache = revision.cache<number>('figures', 10);
    let builds = 0;
    const build = () => Promise.resolve(++builds);
    expect(await cache.get('k', build)).toBe(1);
    expect(await cache.get('k', build)).toBe(1);
    await makeImplementationChange(db, { stateCode: 'KEN' });
    expect(await cache.get('k', build)).toBe(2);
    expect(await cache.get('k', build)).toBe(2);
  });

  it('empties every cache when this process changes the status, keeps at most `limit`, and forgets a failure', async () => {
    const revision = revisionOf(false);
    const a = revision.cache<string>('a', 2);
    const b = revision.cache<string>('b', 2);
    await a.get('1', () => Promise.resolve('one'));
    await a.get('2', () => Promise.resolve('two'));
    await a.get('3', () => Promise.resolve('three'));
    expect(a.size).toBe(2);
    expect(await a.get('1', () => Promise.resolve('one again'))).toBe('one again');
    await expect(b.get('x', () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(await b.get('x', () => Promise.resolve('yes'))).toBe('yes');
    revision.changed();
    expect([a.size, b.size]).toEqual([0, 0]);
    expect(() => revision.cache('a', 1)).toThrow(/exists already/);
  });
});
