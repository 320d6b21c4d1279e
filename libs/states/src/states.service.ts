import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, assertAllowed, Region } from '@app/accounts';
import { AuditService } from '@app/audit';
import { commonError, isCalendarDate, isUuid, Queryable, todayUtc } from '@app/platform';
import type { Locale } from '@app/i18n';
import { ImplementationRepository } from './implementation.repository';
import { InstrumentsRepository } from './instruments.repository';
import { EVENT_LABELS } from './labels';
import { StateDetail, StateMatch, StateSummary } from './state.view';
import { stateNotFound, statesError } from './states.errors';
import { StatesRepository } from './states.repository';
import { StatusCache, StatusRevision } from './status-revision';
import {
  checkNewEvent,
  Confidence,
  EventType,
  ImplementationStage,
  Instrument,
  OPENED_ON,
  Stage,
  Track,
} from './treaty';
import { TreatyEventsRepository } from './treaty-events.repository';

export interface StateFilter {
  asOf?: string;
  region?: Region;
  /** Keep the states at any of these stages of `instrument`; PARTY_STAGES are the states parties. */
  stage?: readonly Stage[];
  instrument?: Instrument;
  q?: string;
  /** The language of each state's `name`, and of the list's order; English by default. */
  lang?: Locale;
}

export interface NewTreatyEvent {
  instrument: Instrument;
  type: EventType;
  date: string;
  source?: string;
  sourceUrl?: string;
  reference?: string;
  /** Default `reported`: what nobody says came from the depositary or an official source is not confirmed. */
  confidence?: Confidence;
  note?: string;
}

/** A new event standing in for an earlier one that was wrong, and why. */
export interface TreatyEventCorrection extends NewTreatyEvent {
  reason: string;
}

export interface ImplementationUpdate {
  stage: ImplementationStage;
  date?: string;
  note?: string;
  reference?: string;
}

const CACHE_LIMIT = 200;
// Every state on a few as-of dates; an unknown code is kept too (as null), within the same bound.
const ONE_CACHE_LIMIT = 1_000;
const gzipAsync = promisify(gzip);

/** A serialised list, ready to send as it is or gzipped, with its validator. */
export interface ListBody {
  raw: Buffer;
  gzip: Buffer;
  etag: string;
}

type Named = { name: string; names: Record<Locale, string> };

/** A state or a list of states as JSON text, each `name` in `lang`, a list in that language's alphabetical order. */
function namedIn(lang: Locale, json: string): string {
  const body = JSON.parse(json) as Named | Named[];
  const collator = new Intl.Collator(lang);
  const rename = (s: Named) => ({ ...s, name: s.names[lang] });
  return JSON.stringify(
    Array.isArray(body) ? body.map(rename).sort((a, b) => collator.compare(a.name, b.name)) : rename(body),
  );
}

@Injectable()
export class StatesService {
  // Lists keyed by query, valid until the status changes.
  private readonly lists: StatusCache<ListBody>;
  private readonly ones: StatusCache<string | null>;
  private readonly series: StatusCache<Awaited<ReturnType<StatesRepository['partiesSeries']>>>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly states: StatesRepository,
    private readonly events: TreatyEventsRepository,
    private readonly implementation: ImplementationRepository,
    private readonly instrumentRows: InstrumentsRepository,
    private readonly revision: StatusRevision,
    private readonly audit: AuditService,
  ) {
    this.lists = revision.cache<ListBody>('state-lists', CACHE_LIMIT);
    this.ones = revision.cache<string | null>('state-details', ONE_CACHE_LIMIT);
    this.series = revision.cache('parties-series', CACHE_LIMIT);
  }

  /** Every state with its derived status, serialised (and gzipped) once per change of the data. */
  async list(filter: StateFilter): Promise<ListBody> {
    const asOf = this.asOfDate(filter.asOf);
    // party,withdrawing and withdrawing,party,party are one list, kept once.
    const stage = filter.stage && [...new Set(filter.stage)].sort();
    const key = JSON.stringify([asOf, filter.region, stage, filter.instrument, filter.q, filter.lang ?? 'en']);
    return this.lists.get(key, () => this.buildList(asOf, { ...filter, stage }));
  }

  private async buildList(asOf: string, filter: StateFilter): Promise<ListBody> {
    const text = await this.states.listText({ ...filter, asOf });
    const raw = Buffer.from(filter.lang && filter.lang !== 'en' ? namedIn(filter.lang, text) : text, 'utf8');
    const etag = `"${createHash('sha1').update(raw).digest('base64url')}"`;
    return { raw, gzip: await gzipAsync(raw), etag };
  }

  /** States by code or by any of their names (accents and case aside): at most `limit`, and whether more match. */
  async search(text: string, limit: number): Promise<{ items: StateMatch[]; more: boolean }> {
    const q = text.trim();
    if (q === '') return { items: [], more: false };
    const rows = await this.states.search(q, limit);
    return { items: rows.slice(0, limit), more: rows.length > limit };
  }

  /** Every state (or a region's) with its status on `asOf`, by English name, as objects (not kept). */
  summaries(q: { asOf?: string; region?: Region }): Promise<StateSummary[]> {
    return this.states.list({ asOf: this.asOfDate(q.asOf), region: q.region });
  }

  /**
   * One state with its status, events and implementation history, as a JSON object text, kept like the lists
   * until the status changes: a state's page is read far more often than its treaty history changes.
   */
  async oneJson(code: string, asOf?: string, lang: Locale = 'en'): Promise<string> {
    const q = { code: code.toUpperCase(), asOf: this.asOfDate(asOf) };
    const body = await this.ones.get(`${q.code}:${q.asOf}`, () => this.states.oneText(q));
    if (body === null) throw stateNotFound(code);
    return lang === 'en' ? body : namedIn(lang, body);
  }

  /** The same state as an object (not kept). */
  async detail(code: string, asOf?: string): Promise<StateDetail> {
    const state = await this.states.one({ code: code.toUpperCase(), asOf: this.asOfDate(asOf) });
    if (state === null) throw stateNotFound(code);
    return state;
  }

  /**
   * Parties over time, kept until the status changes: each month of the range is a derivation of every state's
   * status, a quarter of a second of database time that any signed-in user could otherwise ask for in a loop.
   */
  async partiesSeries(instrument: Instrument, from?: string, to?: string) {
    const start = from ?? OPENED_ON[instrument];
    const end = to ?? todayUtc();
    if (start > end) throw commonError('bad-range', `from (${start}) must not be after to (${end})`);
    const series = await this.series.get(`${instrument}:${start}:${end}`, () =>
      this.states.partiesSeries({ instrument, from: start, to: end }),
    );
    return { instrument, from: start, to: end, series };
  }

  /** Records a treaty step after checking it against the state's history, in one transaction. */
  recordEvent(actor: Actor, code: string, input: NewTreatyEvent) {
    return this.changingStatus(() => this.db.transaction((m) => this.recordEventIn(m, actor, code, input)));
  }

  /**
   * The same, in the caller's transaction (a depositary proposal accepted writes its own row in it too). The caller
   * calls `statusChanged()` once the transaction is committed.
   */
  async recordEventIn(
    m: Queryable,
    actor: Actor,
    code: string,
    input: NewTreatyEvent,
    correction?: { eventId: string; reason: string },
  ) {
    const stateCode = code.toUpperCase();
    const region = await this.lockState(m, stateCode);
    assertAllowed(actor, 'treaty.write', region);
    const history = await this.events.history(m, { stateCode, instrument: input.instrument });
    const problem = checkNewEvent(input.instrument, history, input, todayUtc());
    if (problem) {
      throw problem.kind === 'invalid'
        ? statesError('impossible-event', problem.message)
        : statesError('event-sequence', problem.message);
    }
    const row = await this.events.insert(m, {
      stateCode,
      instrument: input.instrument,
      type: input.type,
      date: input.date,
      source: input.source ?? null,
      sourceUrl: input.sourceUrl ?? null,
      reference: input.reference ?? null,
      confidence: input.confidence ?? 'reported',
      note: input.note ?? null,
      recordedBy: actor.id,
    });
    const event = { ...row, recordedBy: { id: actor.id, name: actor.name } };
    const audited = correction
      ? { ...event, corrects: correction.eventId, correctionReason: correction.reason }
      : event;
    await this.audit.record(m, actor, { entity: 'treaty-event', entityId: row.id, action: 'create', after: audited });
    return event;
  }

  /**
   * Corrects a recorded event with a new one, never by changing it: the earlier event stays in the history,
   * marked superseded by the new one, and no longer counts; the new one is checked against the treaty rules as
   * the history stands without the earlier one (as an accepted depositary proposal corrects an event). The reason
   * leads the new event's note, and both events' audit entries carry it. One transaction; a refusal changes nothing.
   */
  correctEvent(actor: Actor, code: string, eventId: string, input: TreatyEventCorrection) {
    const stateCode = code.toUpperCase();
    return this.changingStatus(() =>
      this.db.transaction(async (m) => {
        const region = await this.lockState(m, stateCode);
        assertAllowed(actor, 'treaty.write', region);
        const earlier = isUuid(eventId) ? await this.events.lockOne(m, { id: eventId, stateCode }) : null;
        if (!earlier) throw statesError('event-not-found', `${stateCode} has no treaty event ${eventId}`);
        if (earlier.supersededBy !== null) {
          throw statesError(
            'event-corrected',
            `event ${eventId} was already corrected; correct the event that replaced it`,
          );
        }
        const { reason, ...event } = input;
        // The earlier event leaves the history first (pointing at itself until its correction exists), so the rules
        // judge the correction against what remains; the transaction undoes it if they refuse.
        await this.events.supersede(m, { id: earlier.id, by: earlier.id });
        const said = `Corrects the earlier record (${EVENT_LABELS[earlier.type].toLowerCase()} on ${earlier.date}): ${reason}`;
        const recorded = await this.recordEventIn(
          m,
          actor,
          stateCode,
          { ...event, note: event.note ? `${said}\n${event.note}` : said },
          { eventId: earlier.id, reason },
        );
        await this.events.supersede(m, { id: earlier.id, by: recorded.id });
        await this.audit.record(m, actor, {
          entity: 'treaty-event',
          entityId: earlier.id,
          action: 'update',
          before: earlier,
          after: { ...earlier, supersededBy: recorded.id, correctionReason: reason },
        });
        return { ...recorded, corrects: earlier.id };
      }),
    );
  }

  /** Drops this process's kept figures after a status change committed elsewhere in this process. */
  statusChanged(): void {
    this.revision.changed();
  }

  /** Every instrument with its names, UN record and entry-into-force rule. */
  /** Every instrument, its `name` in `lang` beside its names in the four languages. */
  async instruments(lang: Locale = 'en') {
    return (await this.instrumentRows.list()).map((i) => ({ ...i, name: i.names[lang] }));
  }

  /** Records a new stage for one implementation track; history keeps every change. */
  async updateImplementation(actor: Actor, code: string, track: Track, input: ImplementationUpdate) {
    const today = todayUtc();
    const date = input.date ?? today;
    if (date > today) {
      throw commonError('future-date', `date ${date} is in the future; record a change once it happened`);
    }
    if (date < OPENED_ON['rome-statute']) {
      throw commonError('bad-date', `date ${date} is before the Rome Statute existed`);
    }
    const stateCode = code.toUpperCase();
    return this.changingStatus(() =>
      this.db.transaction(async (m) => {
        const region = await this.lockState(m, stateCode);
        assertAllowed(actor, 'implementation.write', region);
        const row = await this.implementation.insert(m, {
          stateCode,
          track,
          stage: input.stage,
          date,
          note: input.note ?? null,
          reference: input.reference ?? null,
          recordedBy: actor.id,
        });
        // Each change is a new entry in the track's history, so it is audited as created, never as an update.
        const change = { ...row, recordedBy: { id: actor.id, name: actor.name } };
        await this.audit.record(m, actor, {
          entity: 'implementation',
          entityId: row.id,
          action: 'create',
          after: change,
        });
        return change;
      }),
    );
  }

  /** Runs a write, then drops this process's kept figures at once (other processes hear it from NOTIFY). */
  private async changingStatus<T>(write: () => Promise<T>): Promise<T> {
    const result = await write();
    this.revision.changed();
    return result;
  }

  /** Locks the state's row for the transaction, so two writers to one state take turns. */
  private async lockState(m: Queryable, code: string): Promise<Region> {
    const region = await this.states.lockForWrite(m, code);
    if (region === null) throw stateNotFound(code);
    return region;
  }

  private asOfDate(asOf?: string): string {
    if (asOf === undefined) return todayUtc();
    if (!isCalendarDate(asOf)) throw commonError('bad-date', `asOf must be a date YYYY-MM-DD, got "${asOf}"`);
    return asOf;
  }
}
