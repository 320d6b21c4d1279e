import { randomUUID } from 'node:crypto';
import { Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
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

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        pinoHttp: {
          level: config.LOG_LEVEL,
          // Behind Fastify the request already carries the id the api chose (see createApi); this is the fallback.
          genReqId: (req) => (req.headers['x-request-id'] as string | undefined) ?? randomUUID(),
          redact: REDACTED_PATHS,
          serializers: {
            req: (req: { url?: string }) => {
              if (typeof req.url === 'string') req.url = redactUrl(req.url);
              return req;
            },
          },
          autoLogging: { ignore: (req) => req.url?.startsWith('/health') ?? false },
          customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
        },
      }),
    }),
  ],
})
export class LoggingModule {}
