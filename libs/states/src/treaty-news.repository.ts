import { Injectable } from '@nestjs/common';
import { Queryable } from '@app/platform';
import { EventType, ImplementationStage, Instrument, Stage, Track } from './treaty';
import { isPartyStage } from './treaty-status.sql';

export interface TreatyWeekQuery {
  /** The Monday. */
  start: string;
  /** The Sunday. */
  end: string;
  /** The date status is taken at: the Sunday, or today for the week in progress. */
  statusDate: string;
  /** The week's start and end instants: what users recorded between them is news, whatever its date. */
  recordedFrom: Date | string;
  recordedTo: Date | string;
  /** The dates of the parties chart. */
  chartDates: string[];
}

/** What moved in the treaties in one week. Dates are YYYY-MM-DD. */
export interface TreatyWeek {
  instruments: { code: Instrument; partiesBefore: number; partiesAfter: number }[];
  statusChanges: {
    stateCode: string;
    stateName: string;
    instrument: Instrument;
    from: Stage;
    to: Stage;
    inForceOn: string | null;
    withdrawalEffectiveOn: string | null;
  }[];
  pendingWithdrawals: {
    stateCode: string;
    stateName: string;
    instrument: Instrument;
    notifiedOn: string;
    effectiveOn: string;
  }[];
  treatyEvents: {
    date: string;
    stateCode: string;
    stateName: string;
    instrument: Instrument;
    type: EventType;
    source: string | null;
    /** Dated outside the week but recorded during it. */
    recordedLate: boolean;
  }[];
  implementationChanges: {
    date: string;
    stateCode: string;
    stateName: string;
    track: Track;
    stage: ImplementationStage;
    reference: string | null;
    recordedLate: boolean;
  }[];
  chart: { date: string; parties: number }[];
}

/**
 * $1 Monday, $2 Sunday, $3 status date, $4 / $5 the week's start and end instants, $6 the chart's dates.
 * Status comes from treaty_status(); parties include states whose withdrawal is pending. Treaty events and
 * implementation changes count by their date, or when a user recorded them that week (a late entry is news too;
 * reference data loaded at start-up is not).
 */
const WEEK_SQL = `
  WITH
  st_end AS MATERIALIZED (SELECT * FROM treaty_status($3::date)),
  st_start AS MATERIALIZED (SELECT * FROM treaty_status($1::date - 1)),
  changed AS (
    SELECT COALESCE(e.state_code, b.state_code) AS state_code, COALESCE(e.instrument, b.instrument) AS instrument,
           COALESCE(b.stage, 'none') AS stage_before, COALESCE(e.stage, 'none') AS stage_after,
           e.in_force_on, e.withdrawal_effective_on
      FROM st_end e FULL JOIN st_start b ON b.state_code = e.state_code AND b.instrument = e.instrument
     WHERE COALESCE(b.stage, 'none') <> COALESCE(e.stage, 'none')
  )
  SELECT json_build_object(
    'instruments', (
      SELECT json_agg(json_build_object(
          'code', i.code,
          'partiesBefore', (SELECT count(*) FROM st_start s WHERE s.instrument = i.code AND ${isPartyStage('s.stage')}),
          'partiesAfter', (SELECT count(*) FROM st_end s WHERE s.instrument = i.code AND ${isPartyStage('s.stage')}))
        ORDER BY i.sort_order)
        FROM instrument i),
    'statusChanges', COALESCE((
      SELECT json_agg(json_build_object(
          'stateCode', c.state_code, 'stateName', s.name_en, 'instrument', c.instrument,
          'from', c.stage_before, 'to', c.stage_after,
          'inForceOn', c.in_force_on, 'withdrawalEffectiveOn', c.withdrawal_effective_on)
        ORDER BY i.sort_order, s.name_en)
        FROM changed c JOIN state s ON s.code = c.state_code JOIN instrument i ON i.code = c.instrument), '[]'),
    'pendingWithdrawals', COALESCE((
      SELECT json_agg(json_build_object(
          'stateCode', e.state_code, 'stateName', s.name_en, 'instrument', e.instrument,
          'notifiedOn', e.withdrawal_notified_on, 'effectiveOn', e.withdrawal_effective_on)
        ORDER BY e.withdrawal_effective_on, s.name_en, e.instrument)
        FROM st_end e JOIN state s ON s.code = e.state_code
       WHERE e.stage = 'withdrawing'), '[]'),
    'treatyEvents', COALESCE((
      SELECT json_agg(json_build_object(
          'date', e.date, 'stateCode', e.state_code, 'stateName', s.name_en, 'instrument', e.instrument,
          'type', e.type, 'source', e.source, 'recordedLate', e.date NOT BETWEEN $1::date AND $2::date)
        ORDER BY e.date, s.name_en, e.recorded_at)
        FROM treaty_event e JOIN state s ON s.code = e.state_code
       WHERE e.date BETWEEN $1::date AND $2::date
          OR (e.recorded_by IS NOT NULL AND e.recorded_at >= $4::timestamptz AND e.recorded_at < $5::timestamptz)), '[]'),
    'implementationChanges', COALESCE((
      SELECT json_agg(json_build_object(
          'date', c.date, 'stateCode', c.state_code, 'stateName', s.name_en, 'track', c.track, 'stage', c.stage,
          'reference', c.reference, 'recordedLate', c.date NOT BETWEEN $1::date AND $2::date)
        ORDER BY c.date, s.name_en, c.recorded_at)
        FROM implementation_change c JOIN state s ON s.code = c.state_code
       WHERE c.date BETWEEN $1::date AND $2::date
          OR (c.recorded_by IS NOT NULL AND c.recorded_at >= $4::timestamptz AND c.recorded_at < $5::timestamptz)), '[]'),
    'chart', (
      SELECT json_agg(json_build_object('date', d.date, 'parties', (
          SELECT count(*) FROM treaty_status(d.date) t
           WHERE t.instrument = 'rome-statute' AND ${isPartyStage('t.stage')}))
        ORDER BY d.date)
        FROM unnest($6::date[]) AS d(date))
  ) AS week`;

/**
 * The treaty news of a week, for the weekly digest: reads treaty_event, implementation_change, state and
 * instrument, which the states library owns.
 */
@Injectable()
export class TreatyNewsRepository {
  /**
   * The week's treaty figures in one statement, run on `m` so that a caller's REPEATABLE READ transaction sees
   * them in the same snapshot as its own figures.
   */
  async week(m: Queryable, q: TreatyWeekQuery): Promise<TreatyWeek> {
    const { sql, params } = treatyWeekStatement(q);
    const [{ week }]: { week: TreatyWeek }[] = await m.query(sql, params);
    return week;
  }
}

/** The statement of TreatyNewsRepository.week, for a benchmark to explain. */
export function treatyWeekStatement(q: TreatyWeekQuery): { sql: string; params: unknown[] } {
  return { sql: WEEK_SQL, params: [q.start, q.end, q.statusDate, q.recordedFrom, q.recordedTo, q.chartDates] };
}
