import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryPrepared } from './prepared';

/**
 * How long a value built from the records is kept for one revision of them: any change to the records is seen at
 * once; this bounds only what moves with the clock (a follow-up falling overdue, the last 30 days).
 */
export const KEPT_AT_MOST_MS = 10_000;

/**
 * What a page or list built from the records, kept for the revision it was built at until the records change or
 * `maxAgeMs` passes: the age bounds what follows the clock. The key names everything else the value depends on (a
 * state, a page of a list, a language, a reader). Readers of the same key at once share one build; a reader of an
 * older revision takes a newer value (it is no older than what it asked for); a failed build is not kept. Once a
 * newer revision is seen, every value built before it is dropped and none is kept for an older one, so that nothing
 * changed or erased (a person's details) stays in memory. At most `limit` entries, the oldest going first.
 */
export class RevisionCache<T> {
  private readonly entries = new Map<string, { revision: number; until: number; value: Promise<T> }>();
  private newest = -1;

  constructor(
    private readonly limit: number,
    private readonly maxAgeMs = KEPT_AT_MOST_MS,
  ) {}

  /** The records are at `revision`: what was built before it goes. */
  seen(revision: number): void {
    if (revision <= this.newest) return;
    this.newest = revision;
    this.entries.clear();
  }

  get(key: string, revision: number, build: () => Promise<T>, now = Date.now()): Promise<T> {
    this.seen(revision);
    const kept = this.entries.get(key);
    if (kept && kept.revision >= revision && now < kept.until) return kept.value;
    // A reader that read the counter before the latest change gets what it asked for, kept for nobody.
    if (revision < this.newest) return build();
    // Deleted and set again, so that the Map's order stays the order of building and the first key is the oldest.
    this.entries.delete(key);
    if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value as string);
    const entry = { revision, until: now + this.maxAgeMs, value: build() };
    this.entries.set(key, entry);
    entry.value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return entry.value;
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * The revision of the records the pages show (data_revision): a trigger on each of their tables bumps it in the
 * transaction of every change (migrations/1764850000000-data-revision.ts), so a read of it moves exactly when the
 * change can be read, in every api process, with no message that could be missed. The caches taken from here
 * (`cache(limit)`) drop what a change made stale at the first read of the counter after it, whichever page reads it.
 */
@Injectable()
export class DataRevision {
  private readonly caches = new Set<RevisionCache<unknown>>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** A cache of values built from the records, emptied of stale ones whenever this process reads a newer revision. */
  cache<T>(limit: number): RevisionCache<T> {
    const cache = new RevisionCache<T>(limit);
    this.caches.add(cache);
    return cache;
  }

  async current(): Promise<number> {
    const [{ revision }] = await queryPrepared<{ revision: string }>(
      this.db,
      'SELECT revision::text AS revision FROM data_revision WHERE id = 1',
      [],
    );
    const n = Number(revision);
    for (const cache of this.caches) cache.seen(n);
    return n;
  }
}
