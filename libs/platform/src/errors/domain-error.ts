/**
 * What went wrong, in domain terms. Each library declares its error codes once, with the kind of each
 * (`defineErrors`), and throws through the factory that returns; the api maps the kind to an HTTP status in one
 * filter and the pages map codes to form fields, so services never import HTTP classes and no code is a free
 * string that a caller must spell the same way.
 */
export type DomainErrorKind =
  | 'invalid'
  | 'unreadable'
  | 'not-found'
  | 'conflict'
  | 'forbidden'
  | 'unauthenticated'
  | 'rate-limited'
  | 'unavailable';

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

/** Throws a module's error by code; the code's kind was fixed when the module declared it. */
export type ErrorFactory<C extends string> = (
  code: C,
  message: string,
  retryAfterSeconds?: number,
) => DomainError & { readonly code: C };

/** The codes of a module's factory: `ErrorCodeOf<typeof advocacyError>`. */
export type ErrorCodeOf<F> = F extends ErrorFactory<infer C> ? C : never;

const declared = new Map<string, { module: string; kind: DomainErrorKind }>();

/**
 * Declares a module's error codes and their kinds, and returns the factory that throws them. A code belongs to
 * one module: declaring it twice stops the process at start, so a code always means one thing.
 */
export function defineErrors<const T extends Record<string, DomainErrorKind>>(
  module: string,
  codes: T,
): ErrorFactory<keyof T & string> {
  for (const [code, kind] of Object.entries(codes)) {
    const earlier = declared.get(code);
    if (earlier && earlier.module !== module) {
      throw new Error(`error code "${code}" is declared by both ${earlier.module} and ${module}`);
    }
    declared.set(code, { module, kind });
  }
  return (code, message, retryAfterSeconds) => new DomainError(codes[code], code, message, retryAfterSeconds);
}

/** Every code declared so far, with its module and kind. */
export function declaredErrorCodes(): ReadonlyMap<string, { module: string; kind: DomainErrorKind }> {
  return declared;
}

/** Codes any library may throw for input every endpoint shares: dates, ids, cursors, ranges, text. */
export const commonError = defineErrors('platform', {
  'bad-date': 'invalid',
  'bad-range': 'invalid',
  'bad-id': 'invalid',
  'bad-filter': 'invalid',
  'bad-cursor': 'invalid',
  'bad-limit': 'invalid',
  blank: 'invalid',
  'too-long': 'invalid',
  'bad-csv': 'invalid',
  'future-date': 'invalid',
  'not-allowed': 'forbidden',
  unavailable: 'unavailable',
});
export type CommonErrorCode = ErrorCodeOf<typeof commonError>;
