import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, assertAllowed, Region } from '@app/accounts';
import { AuditService } from '@app/audit';
import { AppConfig, conflict, invalid, isCalendarDate, notFound, PgListener, todayUtc } from '@app/platform';
import { checkNewEvent, EventType, ImplementationStage, Instrument, OPENED_ON, Stage, Track } from './treaty';
import { LIST_STATES_SQL, ONE_STATE_SQL, PARTIES_SERIES_SQL } from './states.sql';

export interface StateFilter {
  asOf?: string;
  region?: Region;
  stage?: Stage;
  instrument?: Instrument;
  q?: string;
}

export interface NewTreatyEvent {
  instrument: Instrument;
  type: EventType;
  date: string;
  source?: string;
  note?: string;
}

export interface ImplementationUpdate {
  stage: ImplementationStage;
  date?: string;
  note?: string;
  reference?: string;
}

const CACHE_LIMIT = 200;
/** Enough for a figure or two per state and per region, and the lists. */
const DERIVED_LIMIT = 1000;
const gzipAsync = promisify(gzip);

/** A serialised list, ready to send as it is or gzipped, with its validator. */
export interface ListBody {
  raw: Buffer;
  gzip: Buffer;
  etag: string;
}

@Injectable()
export class StatesService implements OnModuleInit, OnModuleDestroy {
  // Lists keyed by query, valid until the status changes. A change is learnt from PostgreSQL's NOTIFY;
  // while that connection is down, every request compares the revision counter instead.
  private readonly listCache = new Map<string, Promise<ListBody>>();
  // Other figures derived from the status alone (counts, series), kept and dropped with the lists.
  private readonly derivedCache = new Map<string, Promise<unknown>>();
  private cachedRevision = '';
  private readonly listener: PgListener;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    config: AppConfig,
  ) {
    this.listener = new PgListener(config.DATABASE_URL, 'status_changed', () => this.clearCaches());
  }

  onModuleInit(): void {
    this.listener.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener.stop();
  }

  /** Every state with its derived status, serialised (and gzipped) once per change of the data. */
  async list(filter: StateFilter): Promise<ListBody> {
    const asOf = this.asOfDate(filter.asOf);
    await this.checkRevision();
    const key = JSON.stringify([asOf, filter.region, filter.stage, filter.instrument, filter.q]);
    let entry = this.listCache.get(key);
    if (!entry) {
      entry = this.buildList(asOf, filter);
      if (this.listCache.size >= CACHE_LIMIT) this.listCache.delete(this.listCache.keys().next().value as string);
      this.listCache.set(key, entry);
      void entry.catch(() => this.listCache.delete(key));
    }
    return entry;
  }

  /**
   * A figure derived from the status alone, built once and kept until the status changes, like the lists.
   * `key` must name everything the figure depends on besides the status (its as-of date, its region).
   */
  async derived<T>(key: string, build: () => Promise<T>): Promise<T> {
    await this.checkRevision();
    let entry = this.derivedCache.get(key) as Promise<T> | undefined;
    if (!entry) {
      entry = build();
      if (this.derivedCache.size >= DERIVED_LIMIT) {
        this.derivedCache.delete(this.derivedCache.keys().next().value as string);
      }
      this.derivedCache.set(key, entry);
      void entry.catch(() => this.derivedCache.delete(key));
    }
    return entry;
  }

  /** The list as JSON text (for callers that want the text itself). */
  async listJson(filter: StateFilter): Promise<string> {
    return (await this.list(filter)).raw.toString('utf8');
  }

  private async buildList(asOf: string, filter: StateFilter): Promise<ListBody> {
    const [{ body }]: { body: string }[] = await this.db.query(LIST_STATES_SQL, [
      asOf,
      filter.region ?? null,
      filter.q?.trim() || null,
      filter.instrument ?? 'rome-statute',
      filter.stage ?? null,
    ]);
    const raw = Buffer.from(body, 'utf8');
    const etag = `"${createHash('sha1').update(raw).digest('base64url')}"`;
    return { raw, gzip: await gzipAsync(raw), etag };
  }

  /** One state with its status, events and implementation history, as a JSON object text. */
  async oneJson(code: string, asOf?: string): Promise<string> {
    const rows: { body: string }[] = await this.db.query(ONE_STATE_SQL, [this.asOfDate(asOf), code.toUpperCase()]);
    if (rows.length === 0) throw stateNotFound(code);
    return rows[0].body;
  }

  async partiesSeries(instrument: Instrument, from?: string, to?: string) {
    const start = from ?? OPENED_ON[instrument];
    const end = to ?? todayUtc();
    if (start > end) throw invalid('bad-range', `from (${start}) must not be after to (${end})`);
    const series: { date: string; parties: number }[] = await this.db.query(PARTIES_SERIES_SQL, [
      instrument,
      start,
      end,
    ]);
    return { instrument, from: start, to: end, series };
  }

  /** Records a treaty step after checking it against the state's history, in one transaction. */
  async recordEvent(actor: Actor, code: string, input: NewTreatyEvent) {
    return this.changingStatus(() =>
      this.db.transaction(async (m) => {
        const region = await this.lockState(m.query.bind(m), code);
        assertAllowed(actor, 'treaty.write', region);
        const history: { type: EventType; date: string }[] = await m.query(
          `SELECT type, to_char(date, 'YYYY-MM-DD') AS date FROM treaty_event WHERE state_code = $1 AND instrument = $2`,
          [code.toUpperCase(), input.instrument],
        );
        const problem = checkNewEvent(input.instrument, history, input, todayUtc());
        if (problem) {
          throw problem.kind === 'invalid'
            ? invalid('impossible-event', problem.message)
            : conflict('event-sequence', problem.message);
        }
        const [row]: Record<string, unknown>[] = await m.query(
          `INSERT INTO treaty_event (state_code, instrument, type, date, source, note, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         RETURNING id, state_code AS "stateCode", instrument, type, to_char(date, 'YYYY-MM-DD') AS date, source, note,
                   recorded_at AS "recordedAt"`,
          [
            code.toUpperCase(),
            input.instrument,
            input.type,
            input.date,
            input.source ?? null,
            input.note ?? null,
            actor.id,
          ],
        );
        const event = { ...row, recordedBy: { id: actor.id, name: actor.name } };
        await this.audit.record(m, actor, {
          entity: 'treaty-event',
          entityId: row.id as string,
          action: 'create',
          after: event,
        });
        return event;
      }),
    );
  }

  /** Records a new stage for one implementation track; history keeps every change. */
  async updateImplementation(actor: Actor, code: string, track: Track, input: ImplementationUpdate) {
    const today = todayUtc();
    const date = input.date ?? today;
    if (date > today) throw invalid('future-date', `date ${date} is in the future; record a change once it happened`);
    if (date < OPENED_ON['rome-statute']) throw invalid('bad-date', `date ${date} is before the Rome Statute existed`);
    return this.changingStatus(() =>
      this.db.transaction(async (m) => {
        const region = await this.lockState(m.query.bind(m), code);
        assertAllowed(actor, 'implementation.write', region);
        const [row]: Record<string, unknown>[] = await m.query(
          `INSERT INTO implementation_change (state_code, track, stage, date, note, reference, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         RETURNING id, state_code AS "stateCode", track, stage, to_char(date, 'YYYY-MM-DD') AS date, note, reference,
                   recorded_at AS "recordedAt"`,
          [code.toUpperCase(), track, input.stage, date, input.note ?? null, input.reference ?? null, actor.id],
        );
        // Each change is a new entry in the track's history, so it is audited as created, never as an update.
        const change = { ...row, recordedBy: { id: actor.id, name: actor.name } };
        await this.audit.record(m, actor, {
          entity: 'implementation',
          entityId: row.id as string,
          action: 'create',
          after: change,
        });
        return change;
      }),
    );
  }

  /** Runs a write, then drops this process's cached lists at once (other processes hear it from NOTIFY). */
  private async changingStatus<T>(write: () => Promise<T>): Promise<T> {
    const result = await write();
    this.clearCaches();
    return result;
  }

  /** While NOTIFY cannot be relied on, compares the revision counter before trusting the caches. */
  private async checkRevision(): Promise<void> {
    if (this.listener.ready) return;
    const [{ revision }]: { revision: string }[] = await this.db.query(
      'SELECT revision::text AS revision FROM status_revision WHERE id = 1',
    );
    if (revision !== this.cachedRevision) {
      this.clearCaches();
      this.cachedRevision = revision;
    }
  }

  private clearCaches(): void {
    this.listCache.clear();
    this.derivedCache.clear();
  }

  /** Locks the state's row for the transaction, so two writers to one state take turns. */
  private async lockState(query: (sql: string, params: unknown[]) => Promise<{ region: Region }[]>, code: string) {
    const rows = await query('SELECT region FROM state WHERE code = $1 FOR UPDATE', [code.toUpperCase()]);
    if (rows.length === 0) throw stateNotFound(code);
    return rows[0].region;
  }

  private asOfDate(asOf?: string): string {
    if (asOf === undefined) return todayUtc();
    if (!isCalendarDate(asOf)) throw invalid('bad-date', `asOf must be a date YYYY-MM-DD, got "${asOf}"`);
    return asOf;
  }
}

export function stateNotFound(code: string) {
  return notFound('state-not-found', `state ${code.toUpperCase()} not found`);
}
