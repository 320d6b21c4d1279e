import { RequestMethod, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '@app/platform';
import { AppModule } from './app.module';
import { PAGES_PREFIX, routePageUrl } from './pages/page-routing';
import { setUpPages } from './pages/setup';

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
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    // Buffer start-up logs only when pino will take them over; otherwise they would never be printed.
    bufferLogs: options.logger !== false,
    abortOnError: false,
  });
  if (options.logger !== false) app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api', {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
      { path: `${PAGES_PREFIX.slice(1)}{/*page}`, method: RequestMethod.ALL },
    ],
  });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
    }),
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
