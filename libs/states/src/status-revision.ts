import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { AppConfig, PgListener, Slots } from '@app/platform';
import { StatusRevisionRepository } from './status-revision.repository';

/**
 * A keyed cache of values derived from the treaty status, emptied whenever the status changes. The key must name
 * everything the value depends on besides the status (an as-of date, a region). At most `limit` entries (the
 * oldest goes first); a build that fails is not kept, so the next call tries again.
 */
export class StatusCache<T> {
  private readonly entries = new Map<string, Promise<T>>();

  constructor(
    readonly name: string,
    private readonly limit: number,
    private readonly check: () => Promise<void>,
    private readonly slots: Slots,
  ) {}

  async get(key: string, build: () => Promise<T>): Promise<T> {
    await this.check();
    let entry = this.entries.get(key);
    if (!entry) {
      entry = this.slots.run(build);
      if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(key, entry);
      const kept = entry;
      void entry.catch(() => {
        if (this.entries.get(key) === kept) this.entries.delete(key);
      });
    }
    return entry;
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}

/**
 * Knows when the treaty status changes, for the caches of this process: PostgreSQL NOTIFYs status_changed on every
 * change, and while that connection is down each read compares the revision counter instead. Any library or page
 * keeps figures derived from the status in a cache it takes from here (`cache(name, limit)`).
 */
/** How many figures derived from the status (lists, series, counts, maps) this process builds at once. */
export const MAX_CONCURRENT_BUILDS = 4;

@Injectable()
export class StatusRevision implements OnModuleInit, OnModuleDestroy {
  private readonly caches = new Map<string, StatusCache<unknown>>();
  // Every cache's builds share these: a burst of different figures waits its turn rather than taking the whole
  // connection pool (10) from the other requests.
  private readonly builds = new Slots(MAX_CONCURRENT_BUILDS);
  private readonly listener: PgListener;
  private seenRevision = '';

  constructor(
    config: AppConfig,
    private readonly revisions: StatusRevisionRepository,
  ) {
    this.listener = new PgListener(config.DATABASE_URL, 'status_changed', () => this.changed());
  }

  onModuleInit(): void {
    this.listener.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener.stop();
  }

  /** A new cache, emptied on every change of the status. One per name. */
  cache<T>(name: string, limit: number): StatusCache<T> {
    if (this.caches.has(name)) throw new Error(`a status cache named ${name} exists already`);
    const cache = new StatusCache<T>(name, limit, () => this.check(), this.builds);
    this.caches.set(name, cache);
    return cache;
  }

  /** Empties every cache at once: after this process changed the status (others hear it from NOTIFY). */
  changed(): void {
    for (const cache of this.caches.values()) cache.clear();
  }

  /** While NOTIFY cannot be relied on, compares the revision counter before the caches are trusted. */
  private async check(): Promise<void> {
    if (this.listener.ready) return;
    const revision = await this.revisions.current();
    if (revision !== this.seenRevision) {
      this.changed();
      this.seenRevision = revision;
    }
  }
}
