import { Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { msg } from '@app/i18n';
import { pageContext, renderPage } from './page-context';
import { pageTranslator } from './page-locale';
import { localPath, publicUrl } from './page-routing';

const TITLES: Record<number, string> = {
  400: msg('account.error.title.badRequest'),
  403: msg('account.error.title.forbidden'),
  404: msg('account.error.title.notFound'),
  409: msg('account.error.title.badRequest'),
  503: msg('account.error.title.unavailable'),
};

/** What a refusal means, in the reader's language, above the server's own words (which are English). */
const MEANINGS: Record<number, string> = {
  400: msg('account.error.badRequest'),
  403: msg('account.error.forbidden'),
  404: msg('account.error.notFound'),
  409: msg('account.error.conflict'),
  422: msg('account.error.badRequest'),
  429: msg('account.error.tooMany'),
};

const logger = new Logger('Pages');

// @fastify/csrf-protection refuses a form with these errors; Nest hands them to the error filter as plain
// HttpExceptions that keep only the message and the status.
const CSRF_REFUSALS = new Set(['Invalid csrf token', 'Missing csrf secret']);

/** Where to come back to after signing in: the page asked for, or the page a form was sent from. */
function nextAfterSignIn(request: FastifyRequest): string {
  if (request.method === 'GET') return localPath(publicUrl(request));
  const referer = request.headers.referer;
  try {
    return referer ? localPath(new URL(referer).pathname) : '/';
  } catch {
    return '/';
  }
}

/**
 * The error page's text: ours, in the reader's language, where we know what happened; else the server's
 * message, which an English reader reads as it is and any other reader below its meaning in their language.
 */
function explain(request: FastifyRequest, status: number, said: string): { message: string; detail: string | null } {
  const tr = pageTranslator(request);
  if (status === 403 && CSRF_REFUSALS.has(said)) return { message: tr.t('account.error.csrf'), detail: null };
  if (status === 404 && said.startsWith('Cannot ')) return { message: tr.t('account.error.noPage'), detail: null };
  if (status === 500) return { message: tr.t('account.error.internal'), detail: null };
  if (status === 503) return { message: tr.t('account.error.unavailable'), detail: null };
  if (tr.locale === 'en') return { message: said, detail: null };
  return { message: tr.t(MEANINGS[status] ?? msg('account.error.other')), detail: said };
}

/** Answers a page request that failed: to the sign-in page without a session, else an error page. */
export async function sendPageError(
  request: FastifyRequest,
  reply: FastifyReply,
  error: { status: number; message: string | string[] },
): Promise<void> {
  const { status } = error;
  if (status === 401) {
    const next = nextAfterSignIn(request);
    void reply.redirect(next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`, 303);
    return;
  }
  const { message, detail } = explain(
    request,
    status,
    Array.isArray(error.message) ? error.message.join('; ') : error.message,
  );
  try {
    const title = pageTranslator(request).t(TITLES[status] ?? msg('account.error.title.other'));
    const context = pageContext(request, reply, { title, section: 'none' });
    const html = await renderPage(reply, 'error', context, { status, message, detail }, status);
    void reply.header('content-type', 'text/html; charset=utf-8').send(html);
  } catch (err) {
    logger.error({ err }, 'Could not render the error page');
    void reply.status(status).header('content-type', 'text/plain; charset=utf-8').send(message);
  }
}
