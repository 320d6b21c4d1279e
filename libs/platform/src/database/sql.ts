import { FORMULA_START } from '../csv';

/**
 * The one way this codebase reaches PostgreSQL: raw SQL in repositories, one typed method per statement, the
 * statement's text beside it. These helpers are what every repository shares.
 */

/** What a repository runs a statement on: the pool (a DataSource) or the caller's transaction (an EntityManager). */
export interface Queryable {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query<T = any>(sql: string, parameters?: unknown[]): Promise<T>;
}

/** A timestamptz column as the API writes instants: ISO 8601 in UTC with milliseconds (2026-03-01T09:30:00.000Z). */
export const isoInstant = (column: string): string =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** A date column as the API writes calendar dates (YYYY-MM-DD). */
export const isoDate = (column: string): string => `to_char(${column}, 'YYYY-MM-DD')`;

/** What makes csv-stringify quote a cell of sendCsv's: a comma, a quote, a CR or an LF (a PostgreSQL pattern). */
const NEEDS_QUOTES = `[",\\r\\n]`;

/**
 * A text expression as a CSV export writes its cell, for exports built whole by PostgreSQL (a million rows as text,
 * without a JavaScript object per row): nothing as an empty cell; a cell that would start a spreadsheet formula
 * (FORMULA_START itself: PostgreSQL reads its pattern as JavaScript does) neutralised with a leading apostrophe, as
 * exportCell does; quoted, with its quotes doubled, when it holds a comma, a quote, a CR or an LF, as csv-stringify
 * quotes it for sendCsv. Most cells need neither, so one pattern test sends them through unchanged.
 * csv-cell.medium-spec holds the two alike.
 */
export function csvCellSql(text: string): string {
  const formula = FORMULA_START.source;
  const neutralised = `CASE WHEN ${text} ~ '${formula}' THEN '''' || ${text} ELSE ${text} END`;
  return `CASE WHEN ${text} IS NULL THEN ''
    WHEN ${text} !~ '${formula}|${NEEDS_QUOTES}' THEN ${text}
    WHEN ${text} ~ '${NEEDS_QUOTES}' THEN '"' || replace(${neutralised}, '"', '""') || '"'
    ELSE ${neutralised} END`;
}

/**
 * The numbered parameters of one statement, built as its text is: `p.add(value)` stores the value and
 * returns its placeholder (`$3`, or `$3::uuid` with a cast), so no list of positions has to be kept by hand.
 */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return cast ? `$${this.values.length}::${cast}` : `$${this.values.length}`;
  }
}

/**
 * The WHERE clause of the conditions given, joined with AND; a filter that was not set is written as
 * `given && condition`, so it is left out (and its parameter never added). An empty list gives no clause,
 * so the planner sees only the filters really asked for.
 */
export function where(...conditions: (string | false | undefined | null)[]): string {
  const kept = conditions.filter((c): c is string => typeof c === 'string' && c !== '');
  return kept.length ? `WHERE ${kept.join(' AND ')}` : '';
}
