import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Region } from '@app/accounts';
import { ImplementationStage, Instrument, Stage, Track, TRACKS } from './treaty';
import { implementationStageOn, isPartyStage } from './treaty-status.sql';
import type { StatusChange } from './status-counts.view';

/** $1 as-of date, $2 region|null. The number of states at each stage of each instrument. */
const STAGE_COUNTS_SQL = `
  SELECT i.code AS instrument, COALESCE(st.stage, 'none') AS stage, count(*)::int AS states
  FROM state s
  CROSS JOIN instrument i
  LEFT JOIN treaty_status($1) st ON st.state_code = s.code AND st.instrument = i.code
  WHERE $2::text IS NULL OR s.region = $2
  GROUP BY i.code, COALESCE(st.stage, 'none')`;

/** $1 as-of date. Each region's states, and how many are parties to the Rome Statute. */
const PARTIES_BY_REGION_SQL = `
  SELECT s.region, count(*)::int AS states,
         count(*) FILTER (WHERE ${isPartyStage('st.stage')})::int AS parties
  FROM state s
  LEFT JOIN treaty_status($1) st ON st.state_code = s.code AND st.instrument = 'rome-statute'
  GROUP BY s.region`;

/** $1 as-of date, $2 region|null, $3 tracks. The number of states at each stage of each implementation track. */
const IMPLEMENTATION_COUNTS_SQL = `
  SELECT t.track, COALESCE(c.stage, 'unknown') AS stage, count(*)::int AS states
  FROM state s
  CROSS JOIN unnest($3::text[]) AS t(track)
  LEFT JOIN LATERAL ${implementationStageOn('s.code', 't.track', '$1')} c ON true
  WHERE $2::text IS NULL OR s.region = $2
  GROUP BY t.track, COALESCE(c.stage, 'unknown')`;

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
     WHERE e.date <= $1 AND e.superseded_by IS NULL AND ($2::text IS NULL OR s.region = $2)
       AND ($3::text IS NULL OR e.state_code = $3)
     ORDER BY e.date DESC, e.recorded_at DESC LIMIT $4)
    UNION ALL
    (SELECT 'implementation', c.id, to_char(c.date, 'YYYY-MM-DD'), c.state_code, s.name_en, s.region, NULL, NULL,
            c.track, c.stage, c.reference, c.recorded_at
     FROM implementation_change c JOIN state s ON s.code = c.state_code
     WHERE c.date <= $1 AND ($2::text IS NULL OR s.region = $2) AND ($3::text IS NULL OR c.state_code = $3)
     ORDER BY c.date DESC, c.recorded_at DESC LIMIT $4)
  ) x ORDER BY x.date DESC, x."recordedAt" DESC LIMIT $4`;

export interface StatusScopeQuery {
  asOf: string;
  region?: Region;
}

/** Aggregates of the treaty status and of the implementation history: each one statement, rows in, counts out. */
@Injectable()
export class StatusCountsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** States per (instrument, stage) with at least one state; missing pairs are zero. */
  stageCounts(q: StatusScopeQuery): Promise<{ instrument: Instrument; stage: Stage; states: number }[]> {
    return this.db.query(STAGE_COUNTS_SQL, [q.asOf, q.region ?? null]);
  }

  /** Each region's number of states and of Rome Statute parties (withdrawing states included). */
  partiesByRegion(q: { asOf: string }): Promise<{ region: Region; states: number; parties: number }[]> {
    return this.db.query(PARTIES_BY_REGION_SQL, [q.asOf]);
  }

  /** States per (track, stage) with at least one state; missing pairs are zero. */
  implementationCounts(q: StatusScopeQuery): Promise<{ track: Track; stage: ImplementationStage; states: number }[]> {
    return this.db.query(IMPLEMENTATION_COUNTS_SQL, [q.asOf, q.region ?? null, TRACKS]);
  }

  /** The latest treaty events and implementation changes up to `asOf`, of a region, a state or everywhere. */
  async recentChanges(q: StatusScopeQuery & { code?: string; limit: number }): Promise<StatusChange[]> {
    const rows: (Omit<StatusChange, 'recordedAt'> & { recordedAt: Date })[] = await this.db.query(RECENT_CHANGES_SQL, [
      q.asOf,
      q.region ?? null,
      q.code ?? null,
      q.limit,
    ]);
    return rows.map((r) => ({ ...r, recordedAt: r.recordedAt.toISOString() }));
  }
}
