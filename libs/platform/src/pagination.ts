import { isCalendarDate, parseInstant } from './dates';
import { commonError } from './errors/domain-error';
import { isUuid } from './ids';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

/** Keyset cursors are the sort key of the last row, opaque to clients. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * What each part of a list's sort key is. A cursor is text the client sends back, so each list names its key's
 * parts and decodeCursor checks them before any SQL sees them: a forged `["x","y"]` is a 400, never a
 * PostgreSQL error.
 */
export type CursorPart =
  /** A record id (UUID). */
  | 'uuid'
  /** A calendar date YYYY-MM-DD. */
  | 'date'
  /** A timestamptz as PostgreSQL writes it as text (2026-03-01 09:30:00.123456+00), so microseconds survive. */
  | 'pg-instant'
  /** A bigint id written in decimal. */
  | 'bigint'
  /** Text PostgreSQL can take: no NUL, no half surrogate pair, at most 500 characters. */
  | 'text';

const PG_INSTANT = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?)([+-]\d{2})(?::(\d{2}))?$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const PART_CHECKS: Record<CursorPart, (value: string) => boolean> = {
  uuid: isUuid,
  date: isCalendarDate,
  // A real instant, so that PostgreSQL never sees 30 February or 25:00 and answers with an error.
  'pg-instant': (value) => {
    const m = PG_INSTANT.exec(value);
    return m !== null && parseInstant(`${m[1]}T${m[2]}${m[3]}:${m[4] ?? '00'}`) !== null;
  },
  bigint: (value) => /^\d{1,18}$/.test(value),
  text: (value) => value.length <= 500 && !value.includes('\u0000') && !LONE_SURROGATE.test(value),
};

/** The sort key a cursor carries, each part checked against what the list's key is; else a bad-cursor error. */
export function decodeCursor<const P extends readonly CursorPart[]>(
  cursor: string,
  parts: P,
): { [K in keyof P]: string } {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  if (
    Array.isArray(key) &&
    key.length === parts.length &&
    key.every((k, i) => typeof k === 'string' && PART_CHECKS[parts[i]](k))
  ) {
    return key as { [K in keyof P]: string };
  }
  throw commonError('bad-cursor', 'cursor is not one this server issued');
}

/** Given limit+1 rows, returns the page and the cursor of its last row when more follow. */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  key: (row: R) => (string | number)[],
  map: (row: R) => T,
): Page<T> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  return { items: kept.map(map), nextCursor: more ? encodeCursor(key(kept[kept.length - 1])) : null };
}
