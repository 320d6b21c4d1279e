import { Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pageContext, renderPage } from './page-context';
import { localPath, publicUrl } from './page-routing';

const TITLES: Record<number, string> = {
  400: 'That did not work',
  403: 'Not allowed',
  404: 'Page not found',
  409: 'That did not work',
  503: 'Temporarily unavailable',
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
  let message = Array.isArray(error.message) ? error.message.join('; ') : error.message;
  if (status === 403 && CSRF_REFUSALS.has(message)) {
    message =
      'This form has expired or was not sent from this site, so nothing was saved. ' +
      'Go back, reload the page and send the form again.';
  } else if (status === 404 && message.startsWith('Cannot ')) {
    message = 'There is no page at this address.';
  }
  try {
    const context = pageContext(request, reply, { title: TITLES[status] ?? 'Something went wrong', section: 'none' });
    const html = await renderPage(reply, 'error', context, { status, message }, status);
    void reply.header('content-type', 'text/html; charset=utf-8').send(html);
  } catch (err) {
    logger.error({ err }, 'Could not render the error page');
    void reply.status(status).header('content-type', 'text/plain; charset=utf-8').send(message);
  }
}
