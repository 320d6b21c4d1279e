import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { todayUtc } from '@app/platform';

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

/**
 * $1 today, then the scope's filter. Only the filter given appears in the WHERE clause, so the planner walks
 * one partial index on (state_code, date), or on (date) for everywhere, over the last 90 days' entries alone.
 */
export const recentActionCountsSql = (filter: string) => `
  SELECT count(*) FILTER (WHERE date > $1::date - 30)::int AS "last30Days", count(*)::int AS "last90Days"
  FROM advocacy_action
  WHERE deleted_at IS NULL AND date > $1::date - 90 AND date <= $1::date ${filter}`;

/**
 * $1 state codes, $2 today. For each state, two walks of its index on (state_code, date): the last 90 days'
 * entries, and the first entry up to today. A region's figures are the sums of its states'.
 */
export const ACTIONS_PER_STATE_SQL = `
  SELECT c.code::text AS "stateCode", n."last30Days", n."last90Days",
    (SELECT to_char(max(a.date), 'YYYY-MM-DD') FROM advocacy_action a
      WHERE a.state_code = c.code AND a.deleted_at IS NULL AND a.date <= $2::date) AS "lastOn"
  FROM unnest($1::bpchar[]) AS c(code)
  CROSS JOIN LATERAL (
    SELECT count(*) FILTER (WHERE a.date > $2::date - 30)::int AS "last30Days", count(*)::int AS "last90Days"
    FROM advocacy_action a
    WHERE a.state_code = c.code AND a.deleted_at IS NULL AND a.date > $2::date - 90 AND a.date <= $2::date) n`;

/** Counts of advocacy actions for dashboards, each one SQL aggregate over an index. */
@Injectable()
export class ActionStatsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Actions of the last 30 and 90 days, everywhere or for one state. */
  async recentCounts(scope: { stateCode?: string }, today: string = todayUtc()): Promise<ActionCounts> {
    const params: unknown[] = [today];
    let filter = '';
    if (scope.stateCode !== undefined) {
      params.push(scope.stateCode.toUpperCase());
      filter = `AND state_code = $2`;
    }
    const [row]: ActionCounts[] = await this.db.query(recentActionCountsSql(filter), params);
    return row;
  }

  /** For each of the given states: its actions of the last 30 and 90 days and the date of its latest one. */
  async perState(stateCodes: readonly string[], today: string = todayUtc()): Promise<StateActionCounts[]> {
    if (stateCodes.length === 0) return [];
    return this.db.query(ACTIONS_PER_STATE_SQL, [stateCodes.map((c) => c.toUpperCase()), today]);
  }
}
