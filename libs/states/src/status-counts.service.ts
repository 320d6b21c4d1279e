import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Region } from '@app/accounts';
import { todayUtc } from '@app/platform';
import { StatesService } from './states.service';
import {
  DEPOSIT_TYPES,
  EventType,
  IMPLEMENTATION_STAGES,
  ImplementationStage,
  Instrument,
  INSTRUMENTS,
  OPENED_ON,
  Stage,
  STAGES,
  Track,
  TRACKS,
} from './treaty';

export interface StageCounts {
  instrument: Instrument;
  /** States at each stage; every stage is present, zero included. */
  stages: Record<Stage, number>;
}

export interface ImplementationCounts {
  track: Track;
  stages: Record<ImplementationStage, number>;
}

/** A treaty event or an implementation change, as a line of "what moved". */
export interface StatusChange {
  kind: 'treaty-event' | 'implementation';
  id: string;
  date: string;
  stateCode: string;
  stateName: string;
  region: Region;
  /** Treaty events: the instrument and the step. */
  instrument: Instrument | null;
  type: EventType | null;
  /** Implementation changes: the track and its new stage. */
  track: Track | null;
  stage: ImplementationStage | null;
  /** The event's source, or the change's reference. */
  source: string | null;
  recordedAt: string;
}

export interface StatusScope {
  region?: Region;
  code?: string;
}

/** $1 as-of date, $2 region|null. The number of states at each stage of each instrument. */
const STAGE_COUNTS_SQL = `
  SELECT i.code AS instrument, COALESCE(st.stage, 'none') AS stage, count(*)::int AS states
  FROM state s
  CROSS JOIN instrument i
  LEFT JOIN treaty_status($1) st ON st.state_code = s.code AND st.instrument = i.code
  WHERE $2::text IS NULL OR s.region = $2
  GROUP BY i.code, COALESCE(st.stage, 'none')`;

/** $1 as-of date. Each region's states, and how many are parties to the Rome Statute (withdrawing included). */
const PARTIES_BY_REGION_SQL = `
  SELECT s.region, count(*)::int AS states,
         count(*) FILTER (WHERE st.stage IN ('party', 'withdrawing'))::int AS parties
  FROM state s
  LEFT JOIN treaty_status($1) st ON st.state_code = s.code AND st.instrument = 'rome-statute'
  GROUP BY s.region`;

/** $1 as-of date, $2 region|null. The number of states at each stage of each implementation track. */
const IMPLEMENTATION_COUNTS_SQL = `
  SELECT t.track, COALESCE(c.stage, 'none') AS stage, count(*)::int AS states
  FROM state s
  CROSS JOIN unnest($3::text[]) AS t(track)
  LEFT JOIN LATERAL (
    SELECT ic.stage FROM implementation_change ic
    WHERE ic.state_code = s.code AND ic.track = t.track AND ic.date <= $1
    ORDER BY ic.date DESC, ic.recorded_at DESC LIMIT 1) c ON true
  WHERE $2::text IS NULL OR s.region = $2
  GROUP BY t.track, COALESCE(c.stage, 'none')`;

/**
 * $1 instrument, $2 from, $3 to, $4 region|null. The parties of a region (or of all) on every date the count
 * can change, as in PARTIES_SERIES_SQL.
 */
const PARTIES_SERIES_SQL = `
  WITH ev AS (
    SELECT e.date, e.type FROM treaty_event e JOIN state s ON s.code = e.state_code
    WHERE e.instrument = $1 AND ($4::text IS NULL OR s.region = $4)
  ),
  changes AS (
    SELECT date FROM ev
    UNION SELECT treaty_in_force_on($1, date) FROM ev WHERE type = ANY($5::text[])
    UNION SELECT (date + interval '1 year')::date FROM ev WHERE type = 'withdrawal-notified'
  ),
  points AS (
    SELECT date FROM changes WHERE date > $2 AND date < $3
    UNION SELECT $2::date UNION SELECT $3::date
  )
  SELECT to_char(p.date, 'YYYY-MM-DD') AS date,
    (SELECT count(*)::int FROM treaty_status(p.date) t JOIN state s ON s.code = t.state_code
      WHERE t.instrument = $1 AND t.stage IN ('party', 'withdrawing') AND ($4::text IS NULL OR s.region = $4)) AS parties
  FROM points p ORDER BY p.date`;

/**
 * $1 as-of date, $2 region|null, $3 code|null, $4 limit. Treaty events and implementation changes, the latest
 * first: each side takes its own newest rows by index before the two are merged.
 */
const RECENT_CHANGES_SQL = `
  SELECT x.* FROM (
    (SELECT 'treaty-event' AS kind, e.id, to_char(e.date, 'YYYY-MM-DD') AS date, e.state_code AS "stateCode",
            s.name_en AS "stateName", s.region, e.instrument, e.type, NULL AS track, NULL AS stage, e.source,
            e.recorded_at AS "recordedAt"
     FROM treaty_event e JOIN state s ON s.code = e.state_code
     WHERE e.date <= $1 AND ($2::text IS NULL OR s.region = $2) AND ($3::text IS NULL OR e.state_code = $3)
     ORDER BY e.date DESC, e.recorded_at DESC LIMIT $4)
    UNION ALL
    (SELECT 'implementation', c.id, to_char(c.date, 'YYYY-MM-DD'), c.state_code, s.name_en, s.region, NULL, NULL,
            c.track, c.stage, c.reference, c.recorded_at
     FROM implementation_change c JOIN state s ON s.code = c.state_code
     WHERE c.date <= $1 AND ($2::text IS NULL OR s.region = $2) AND ($3::text IS NULL OR c.state_code = $3)
     ORDER BY c.date DESC, c.recorded_at DESC LIMIT $4)
  ) x ORDER BY x.date DESC, x."recordedAt" DESC LIMIT $4`;

const zeros = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/**
 * Counts and series derived from the treaty status, each one SQL aggregate, kept until the status changes
 * (StatesService drops them with its lists).
 */
@Injectable()
export class StatusCountsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly states: StatesService,
  ) {}

  /** States at each stage of every instrument, in the instruments' order. */
  stageCounts(region?: Region, asOf: string = todayUtc()): Promise<StageCounts[]> {
    return this.states.derived(`stage-counts:${asOf}:${region ?? ''}`, async () => {
      const rows: { instrument: Instrument; stage: Stage; states: number }[] = await this.db.query(STAGE_COUNTS_SQL, [
        asOf,
        region ?? null,
      ]);
      return INSTRUMENTS.map((instrument) => {
        const stages = zeros(STAGES);
        for (const r of rows) if (r.instrument === instrument) stages[r.stage] = r.states;
        return { instrument, stages };
      });
    });
  }

  /** Each region's number of states and of Rome Statute parties. */
  partiesByRegion(asOf: string = todayUtc()): Promise<{ region: Region; states: number; parties: number }[]> {
    return this.states.derived(`parties-by-region:${asOf}`, () => this.db.query(PARTIES_BY_REGION_SQL, [asOf]));
  }

  /** States at each stage of both implementation tracks. */
  implementationCounts(region?: Region, asOf: string = todayUtc()): Promise<ImplementationCounts[]> {
    return this.states.derived(`implementation-counts:${asOf}:${region ?? ''}`, async () => {
      const rows: { track: Track; stage: ImplementationStage; states: number }[] = await this.db.query(
        IMPLEMENTATION_COUNTS_SQL,
        [asOf, region ?? null, TRACKS],
      );
      return TRACKS.map((track) => {
        const stages = zeros(IMPLEMENTATION_STAGES);
        for (const r of rows) if (r.track === track) stages[r.stage] = r.states;
        return { track, stages };
      });
    });
  }

  /** The number of parties (withdrawing states included) from the instrument's adoption to `to`. */
  partiesSeries(
    instrument: Instrument,
    region?: Region,
    to: string = todayUtc(),
  ): Promise<{ date: string; parties: number }[]> {
    return this.states.derived(`parties:${instrument}:${to}:${region ?? ''}`, () =>
      this.db.query(PARTIES_SERIES_SQL, [instrument, OPENED_ON[instrument], to, region ?? null, DEPOSIT_TYPES]),
    );
  }

  /** The latest treaty events and implementation changes of a region, a state or everywhere. */
  recentChanges(scope: StatusScope, limit: number, asOf: string = todayUtc()): Promise<StatusChange[]> {
    const key = `recent:${asOf}:${scope.region ?? ''}:${scope.code ?? ''}:${limit}`;
    return this.states.derived(key, async () => {
      const rows: (Omit<StatusChange, 'recordedAt'> & { recordedAt: Date })[] = await this.db.query(
        RECENT_CHANGES_SQL,
        [asOf, scope.region ?? null, scope.code?.toUpperCase() ?? null, limit],
      );
      return rows.map((r) => ({ ...r, recordedAt: r.recordedAt.toISOString() }));
    });
  }
}
