import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Region } from '@app/accounts';

/** How far ahead an open follow-up counts as due soon. */
export const DUE_SOON_DAYS = 7;

export interface FollowUpCounts {
  open: number;
  /** Open, and their reminder time has passed. */
  overdue: number;
  /** Open, and due within the next DUE_SOON_DAYS days. */
  dueSoon: number;
}

export interface StateFollowUpCounts extends FollowUpCounts {
  stateCode: string;
}

export interface FollowUpScope {
  stateCode?: string;
  assigneeId?: string;
}

/** $1 now, $2 due-soon days, then the scope's filter: one of the (column, status, remind_at) indexes. */
export const followUpCountsSql = (filter: string) => `
  SELECT count(*)::int AS open,
         count(*) FILTER (WHERE remind_at < $1)::int AS overdue,
         count(*) FILTER (WHERE remind_at >= $1 AND remind_at < $1 + make_interval(days => $2))::int AS "dueSoon"
  FROM follow_up
  WHERE status = 'open' ${filter}`;

/**
 * $1 region, $2 now, $3 due-soon days. The counts of each state of the region that has open follow-ups, from
 * the partial index of open ones by region and state alone; a region's figures are the sums of its states'.
 */
export const FOLLOW_UPS_PER_STATE_SQL = `
  SELECT state_code::text AS "stateCode", count(*)::int AS open,
         count(*) FILTER (WHERE remind_at < $2)::int AS overdue,
         count(*) FILTER (WHERE remind_at >= $2 AND remind_at < $2 + make_interval(days => $3))::int AS "dueSoon"
  FROM follow_up
  WHERE region = $1 AND status = 'open'
  GROUP BY state_code`;

/** Counts of open follow-ups for dashboards, each one SQL aggregate over an index. */
@Injectable()
export class FollowUpStatsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Open, overdue and soon-due follow-ups: everywhere, of a state or of an assignee. */
  async counts(scope: FollowUpScope, now: Date = new Date()): Promise<FollowUpCounts> {
    const params: unknown[] = [now, DUE_SOON_DAYS];
    const where: string[] = [];
    const add = (column: string, value: unknown) => {
      params.push(value);
      where.push(`AND ${column} = $${params.length}`);
    };
    if (scope.stateCode !== undefined) add('state_code', scope.stateCode.toUpperCase());
    if (scope.assigneeId !== undefined) add('assignee_id', scope.assigneeId);
    const [row]: FollowUpCounts[] = await this.db.query(followUpCountsSql(where.join(' ')), params);
    return row;
  }

  /** Open, overdue and soon-due follow-ups per state of a region; states with none are left out. */
  perState(region: Region, now: Date = new Date()): Promise<StateFollowUpCounts[]> {
    return this.db.query(FOLLOW_UPS_PER_STATE_SQL, [region, now, DUE_SOON_DAYS]);
  }
}
