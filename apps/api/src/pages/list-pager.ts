/*
 * Keyset pages of a filtered list, walked both ways without a second query: the list's cursor goes forward only,
 * so the address keeps the cursors of the pages before (`back`), and "Previous" goes to the last of them.
 */

/** Stands for the first page, which has no cursor, in a trail (a cursor is base64url JSON, never "0"). */
const FIRST = '0';
/** The pages "Previous" can go back through; further back, "Newest" still starts again. */
export const MAX_TRAIL = 30;
const CURSOR = /^[A-Za-z0-9_-]{1,500}$/;

/** The trail of an address as sent; anything malformed is no trail (the page still shows, without "Previous"). */
export function readTrail(back: unknown): string[] {
  if (typeof back !== 'string' || back === '') return [];
  const parts = back.split('.');
  if (parts.some((p) => p !== FIRST && !CURSOR.test(p))) return [];
  return parts.slice(-MAX_TRAIL);
}

/** The address of a page of the list: the filters that are set, in order, then where the page starts. */
export function listUrl(
  path: string,
  filters: Readonly<Record<string, string>>,
  page: { cursor?: string; trail?: readonly string[] } = {},
): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value.trim() !== '') params.set(name, value.trim());
  if (page.cursor) params.set('cursor', page.cursor);
  if (page.trail && page.trail.length > 0) params.set('back', page.trail.join('.'));
  const query = params.toString();
  return query === '' ? path : `${path}?${query}`;
}

export interface PagerLinks {
  /** The page after this one, when more follow. */
  next: string | null;
  /** The page before, when the trail knows it. */
  previous: string | null;
  /** The first page, from any other. */
  newest: string | null;
}

/** The links from the page at `at` (its cursor and trail), keeping the filters. */
export function pagerLinks(
  path: string,
  filters: Readonly<Record<string, string>>,
  at: { cursor?: string; trail: readonly string[] },
  nextCursor: string | null,
): PagerLinks {
  const next = nextCursor
    ? listUrl(path, filters, { cursor: nextCursor, trail: [...at.trail, at.cursor ?? FIRST].slice(-MAX_TRAIL) })
    : null;
  if (!at.cursor) return { next, previous: null, newest: null };
  const before = at.trail[at.trail.length - 1];
  const previous =
    before === undefined
      ? null
      : listUrl(path, filters, { cursor: before === FIRST ? undefined : before, trail: at.trail.slice(0, -1) });
  return { next, previous, newest: listUrl(path, filters) };
}
