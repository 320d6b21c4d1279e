/**
 * What went wrong, in domain terms. Feature libraries throw these; the api maps the kind to an HTTP
 * status in one place, so services never import HTTP classes.
 */
export type DomainErrorKind =
  'invalid' | 'not-found' | 'conflict' | 'forbidden' | 'unauthenticated' | 'rate-limited' | 'unavailable';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    /** For `rate-limited`: whole seconds until the request may be tried again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (code: string, message: string) => new DomainError('invalid', code, message);
export const notFound = (code: string, message: string) => new DomainError('not-found', code, message);
export const conflict = (code: string, message: string) => new DomainError('conflict', code, message);
export const forbidden = (code: string, message: string) => new DomainError('forbidden', code, message);
export const rateLimited = (code: string, message: string, retryAfterSeconds: number) =>
  new DomainError('rate-limited', code, message, retryAfterSeconds);
export const unavailable = (code: string, message: string) => new DomainError('unavailable', code, message);
