import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryPrepared } from './prepared';

/**
 * The revision of the records the pages show (data_revision): a trigger on each of their tables bumps it in the
 * transaction of every change (migrations/1764850000000-data-revision.ts), so a read of it moves exactly when the
 * change can be read, in every api process, with no message that could be missed.
 */
@Injectable()
export class DataRevision {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async current(): Promise<number> {
    const [{ revision }] = await queryPrepared<{ revision: string }>(
      this.db,
      'SELECT revision::text AS revision FROM data_revision WHERE id = 1',
      [],
    );
    return Number(revision);
  }
}

/**
 * How long a value built from the records is kept for one revision of them: any change to the records is seen at
 * once; this bounds only what moves with the clock (a follow-up falling overdue, the last 30 days).
 */
export const KEPT_AT_MOST_MS = 10_000;

/**
 * What a page built from the records, kept for the revision it was built at (DataRevision) until the records change
 * or `maxAgeMs` (KEPT_AT_MOST_MS) passes: the age bounds what follows the clock (overdue, the last 30 days). The key names everything
 * else the value depends on (a state, a page of a list, a language). Readers of the same key at once share one build;
 * a reader of an older revision takes a newer value (it is no older than what it asked for); a failed build is not
 * kept. The first read of a newer revision drops every value built before it, so that nothing changed or erased
 * (a person's details) stays in memory. At most `limit` entries, the oldest going first.
 */
export class RevisionCache<T> {
  private readonly entries = new Map<string, { revision: number; until: number; value: Promise<T> }>();
  private newest = -1;

  constructor(
    private readonly limit: number,
    private readonly maxAgeMs = KEPT_AT_MOST_MS,
  ) {}

  get(key: string, revision: number, build: () => Promise<T>, now = Date.now()): Promise<T> {
    if (revision > this.newest) {
      this.entries.clear();
      this.newest = revision;
    }
    const kept = this.entries.get(key);
    if (kept && kept.revision >= revision && now < kept.until) return kept.value;
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
