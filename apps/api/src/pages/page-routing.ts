import type { FastifyRequest } from 'fastify';

/**
 * The web pages live at the site's root (/, /states/KEN, /follow-ups) next to the API under /api, and some
 * share a path with an API route (/states/:code is also /api/states/:code). Nest can leave routes out of the
 * global /api prefix only by their definition, which the two share; so page URLs are routed internally under
 * this prefix, which the API's prefix leaves alone, and page controllers are declared under it.
 */
export const PAGES_PREFIX = '/_pages';

/** Everything else at the root is a page. */
const NOT_A_PAGE = /^\/(?:api|docs|docs-json|health|assets)(?:[/?.-]|$)/;

/** Fastify's rewriteUrl: the internal path of a page URL; any other URL unchanged. */
export function routePageUrl(url: string): string {
  if (NOT_A_PAGE.test(url)) return url;
  // "/" and "/?x" are the home page, declared without a trailing slash.
  if (url === '/' || url.startsWith('/?')) return PAGES_PREFIX + url.slice(1);
  return PAGES_PREFIX + url;
}

/** Whether the request is for a web page (rather than the API, the docs or an asset). */
export function isPageRequest(request: FastifyRequest): boolean {
  const url = request.url;
  return (
    url.startsWith(PAGES_PREFIX) && (url.length === PAGES_PREFIX.length || '/?'.includes(url[PAGES_PREFIX.length]))
  );
}

/** The URL the browser asked for, before internal routing (of a page request). */
export function publicUrl(request: FastifyRequest): string {
  if (!isPageRequest(request)) return request.url;
  const rest = request.url.slice(PAGES_PREFIX.length);
  return rest.startsWith('/') ? rest : `/${rest}`;
}

/** Control characters (C0, DEL, C1) and the backslash, which browsers read as a slash in a URL's path. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE_IN_PATH = /[\u0000-\u001f\u007f-\u009f\\]/;

/**
 * Whether `candidate` is a path on this site that a redirect may point to: printable ASCII only (what a browser
 * sends; anything else cannot go in a Location header), and, as given and once percent-decoded, no control
 * character (browsers drop a tab or a newline, so `/<tab>/evil.example` became `//evil.example`) and no backslash,
 * starting with a single `/` rather than `//`.
 */
export function isSafeLocalPath(candidate: string): boolean {
  if (candidate.length > 500 || !/^[\x21-\x7e]*$/.test(candidate)) return false;
  let decoded: string;
  try {
    decoded = decodeURIComponent(candidate);
  } catch {
    return false;
  }
  return [candidate, decoded].every((path) => /^\/(?!\/)/.test(path) && !UNSAFE_IN_PATH.test(path));
}

/**
 * A path on this site to go back to after signing in or submitting a form; anything else (another site,
 * a protocol-relative //host, control characters, an API route) becomes `fallback`. Every redirect to a path the
 * request names goes through here.
 */
export function localPath(candidate: unknown, fallback = '/'): string {
  if (typeof candidate !== 'string' || !isSafeLocalPath(candidate)) return fallback;
  if (!routePageUrl(candidate).startsWith(PAGES_PREFIX)) return fallback;
  return candidate;
}
