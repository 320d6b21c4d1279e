import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Region } from '@app/accounts';
import { csvCellSql, isoDate, isoInstant, Queryable, queryPrepared, SqlParams, where } from '@app/platform';
import { ACTION_JOINS, ACTION_JSON, ActionView } from './action.view';
import type { ActionType } from './action-types';

/** A new action's columns: the view's own fields, and its author's id. */
export type NewActionRow = Pick<
  ActionView,
  'stateCode' | 'region' | 'type' | 'date' | 'title' | 'summary' | 'target' | 'outcome' | 'campaignId'
> & { loggedBy: string };

/** Fields left undefined stay as they are; null clears an optional one. */
export type ActionRowChanges = Partial<
  Pick<ActionView, 'type' | 'date' | 'title' | 'summary' | 'target' | 'outcome' | 'campaignId'>
>;

/** The columns a change may set; the keys are the only names that ever reach the SQL text. */
const CHANGEABLE_COLUMNS = {
  type: 'type',
  date: 'date',
  title: 'title',
  summary: 'summary',
  target: 'target',
  outcome: 'outcome',
  campaignId: 'campaign_id',
} as const satisfies Record<keyof ActionRowChanges, string>;

export interface ActionListQuery {
  stateCode?: string;
  region?: Region;
  type?: ActionType;
  campaignId?: string;
  loggedBy?: string;
  /** Actions that addressed or met this contact. */
  contactId?: string;
  /** Actions this organisation led or joined. */
  organisationId?: string;
  from?: string;
  to?: string;
  /** The (date, id) of the last action of the previous page. */
  after?: { date: string; id: string };
  limit: number;
}

/** A page of actions as PostgreSQL writes it: the items' JSON text, whether more follow, the last item's sort key. */
export interface ActionPageJson {
  items: string;
  more: boolean;
  lastDate: string | null;
  lastId: string | null;
}

/**
 * The advocacy_action table, which the advocacy library alone writes and reads (others read the `live_action` view
 * it publishes). Every statement returning actions returns them as ACTION_JSON.
 */
@Injectable()
export class ActionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The state's region, and whether the campaign (null: none asked) exists, in one round trip; null: no such state. */
  async context(
    m: Queryable,
    q: { stateCode: string; campaignId: string | null },
  ): Promise<{ region: Region; campaignExists: boolean } | null> {
    const [row]: { region: Region; campaignExists: boolean }[] = await m.query(
      `SELECT s.region,
              ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM campaign c WHERE c.id = $2::uuid)) AS "campaignExists"
       FROM state_ref s WHERE s.code = $1`,
      [q.stateCode, q.campaignId],
    );
    return row ?? null;
  }

  /** Inserts an action and returns it as the API shows it. */
  async insert(m: Queryable, r: NewActionRow): Promise<ActionView> {
    const [{ view }]: { view: ActionView }[] = await m.query(
      `WITH a AS (
         INSERT INTO advocacy_action (state_code, region, type, date, title, summary, target, outcome, campaign_id,
                                      logged_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         RETURNING *)
       SELECT ${ACTION_JSON} AS view FROM a ${ACTION_JOINS}`,
      [r.stateCode, r.region, r.type, r.date, r.title, r.summary, r.target, r.outcome, r.campaignId, r.loggedBy],
    );
    return view;
  }

  /** The same action for many states in one statement (one letter to many states), in no particular order. */
  insertForStates(
    m: Queryable,
    states: readonly { code: string; region: string }[],
    r: Omit<NewActionRow, 'stateCode' | 'region'>,
  ): Promise<{ view: ActionView }[]> {
    return m.query(
      `WITH a AS (
         INSERT INTO advocacy_action (state_code, region, type, date, title, summary, target, outcome, campaign_id,
                                      logged_by)
         SELECT x.code, x.region, $3, $4, $5, $6, $7, $8, $9, $10 FROM unnest($1::text[], $2::text[]) x(code, region)
         RETURNING *)
       SELECT ${ACTION_JSON} AS view FROM a ${ACTION_JOINS}`,
      [
        states.map((s) => s.code),
        states.map((s) => s.region),
        r.type,
        r.date,
        r.title,
        r.summary,
        r.target,
        r.outcome,
        r.campaignId,
        r.loggedBy,
      ],
    );
  }

  /** A live action; null when there is none or it was deleted. */
  async get(m: Queryable, id: string): Promise<ActionView | null> {
    const [row]: { view: ActionView }[] = await m.query(
      `SELECT ${ACTION_JSON} AS view FROM advocacy_action a ${ACTION_JOINS} WHERE a.id = $1 AND a.deleted_at IS NULL`,
      [id],
    );
    return row?.view ?? null;
  }

  /**
   * Locks a live action for a change and returns it as it is: its region and author decide who may make the change,
   * and the audit trail keeps it as the "before". Only the action's row is locked, not its state or author.
   */
  async lockLive(m: Queryable, id: string): Promise<ActionView | null> {
    const [row]: { view: ActionView }[] = await m.query(
      `SELECT ${ACTION_JSON} AS view FROM advocacy_action a ${ACTION_JOINS}
       WHERE a.id = $1 AND a.deleted_at IS NULL FOR UPDATE OF a`,
      [id],
    );
    return row?.view ?? null;
  }

  /** Sets the fields given on a live action and returns it changed; null when there is no such action. */
  async update(m: Queryable, id: string, changes: ActionRowChanges): Promise<ActionView | null> {
    const p = new SqlParams();
    const idParam = p.add(id);
    const sets = (Object.keys(CHANGEABLE_COLUMNS) as (keyof ActionRowChanges)[])
      .filter((f) => changes[f] !== undefined)
      .map((f) => `${CHANGEABLE_COLUMNS[f]} = ${p.add(changes[f])}`);
    const [row]: { view: ActionView }[] = await m.query(
      `WITH a AS (
         UPDATE advocacy_action SET ${[...sets, 'updated_at = now()'].join(', ')}
         WHERE id = ${idParam} AND deleted_at IS NULL
         RETURNING *)
       SELECT ${ACTION_JSON} AS view FROM a ${ACTION_JOINS}`,
      p.values,
    );
    return row?.view ?? null;
  }

  /** Soft delete: the row stays (follow-ups may point at it) but no read shows it again. */
  async softDelete(m: Queryable, id: string): Promise<void> {
    await m.query(`UPDATE advocacy_action SET deleted_at = now(), updated_at = now() WHERE id = $1`, [id]);
  }

  /** Live actions whose title holds `text`, newest first, limit + 1 of them (the last says more match). */
  async search(text: string, limit: number): Promise<ActionView[]> {
    const { sql, params } = actionSearchStatement(text, limit);
    // Not prepared: a generic plan cannot tell a rare word from a common one, and each needs its own plan.
    const rows: { view: ActionView }[] = await this.db.query(sql, params);
    return rows.map((r) => r.view);
  }

  /** One batch of the CSV export: up to `limit` live actions after `after`, newest first (date, then id). */
  async exportBatch(q: ActionListQuery): Promise<ActionExportBatch> {
    const { sql, params } = actionExportStatement(q);
    const [batch] = await queryPrepared<{ csv: string; rows: number; lastDate: string | null; lastId: string | null }>(
      this.db,
      sql,
      params,
    );
    const last = batch.lastDate !== null && batch.lastId !== null ? { date: batch.lastDate, id: batch.lastId } : null;
    return { csv: batch.csv, rows: batch.rows, last };
  }

  /** Many new actions in one statement (an import), each with the id the caller chose for it. */
  async insertMany(m: Queryable, rows: readonly (NewActionRow & { id: string })[]): Promise<void> {
    if (rows.length === 0) return;
    const column = <K extends keyof (NewActionRow & { id: string })>(k: K) => rows.map((r) => r[k]);
    await m.query(
      `INSERT INTO advocacy_action (id, state_code, region, type, date, title, summary, target, outcome, campaign_id,
                                    logged_by)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::date[], $6::text[], $7::text[],
                            $8::text[], $9::text[], $10::uuid[], $11::uuid[])`,
      [
        column('id'),
        column('stateCode'),
        column('region'),
        column('type'),
        column('date'),
        column('title'),
        column('summary'),
        column('target'),
        column('outcome'),
        column('campaignId'),
        column('loggedBy'),
      ],
    );
  }

  /** The live actions with the state, type, date and title (any case) of one of the rows given (an import's). */
  async sameKeys(
    m: Queryable,
    rows: readonly Pick<NewActionRow, 'stateCode' | 'type' | 'date' | 'title'>[],
  ): Promise<Pick<NewActionRow, 'stateCode' | 'type' | 'date' | 'title'>[]> {
    if (rows.length === 0) return [];
    return m.query(
      `SELECT DISTINCT a.state_code AS "stateCode", a.type, ${isoDate('a.date')} AS date, a.title
       FROM unnest($1::text[], $2::text[], $3::date[], $4::text[]) x(state_code, type, date, title)
       JOIN advocacy_action a ON a.state_code = x.state_code AND a.date = x.date AND a.type = x.type
                             AND lower(a.title) = lower(x.title) AND a.deleted_at IS NULL`,
      [rows.map((r) => r.stateCode), rows.map((r) => r.type), rows.map((r) => r.date), rows.map((r) => r.title)],
    );
  }

  /** One page of live actions, newest first (date, then id), as the JSON text the API answers. */
  async page(q: ActionListQuery): Promise<ActionPageJson> {
    const { sql, params } = actionPageStatement(q);
    const [page] = await queryPrepared<ActionPageJson>(this.db, sql, params);
    return page;
  }
}

/**
 * The statement of ActionsRepository.search (exported for the benchmarks to explain). `lower(title) LIKE` matches
 * the expression of the trigram index advocacy_action_title_trgm_idx, whose statistics tell the planner how common
 * the text is: a rare one is found through the index, and for a common one the planner walks the (date, id) index
 * instead and stops at limit + 1. (Text whose every trigram is common but whose whole is rare costs most: the index
 * reads long lists of rows to intersect them.)
 */
export function actionSearchStatement(text: string, limit: number): { sql: string; params: unknown[] } {
  const p = new SqlParams();
  const pattern = p.add(likePattern(text));
  const sql = `
    SELECT ${ACTION_JSON} AS view
    FROM (SELECT * FROM advocacy_action
          WHERE deleted_at IS NULL AND lower(title) LIKE ${pattern}
          ORDER BY date DESC, id DESC LIMIT ${p.add(limit + 1, 'int')}) a
    ${ACTION_JOINS}
    ORDER BY a.date DESC, a.id DESC`;
  return { sql, params: p.values };
}

/** `%text%` for LIKE, its wildcards escaped so that a search for "100%" finds that text; lower case. */
const likePattern = (text: string): string => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The statement of ActionsRepository.page (exported for the benchmarks to explain). The page is chosen from
 * advocacy_action alone: only the filters given appear in the WHERE clause, so the planner sees a plain equality on
 * the column of one partial index (deleted_at IS NULL) and walks it in (date, id) order, stopping at limit + 1 rows;
 * only then are the page's few rows joined to the names and written as JSON, in order, by PostgreSQL.
 */
export function actionPageStatement(q: ActionListQuery): { sql: string; params: unknown[] } {
  const p = new SqlParams();
  const filter = actionFilter(p, q);
  const limit = p.add(q.limit, 'int');
  const sql = `
    WITH a AS (
      SELECT row_number() OVER (ORDER BY date DESC, id DESC) AS n, x.*
      FROM (SELECT * FROM advocacy_action ${filter} ORDER BY date DESC, id DESC LIMIT ${limit} + 1) x)
    SELECT COALESCE(json_agg(${ACTION_JSON} ORDER BY a.n) FILTER (WHERE a.n <= ${limit}), '[]')::text AS items,
           count(*) > ${limit} AS more,
           ${isoDate(`max(a.date) FILTER (WHERE a.n = ${limit})`)} AS "lastDate",
           max(a.id::text) FILTER (WHERE a.n = ${limit}) AS "lastId"
    FROM a ${ACTION_JOINS}`;
  return { sql, params: p.values };
}

/** The WHERE clause of a list or an export of live actions: only the filters given appear in it. */
function actionFilter(p: SqlParams, q: ActionListQuery): string {
  return where(
    'deleted_at IS NULL',
    q.stateCode !== undefined && `state_code = ${p.add(q.stateCode)}`,
    q.region !== undefined && `region = ${p.add(q.region)}`,
    q.type !== undefined && `type = ${p.add(q.type)}`,
    q.campaignId !== undefined && `campaign_id = ${p.add(q.campaignId, 'uuid')}`,
    q.loggedBy !== undefined && `logged_by = ${p.add(q.loggedBy, 'uuid')}`,
    // A contact's or organisation's actions are few beside all of them: found through the link's second index.
    q.contactId !== undefined &&
      `id IN (SELECT action_id FROM action_contact WHERE contact_id = ${p.add(q.contactId, 'uuid')})`,
    q.organisationId !== undefined &&
      `id IN (SELECT action_id FROM action_organisation WHERE organisation_id = ${p.add(q.organisationId, 'uuid')})`,
    q.from !== undefined && `date >= ${p.add(q.from, 'date')}`,
    q.to !== undefined && `date <= ${p.add(q.to, 'date')}`,
    q.after !== undefined && `(date, id) < (${p.add(q.after.date, 'date')}, ${p.add(q.after.id, 'uuid')})`,
  );
}

/**
 * The export's columns, in order, each with the SQL of its cell: what a spreadsheet gets, and what an import reads.
 * Text people wrote (and names) goes through csvCellSql; ids, codes, slugs, dates and instants never need quoting
 * or neutralising, and skipping the test halves PostgreSQL's work per row.
 */
export const ACTION_CSV_COLUMNS: readonly (readonly [header: string, sql: string])[] = [
  ['id', 'a.id::text'],
  ['date', isoDate('a.date')],
  ['stateCode', 'a.state_code::text'],
  ['stateName', csvCellSql('s.name_en')],
  ['region', 'a.region'],
  ['type', 'a.type'],
  ['title', csvCellSql('a.title')],
  ['summary', csvCellSql('a.summary')],
  ['target', csvCellSql('a.target')],
  ['outcome', csvCellSql('a.outcome')],
  ['campaignId', 'a.campaign_id::text'],
  // The linked contacts' and organisations' ids, separated by ";" (empty: none).
  ['contactIds', 'c.ids'],
  ['organisationIds', 'o.ids'],
  ['loggedById', 'u.id::text'],
  ['loggedByName', csvCellSql('u.name')],
  ['createdAt', isoInstant('a.created_at')],
  ['updatedAt', isoInstant('a.updated_at')],
];

/** One batch of the CSV export: its rows as CSV text (CRLF after each), how many, and the last one's keyset key. */
export interface ActionExportBatch {
  csv: string;
  rows: number;
  last: { date: string; id: string } | null;
}

/**
 * The statement of one batch of the CSV export: like a page of the list (the same filters, the same (date, id) walk
 * of the partial index), but PostgreSQL writes the batch's CSV text itself, so that a million actions cost the api
 * one string per batch rather than an object and some twenty strings per row (which, promoted faster than the old
 * heap was collected, took its memory past 300 MB).
 */
export function actionExportStatement(q: ActionListQuery): { sql: string; params: unknown[] } {
  const p = new SqlParams();
  const filter = actionFilter(p, q);
  const limit = p.add(q.limit, 'int');
  // The batch's links read through each link table's key in one statement, already joined as the cells show them.
  const ids = (table: string, column: string) => `
      SELECT l.action_id, string_agg(l.${column}::text, ';' ORDER BY l.${column}) AS ids
      FROM ${table} l WHERE l.action_id = ANY (ARRAY(SELECT id FROM a)) GROUP BY l.action_id`;
  const line = ACTION_CSV_COLUMNS.map(([, cell]) => `coalesce(${cell}, '')`).join(', ');
  const sql = `
    WITH a AS (SELECT * FROM advocacy_action ${filter} ORDER BY date DESC, id DESC LIMIT ${limit}),
         c AS (${ids('action_contact', 'contact_id')}),
         o AS (${ids('action_organisation', 'organisation_id')}),
         r AS (SELECT a.date, a.id, concat_ws(',', ${line}) AS line
               FROM a ${ACTION_JOINS}
               LEFT JOIN c ON c.action_id = a.id
               LEFT JOIN o ON o.action_id = a.id)
    SELECT coalesce(string_agg(r.line || E'\\r\\n', '' ORDER BY r.date DESC, r.id DESC), '') AS csv,
           count(*)::int AS rows,
           ${isoDate('min(r.date)')} AS "lastDate",
           (array_agg(r.id ORDER BY r.date, r.id))[1] AS "lastId"
    FROM r`;
  return { sql, params: p.values };
}
