import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Region } from '@app/accounts';
import { isoDate, Queryable, queryPrepared, SqlParams, where } from '@app/platform';
import type { ActionType } from './action-types';

export interface ActionCounts {
  /** Actions dated in the 30 days up to today, today included; planned (later) ones are not counted. */
  last30Days: number;
  last90Days: number;
}

export interface StateActionCounts extends ActionCounts {
  stateCode: string;
  /** Date of the state's latest action up to today, or null. */
  lastOn: string | null;
}

/** What was done in a week, as the weekly digest shows it. */
export interface WeekActivity {
  total: number;
  /** How many states the week's actions were about. */
  states: number;
  /** Every region given, in that order, with 0 for none. */
  byRegion: { region: Region; count: number }[];
  /** Most first, then by type. */
  byType: { type: ActionType; count: number }[];
  /** The five states with the most actions, most first, then by name. */
  topStates: { stateCode: string; stateName: string; count: number }[];
}

/**
 * The aggregates over advocacy_action (dashboards, the digest): the advocacy library's table like
 * ActionsRepository's, kept apart because they read many rows and return figures, each in one statement over an index.
 */
@Injectable()
export class ActionStatsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Actions of the 30 and 90 days up to `today`, everywhere or for one state. */
  async recentCounts(q: { today: string; stateCode?: string }): Promise<ActionCounts> {
    const { sql, params } = recentActionCountsStatement(q);
    const [row] = await queryPrepared<ActionCounts>(this.db, sql, params);
    return row;
  }

  /**
   * For each state: its actions of the last 30 and 90 days and its latest up to today, by two walks of its index on
   * (state_code, date). A region's figures are the sums of its states'.
   */
  perState(q: { stateCodes: readonly string[]; today: string }): Promise<StateActionCounts[]> {
    return queryPrepared(this.db, ACTIONS_PER_STATE_SQL, [[...q.stateCodes], q.today]);
  }

  /**
   * The live actions dated from `start` to `end` (both included), counted in total, by state, by region (every region
   * given, in that order) and by type, with the five busiest states. One statement, to run in the caller's
   * transaction (the digest's snapshot).
   */
  async weekActivity(m: Queryable, q: WeekActivityQuery): Promise<WeekActivity> {
    const { sql, params } = weekActivityStatement(q);
    const [{ actions }]: { actions: WeekActivity }[] = await m.query(sql, params);
    return actions;
  }

  /**
   * The live actions dated from `start` to `end` (both included) that organisations led or joined, counted once per
   * kind of organisation among them: most first, then by kind. Organisations only, never people.
   */
  weekByOrganisationKind(m: Queryable, q: { start: string; end: string }): Promise<OrganisationKindCount[]> {
    return m.query(WEEK_BY_ORGANISATION_KIND_SQL, [q.start, q.end]);
  }
}

const WEEK_BY_ORGANISATION_KIND_SQL = `
  SELECT o.kind, count(DISTINCT a.id)::int AS actions
    FROM advocacy_action a
    JOIN action_organisation ao ON ao.action_id = a.id
    JOIN organisation_ref o ON o.id = ao.organisation_id
   WHERE a.deleted_at IS NULL AND a.date BETWEEN $1::date AND $2::date
   GROUP BY o.kind
   ORDER BY actions DESC, o.kind`;

/** How many of a week's actions organisations of one kind led or joined. */
export interface OrganisationKindCount {
  /** An organisation kind of the people library (its organisation_ref view). */
  kind: string;
  actions: number;
}

export interface WeekActivityQuery {
  start: string;
  end: string;
  regions: readonly Region[];
}

/** The statement of ActionStatsRepository.weekActivity, for a benchmark to explain. */
export function weekActivityStatement(q: WeekActivityQuery): { sql: string; params: unknown[] } {
  return { sql: WEEK_ACTIVITY_SQL, params: [q.start, q.end, [...q.regions]] };
}

/**
 * The statement of ActionStatsRepository.recentCounts. Only the filter given appears in the WHERE clause, so the
 * planner walks one partial index on (state_code, date), or on (date) for everywhere, over the last 90 days alone.
 */
export function recentActionCountsStatement(q: { today: string; stateCode?: string }): {
  sql: string;
  params: unknown[];
} {
  const p = new SqlParams();
  const today = p.add(q.today, 'date');
  const filter = where(
    'deleted_at IS NULL',
    `date > ${today} - 90`,
    `date <= ${today}`,
    q.stateCode !== undefined && `state_code = ${p.add(q.stateCode)}`,
  );
  const sql = `
    SELECT count(*) FILTER (WHERE date > ${today} - 30)::int AS "last30Days", count(*)::int AS "last90Days"
    FROM advocacy_action
    ${filter}`;
  return { sql, params: p.values };
}

/** $1 state codes, $2 today. */
export const ACTIONS_PER_STATE_SQL = `
  SELECT c.code::text AS "stateCode", n."last30Days", n."last90Days",
    (SELECT ${isoDate('max(a.date)')} FROM advocacy_action a
      WHERE a.state_code = c.code AND a.deleted_at IS NULL AND a.date <= $2::date) AS "lastOn"
  FROM unnest($1::bpchar[]) AS c(code)
  CROSS JOIN LATERAL (
    SELECT count(*) FILTER (WHERE a.date > $2::date - 30)::int AS "last30Days", count(*)::int AS "last90Days"
    FROM advocacy_action a
    WHERE a.state_code = c.code AND a.deleted_at IS NULL AND a.date > $2::date - 90 AND a.date <= $2::date) n`;

/** $1 Monday, $2 Sunday, $3 the regions in display order. The week's actions are read once, from the date index. */
const WEEK_ACTIVITY_SQL = `
  WITH
  acts AS MATERIALIZED (
    SELECT a.state_code, a.region, a.type FROM advocacy_action a
     WHERE a.deleted_at IS NULL AND a.date BETWEEN $1::date AND $2::date
  ),
  regions AS (SELECT r.region, r.ord FROM unnest($3::text[]) WITH ORDINALITY AS r(region, ord))
  SELECT json_build_object(
    'total', (SELECT count(*) FROM acts),
    'states', (SELECT count(DISTINCT state_code) FROM acts),
    'byRegion', (
      SELECT json_agg(json_build_object('region', r.region, 'count', COALESCE(x.n, 0)) ORDER BY r.ord)
        FROM regions r LEFT JOIN (SELECT region, count(*) AS n FROM acts GROUP BY region) x ON x.region = r.region),
    'byType', COALESCE((
      SELECT json_agg(json_build_object('type', x.type, 'count', x.n) ORDER BY x.n DESC, x.type)
        FROM (SELECT type, count(*) AS n FROM acts GROUP BY type) x), '[]'),
    'topStates', COALESCE((
      SELECT json_agg(json_build_object('stateCode', x.state_code, 'stateName', s.name_en, 'count', x.n)
          ORDER BY x.n DESC, s.name_en)
        FROM (SELECT state_code, count(*) AS n FROM acts GROUP BY state_code ORDER BY n DESC, state_code LIMIT 5) x
        JOIN state_ref s ON s.code = x.state_code), '[]')) AS actions`;
