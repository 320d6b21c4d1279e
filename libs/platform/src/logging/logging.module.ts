import { randomUUID } from 'node:crypto';
import { LoggerService, Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Options } from 'pino-http';
import { AppConfig } from '../config/app-config';

/**
 * What never reaches a log: credentials in headers (bearer tokens, cookies, CSRF tokens), secrets in query
 * strings (calendar and set-password tokens), and the parameters of a failed SQL statement (they may hold
 * password or token hashes). Request bodies are never logged at all.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'req.headers["csrf-token"]',
  'res.headers["set-cookie"]',
  'req.query.token',
  'req.query.password',
  'err.parameters',
  'err.driverError.parameters',
];

const SECRET_QUERY = /([?&](?:token|password|access_token)=)[^&#]*/gi;

/** The URL with the values of secret query parameters replaced. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_QUERY, '$1[Redacted]');
}

/** What a request's log line keeps of it: id, method and URL (secret query values blanked); of the answer, the status. */
export const REQUEST_LOG_SERIALIZERS = {
  req: (req: { id?: unknown; method?: string; url?: string }) => ({
    id: req.id,
    method: req.method,
    url: typeof req.url === 'string' ? redactUrl(req.url) : req.url,
  }),
  res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
};

/**
 * How requests are logged: one line each, with the request id, method, path, status and response time, and no
 * headers (they were nine tenths of every line, and the place credentials hide in).
 */
export function requestLogOptions(level: string): Options {
  return {
    level,
    // No pid or hostname on each line: the process manager knows which process wrote it.
    base: null,
    // Behind Fastify the request already carries the id the api chose (see createApi); this is the fallback.
    genReqId: (req) => (req.headers['x-request-id'] as string | undefined) ?? randomUUID(),
    redact: REDACTED_PATHS,
    serializers: REQUEST_LOG_SERIALIZERS,
    autoLogging: { ignore: (req) => req.url?.startsWith('/health') ?? false },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
  };
}

/** Nest's start-up chatter: a line per module and per route (about a hundred) that tells an operator nothing. */
const CHATTER = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

/**
 * The logger the apps hand to Nest: `logger` less the chatter of Nest's start-up (its info lines only; its
 * warnings and errors still go through). The api then says where it listens, in one line.
 */
export function withoutStartupChatter(logger: LoggerService): LoggerService {
  const chatter = (params: unknown[]) => {
    const context = params.at(-1);
    return typeof context === 'string' && CHATTER.has(context);
  };
  return {
    log: (message: unknown, ...params: unknown[]) => {
      if (!chatter(params)) logger.log(message, ...params);
    },
    error: (message: unknown, ...params: unknown[]) => void logger.error(message, ...params),
    warn: (message: unknown, ...params: unknown[]) => void logger.warn(message, ...params),
    debug: (message: unknown, ...params: unknown[]) => void logger.debug?.(message, ...params),
    verbose: (message: unknown, ...params: unknown[]) => void logger.verbose?.(message, ...params),
    fatal: (message: unknown, ...params: unknown[]) => void logger.fatal?.(message, ...params),
  };
}

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        pinoHttp: requestLogOptions(config.LOG_LEVEL),
      }),
    }),
  ],
})
export class LoggingModule {}
