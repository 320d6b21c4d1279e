/**
 * SQL for advocacy actions. Every read is one statement. Lists select the page from advocacy_action alone
 * (deleted_at IS NULL matches the partial indexes, ORDER BY date DESC, id DESC walks one of them in order and
 * stops at LIMIT), and only then join the page's few rows to state and app_user for the names.
 */
import type { Region } from '@app/accounts';
import type { ActionType } from './action-types';
import type { ActionView } from './actions.service';

/** The columns of a response, from `a` (advocacy_action) joined to `s` (state) and `u` (app_user). */
const ACTION_COLUMNS = `
  a.id, a.state_code AS "stateCode", s.name_en AS "stateName", a.region, a.type,
  to_char(a.date, 'YYYY-MM-DD') AS date, a.title, a.summary, a.target, a.outcome, a.campaign_id AS "campaignId",
  a.logged_by AS "loggedById", u.name AS "loggedByName", a.created_at AS "createdAt", a.updated_at AS "updatedAt"`;

const withNames = (source: string) => `
  SELECT ${ACTION_COLUMNS}
  FROM ${source} a
  JOIN state s ON s.code = a.state_code
  JOIN app_user u ON u.id = a.logged_by`;

/** What the statements below return for each action. */
export type ActionRow = Omit<ActionView, 'loggedBy' | 'createdAt' | 'updatedAt'> & {
  loggedById: string;
  loggedByName: string;
  createdAt: Date;
  updatedAt: Date;
};

/** $1 state code. The state's region, and whether campaign $2 (uuid or null) exists, in one round trip. */
export const ACTION_CONTEXT_SQL = `
  SELECT s.region, ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM campaign c WHERE c.id = $2::uuid)) AS "campaignExists"
  FROM state s WHERE s.code = $1`;

/** $1 state code … $10 logged_by; returns the new action as a response row. */
export const INSERT_ACTION_SQL = `
  WITH saved AS (
    INSERT INTO advocacy_action (state_code, region, type, date, title, summary, target, outcome, campaign_id,
                                 logged_by)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
    RETURNING *)
  ${withNames('saved')}`;

/** $1 id. */
export const ONE_ACTION_SQL = `${withNames('advocacy_action')} WHERE a.id = $1 AND a.deleted_at IS NULL`;

/**
 * $1 id. Locks a live action for a change and returns it as it is: its region and author decide who may make the
 * change, and the audit trail keeps it as the "before". Only the action's row is locked, not its state or author.
 */
export const LOCK_ACTION_SQL = `${ONE_ACTION_SQL} FOR UPDATE OF a`;

/** $1 uuid. */
export const CAMPAIGN_EXISTS_SQL = `SELECT EXISTS (SELECT 1 FROM campaign WHERE id = $1) AS "exists"`;

/** $1 id. */
export const SOFT_DELETE_ACTION_SQL = `UPDATE advocacy_action SET deleted_at = now(), updated_at = now() WHERE id = $1`;

/** The columns a change may set; the keys are the only names that ever reach the SQL text. */
export const CHANGEABLE_COLUMNS = {
  type: 'type',
  date: 'date',
  title: 'title',
  summary: 'summary',
  target: 'target',
  outcome: 'outcome',
  campaignId: 'campaign_id',
} as const;
export type ChangeableField = keyof typeof CHANGEABLE_COLUMNS;

/** Sets `fields` to $2, $3, … of action $1; returns the changed action as a response row. */
export function updateActionSql(fields: readonly ChangeableField[]): string {
  const sets = fields.map((f, i) => `${CHANGEABLE_COLUMNS[f]} = $${i + 2}`);
  return `
    WITH saved AS (
      UPDATE advocacy_action SET ${[...sets, 'updated_at = now()'].join(', ')}
      WHERE id = $1 AND deleted_at IS NULL
      RETURNING *)
    ${withNames('saved')}`;
}

export interface ActionListQuery {
  stateCode?: string;
  region?: Region;
  type?: ActionType;
  campaignId?: string;
  loggedBy?: string;
  from?: string;
  to?: string;
  /** The (date, id) of the last action of the previous page. */
  after?: { date: string; id: string };
  limit: number;
}

/**
 * One page of live actions, newest first. Only the filters given appear in the WHERE clause, so that the
 * planner sees a plain equality on the column of one partial index and walks it in (date, id) order.
 * Returns limit + 1 rows so that the caller knows whether another page follows.
 */
export function listActionsSql(q: ActionListQuery): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const where = ['deleted_at IS NULL'];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (q.stateCode !== undefined) where.push(`state_code = ${param(q.stateCode)}`);
  if (q.region !== undefined) where.push(`region = ${param(q.region)}`);
  if (q.type !== undefined) where.push(`type = ${param(q.type)}`);
  if (q.campaignId !== undefined) where.push(`campaign_id = ${param(q.campaignId)}::uuid`);
  if (q.loggedBy !== undefined) where.push(`logged_by = ${param(q.loggedBy)}::uuid`);
  if (q.from !== undefined) where.push(`date >= ${param(q.from)}::date`);
  if (q.to !== undefined) where.push(`date <= ${param(q.to)}::date`);
  if (q.after !== undefined) where.push(`(date, id) < (${param(q.after.date)}::date, ${param(q.after.id)}::uuid)`);
  const page = `(
    SELECT * FROM advocacy_action
    WHERE ${where.join(' AND ')}
    ORDER BY date DESC, id DESC
    LIMIT ${param(q.limit + 1)})`;
  return { sql: `${withNames(page)} ORDER BY a.date DESC, a.id DESC`, params };
}

const ISO_INSTANT = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/**
 * The page of `listActionsSql`, built by PostgreSQL as the text of its items' JSON, in the shape the API answers,
 * with whether more follow and the sort key of the page's last action. The list endpoint sends the text as it
 * is: no row parsing, dates or serialising in the api for the busiest read of the product.
 */
export function listActionsJsonSql(q: ActionListQuery): { sql: string; params: unknown[] } {
  const { sql, params } = listActionsSql(q);
  params.push(q.limit);
  const limit = `$${params.length}`;
  return {
    sql: `
      WITH page AS (SELECT row_number() OVER (ORDER BY p.date DESC, p.id DESC) AS n, p.* FROM (${sql}) p)
      SELECT COALESCE(json_agg(json_build_object(
               'id', id, 'stateCode', "stateCode", 'stateName', "stateName", 'region', region, 'type', type,
               'date', date, 'title', title, 'summary', summary, 'target', target, 'outcome', outcome,
               'campaignId', "campaignId", 'loggedBy', json_build_object('id', "loggedById", 'name', "loggedByName"),
               'createdAt', to_char("createdAt" AT TIME ZONE 'UTC', ${ISO_INSTANT}),
               'updatedAt', to_char("updatedAt" AT TIME ZONE 'UTC', ${ISO_INSTANT}))
             ORDER BY n) FILTER (WHERE n <= ${limit}), '[]')::text AS items,
             count(*) > ${limit} AS more,
             max(date) FILTER (WHERE n = ${limit}) AS "lastDate",
             max(id::text) FILTER (WHERE n = ${limit}) AS "lastId"
      FROM page`,
    params,
  };
}
