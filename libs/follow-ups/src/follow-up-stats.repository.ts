import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Region } from '@app/accounts';
import { Queryable, queryPrepared, SqlParams, where } from '@app/platform';
import { overdueCutoff, overdueSql } from './overdue';

export interface FollowUpCounts {
  open: number;
  /** Open, and their reminder time has passed. */
  overdue: number;
  /** Open, and due within the next `dueSoonDays` days. */
  dueSoon: number;
}

export interface StateFollowUpCounts extends FollowUpCounts {
  stateCode: string;
}

/** A region's follow-ups open when a week ended, as the weekly digest shows them. */
export interface RegionFollowUpsAtWeekEnd {
  region: Region;
  open: number;
  /** Of those, due in the week after. */
  dueNextWeek: number;
  /** Of those, due before the week ended (before now, for the week in progress): see overdue.ts. */
  overdue: number;
}

/**
 * The aggregates over follow_up (dashboards, the digest): the follow-ups library's table like
 * FollowUpsRepository's, kept apart because they read many rows and return figures. Each is one statement over an
 * index, never rows loaded into Node.
 */
@Injectable()
export class FollowUpStatsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The open follow-ups of a campaign's live actions. */
  async openForCampaign(campaignId: string): Promise<number> {
    const [{ n }] = await queryPrepared<{ n: number }>(
      this.db,
      `SELECT count(*)::int AS n FROM live_action a JOIN follow_up f ON f.action_id = a.id
       WHERE a.campaign_id = $1 AND f.status = 'open'`,
      [campaignId],
    );
    return n;
  }

  /** Open, overdue and soon-due follow-ups: everywhere, of a state or of an assignee. */
  async counts(q: {
    now: Date;
    dueSoonDays: number;
    stateCode?: string;
    assigneeId?: string;
  }): Promise<FollowUpCounts> {
    const { sql, params } = followUpCountsStatement(q);
    const [row] = await queryPrepared<FollowUpCounts>(this.db, sql, params);
    return row;
  }

  /**
   * The counts of each state of the region that has open follow-ups, from the partial index of open ones by region
   * and state alone; a region's figures are the sums of its states'.
   */
  perState(q: { region: Region; now: Date; dueSoonDays: number }): Promise<StateFollowUpCounts[]> {
    return queryPrepared(this.db, FOLLOW_UPS_PER_STATE_SQL, [q.region, q.now, q.dueSoonDays]);
  }

  /**
   * Per region, in the order given, the follow-ups open when the week ended at `weekEndsAt`: created before, and
   * open now (read from the covering index of open follow-ups alone) or closed since. One statement, to run in the
   * caller's transaction (the digest's snapshot).
   */
  async openAtWeekEnd(m: Queryable, q: WeekEndQuery): Promise<RegionFollowUpsAtWeekEnd[]> {
    const { sql, params } = openAtWeekEndStatement(q);
    const [{ followUps }]: { followUps: RegionFollowUpsAtWeekEnd[] | null }[] = await m.query(sql, params);
    return followUps ?? [];
  }
}

export interface WeekEndQuery {
  weekEndsAt: Date | string;
  nextWeekEndsAt: Date | string;
  regions: readonly Region[];
  /** The time the figures are read at (default: the clock); a week in progress counts as overdue what is due before it. */
  now?: Date;
}

/** The statement of FollowUpStatsRepository.openAtWeekEnd, for a benchmark to explain. */
export function openAtWeekEndStatement(q: WeekEndQuery): { sql: string; params: unknown[] } {
  const overdueBefore = overdueCutoff(q.weekEndsAt, q.now ?? new Date());
  return { sql: OPEN_AT_WEEK_END_SQL, params: [q.weekEndsAt, q.nextWeekEndsAt, [...q.regions], overdueBefore] };
}

/** The statement of FollowUpStatsRepository.counts: only the scope given appears, one of the (column, status, remind_at) indexes. */
export function followUpCountsStatement(q: {
  now: Date;
  dueSoonDays: number;
  stateCode?: string;
  assigneeId?: string;
}): { sql: string; params: unknown[] } {
  const p = new SqlParams();
  const now = p.add(q.now);
  const days = p.add(q.dueSoonDays);
  const filter = where(
    `status = 'open'`,
    q.stateCode !== undefined && `state_code = ${p.add(q.stateCode)}`,
    q.assigneeId !== undefined && `assignee_id = ${p.add(q.assigneeId)}`,
  );
  const sql = `
    SELECT count(*)::int AS open,
           count(*) FILTER (WHERE ${overdueSql('remind_at', now)})::int AS overdue,
           count(*) FILTER (WHERE remind_at >= ${now} AND remind_at < ${now} + make_interval(days => ${days}))::int
             AS "dueSoon"
    FROM follow_up
    ${filter}`;
  return { sql, params: p.values };
}

/** $1 region, $2 now, $3 due-soon days. */
export const FOLLOW_UPS_PER_STATE_SQL = `
  SELECT state_code::text AS "stateCode", count(*)::int AS open,
         count(*) FILTER (WHERE ${overdueSql('remind_at', '$2')})::int AS overdue,
         count(*) FILTER (WHERE remind_at >= $2 AND remind_at < $2 + make_interval(days => $3))::int AS "dueSoon"
  FROM follow_up
  WHERE region = $1 AND status = 'open'
  GROUP BY state_code`;

/**
 * $1 the week's end instant, $2 the end of the week after, $3 the regions in display order, $4 the overdue cut-off
 * (the week's end, or now for the week in progress).
 */
const OPEN_AT_WEEK_END_SQL = `
  WITH
  fu_open AS (
    SELECT f.region, f.remind_at FROM follow_up f
     WHERE f.status = 'open' AND f.created_at < $1::timestamptz
    UNION ALL
    SELECT f.region, f.remind_at FROM follow_up f
     WHERE f.closed_at >= $1::timestamptz AND f.status <> 'open' AND f.created_at < $1::timestamptz
  ),
  fu AS (
    SELECT f.region,
           count(*) AS open,
           count(*) FILTER (WHERE f.remind_at >= $1::timestamptz AND f.remind_at < $2::timestamptz) AS due_next,
           count(*) FILTER (WHERE ${overdueSql('f.remind_at', '$4::timestamptz')}) AS overdue
      FROM fu_open f
     GROUP BY f.region
  ),
  regions AS (SELECT r.region, r.ord FROM unnest($3::text[]) WITH ORDINALITY AS r(region, ord))
  SELECT (
    SELECT json_agg(json_build_object(
        'region', r.region, 'open', COALESCE(fu.open, 0), 'dueNextWeek', COALESCE(fu.due_next, 0),
        'overdue', COALESCE(fu.overdue, 0))
      ORDER BY r.ord)
      FROM regions r LEFT JOIN fu ON fu.region = r.region) AS "followUps"`;
