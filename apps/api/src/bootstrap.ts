import helmet from '@fastify/helmet';
import { RequestMethod, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import {
  AppConfig,
  corsOrigins,
  CSV_BODY_LIMIT,
  loadConfig,
  runInRequestContext,
  trustProxy,
  withoutStartupChatter,
} from '@app/platform';
import { AppModule } from './app.module';
import { TRANSFORM_OPTIONS, VALIDATOR_OPTIONS } from './common/validation';
import { PAGES_PREFIX, routePageUrl } from './pages/page-routing';
import { setUpPages } from './pages/setup';

/**
 * Our pages load their scripts and styles from the api itself and run no inline script; nothing may frame them.
 * No upgrade-insecure-requests: it would break a deployment served over plain http on a private network.
 */
const CSP = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'connect-src': ["'self'"],
  'font-src': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'img-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
};

// The Swagger UI at /docs inlines its styles (the scripts are files): only that page gets 'unsafe-inline' styles.
const DOCS_CSP = Object.entries({ ...CSP, 'style-src': ["'self'", "'unsafe-inline'"] })
  .map(([name, values]) => `${name} ${values.join(' ')}`)
  .join('; ');

/** Deepest nesting a JSON body may have; ours need 3, and validating deeper ones would exhaust the stack. */
const MAX_BODY_DEPTH = 8;

/** Half of a UTF-16 surrogate pair without its other half: JSON's `\ud800` decodes to one, and it is no text. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * What no handler should ever see: a body nested deeper than MAX_BODY_DEPTH, text holding the NUL character,
 * which PostgreSQL cannot store, or text that is not valid Unicode (validators and URI encoding throw on it).
 * Returns the problem, naming the field, or null.
 */
export function inputProblem(value: unknown, where: string): string | null {
  const stack: [unknown, string, number][] = [[value, '', 0]];
  while (stack.length > 0) {
    const [v, path, depth] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return `${path || where} must not contain the NUL character (U+0000)`;
      if (LONE_SURROGATE.test(v)) return `${path || where} must be valid Unicode text (it holds half a surrogate pair)`;
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH) return `the ${where} is nested more than ${MAX_BODY_DEPTH} levels deep`;
    for (const [key, child] of Object.entries(v)) {
      if (key.includes('\u0000')) return `${where} field names must not contain the NUL character (U+0000)`;
      stack.push([child, path ? `${path}.${key}` : key, depth + 1]);
    }
  }
  return null;
}

function csvTooLarge(): Error {
  const mb = CSV_BODY_LIMIT / 1_048_576;
  return Object.assign(
    new Error(`the CSV is larger than the limit of ${mb} MB (${CSV_BODY_LIMIT} bytes): split it into smaller files`),
    { statusCode: 413 },
  );
}

/** Builds the HTTP application: used by main.ts and by the end-to-end tests, so both run the same thing. */
export async function createApi(options: { logger?: boolean } = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: 1_048_576,
    // Fastify keeps an idle keep-alive connection 72 s by default and waits for it on close, so a SIGTERM
    // under traffic took over a minute; 5 s bounds the shutdown well inside a 10 s stop grace.
    keepAliveTimeout: 5_000,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
    // The web pages at the root are routed internally under PAGES_PREFIX (see page-routing.ts).
    rewriteUrl: (req: { url?: string }) => routePageUrl(req.url ?? '/'),
    // request.ip, which the per-address limits count, is the client behind TRUST_PROXY's proxies (off by default).
    trustProxy: trustProxy(loadConfig()),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    // Buffer start-up logs only when pino will take them over; otherwise they would never be printed.
    bufferLogs: options.logger !== false,
    // Without pino (the end-to-end suites), Nest's own logger says only what went wrong, not a line per route.
    logger: options.logger === false ? ['error', 'warn'] : undefined,
    abortOnError: false,
  });
  if (options.logger !== false) app.useLogger(withoutStartupChatter(app.get(Logger)));
  const config = app.get(AppConfig);

  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP },
    // Cross-origin callers are governed by CORS_ORIGINS below.
    crossOriginResourcePolicy: { policy: corsOrigins(config).length ? 'cross-origin' : 'same-origin' },
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    // Every answer names its request id, which the logs and error bodies carry too.
    reply.raw.setHeader('x-request-id', request.id);
    if (/^\/docs(\/|\?|$)/.test(request.url)) {
      reply.raw.setHeader('content-security-policy', DOCS_CSP);
    }
    // Every service the request reaches knows its id (the audit trail records it) without it being passed down.
    runInRequestContext({ requestId: request.id }, done);
  });
  // Actions, contacts and organisations are imported as CSV text (POST /api/actions/import), which may be larger
  // than a JSON body: read here up to CSV_BODY_LIMIT, and a larger one refused with a 413 that names the limit.
  fastify.addContentTypeParser('text/csv', (request, payload, done) => {
    if (Number(request.headers['content-length']) > CSV_BODY_LIMIT) return done(csvTooLarge(), undefined);
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      payload.removeListener('data', onData);
      payload.removeListener('end', onEnd);
      payload.removeListener('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= CSV_BODY_LIMIT) return void chunks.push(chunk);
      stop();
      done(csvTooLarge(), undefined);
    };
    const onEnd = () => {
      stop();
      done(null, Buffer.concat(chunks).toString('utf8'));
    };
    const onError = (error: Error) => {
      stop();
      done(error, undefined);
    };
    payload.on('data', onData);
    payload.on('end', onEnd);
    payload.on('error', onError);
  });
  fastify.addHook('preValidation', (request, _reply, done) => {
    const problem =
      inputProblem(request.params, 'path') ??
      inputProblem(request.query, 'query') ??
      inputProblem(request.body, 'body');
    if (problem) done(Object.assign(new Error(problem), { statusCode: 400 }));
    else done();
  });
  // Closed unless CORS_ORIGINS names the browser origins allowed to call the API; tokens travel in a header,
  // so credentials (cookies) are never shared cross-origin.
  const origins = corsOrigins(config);
  if (origins.length > 0) {
    app.enableCors({
      origin: origins,
      credentials: false,
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'x-request-id'],
      exposedHeaders: ['x-request-id', 'retry-after', 'etag'],
      maxAge: 600,
    });
  }
  app.setGlobalPrefix('api', {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
      { path: `${PAGES_PREFIX.slice(1)}{/*page}`, method: RequestMethod.ALL },
    ],
  });
  app.useGlobalPipes(
    new ValidationPipe({ ...VALIDATOR_OPTIONS, transform: true, transformOptions: TRANSFORM_OPTIONS }),
  );
  app.enableShutdownHooks();
  await setUpPages(app, app.get(AppConfig));

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Rome Statute campaign tracker')
      .setDescription('Treaty status of every state, advocacy actions, follow-ups and dashboards.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
