import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, DomainErrorKind, redactUrl } from '@app/platform';
import { sendPageError } from '../pages/page-errors';
import { isPageRequest } from '../pages/page-routing';

const STATUS: Record<DomainErrorKind, number> = {
  invalid: HttpStatus.BAD_REQUEST,
  // Well-formed input whose content could not be read (a pasted depositary table or notice).
  unreadable: HttpStatus.UNPROCESSABLE_ENTITY,
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  forbidden: HttpStatus.FORBIDDEN,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  'rate-limited': HttpStatus.TOO_MANY_REQUESTS,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

const ERROR_NAMES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

// Connection-level failures of PostgreSQL or Redis: the request may be retried, nothing was half-written.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

function isServiceUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (
    let e = error;
    e && typeof e === 'object' && !seen.has(e);
    e = (e as { driverError?: unknown; cause?: unknown }).driverError ?? (e as { cause?: unknown }).cause
  ) {
    seen.add(e);
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && /Connection terminated|timeout exceeded when trying to connect/i.test(message))
      return true;
  }
  return false;
}

// PostgreSQL refusing characters in text (NUL, or none of the encoding's): bad input that slipped past validation.
function isUnstorableText(error: unknown): boolean {
  const code = (error as { driverError?: { code?: unknown } }).driverError?.code ?? (error as { code?: unknown }).code;
  return code === '22021' || code === '22P05';
}

/**
 * The one place errors become HTTP: domain errors by kind, Nest's own exceptions as they are, and
 * anything else as a 500 whose details stay in the log (no stack or SQL in the body).
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const { status, message, code } = this.describe(error, request);
    if (error instanceof DomainError && error.retryAfterSeconds !== undefined) {
      void reply.header('retry-after', String(error.retryAfterSeconds));
    }
    // A web page answers in HTML: a sign-in page for a missing session, an error page otherwise.
    if (isPageRequest(request)) {
      void sendPageError(request, reply, { status, message });
      return;
    }
    void reply
      .status(status)
      .header('content-type', 'application/json; charset=utf-8')
      .send({
        statusCode: status,
        error: ERROR_NAMES[status] ?? 'Error',
        message,
        ...(code ? { code } : {}),
        requestId: request.id,
      });
  }

  private describe(
    error: unknown,
    request: FastifyRequest,
  ): { status: number; message: string | string[]; code?: string } {
    if (error instanceof DomainError) return { status: STATUS[error.kind], message: error.message, code: error.code };
    if (error instanceof HttpException) {
      const body = error.getResponse();
      const message =
        typeof body === 'object' && body !== null && 'message' in body
          ? (body as { message: string | string[] }).message
          : error.message;
      return { status: error.getStatus(), message };
    }
    if (isServiceUnavailable(error)) {
      this.logger.warn({ err: error, requestId: request.id }, 'A backing service is unreachable');
      return { status: 503, message: 'the database or Redis is unreachable; nothing was saved, try again shortly' };
    }
    if (isUnstorableText(error)) {
      return { status: 400, message: 'the request holds text that cannot be stored (such as the NUL character)' };
    }
    // Fastify's own errors for bad requests (malformed JSON, wrong content type, body too large).
    const fastifyStatus = (error as { statusCode?: number }).statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      return { status: fastifyStatus, message: (error as Error).message };
    }
    this.logger.error({ err: error, requestId: request.id, url: redactUrl(request.url) }, 'Unhandled error');
    return { status: 500, message: 'Internal server error; the request id identifies it in the log' };
  }
}
