import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyStatic from '@fastify/static';
import fastifyView from '@fastify/view';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Eta } from 'eta';
import { AppConfig } from '@app/platform';
import { isPageRequest } from './page-routing';
import { rememberLanguage } from './page-locale';
import { cookieOptions, CSRF_COOKIE } from './session';
import { viewHelpersFor } from './view-helpers';

const gzipAsync = promisify(gzip);

/** Finds a directory of the api's sources from wherever this code runs: the sources, the tests or the bundle. */
function apiDirectory(name: string): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'apps', 'api', name);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`apps/api/${name} not found above ${__dirname}`);
  }
}

/** /assets/<file>?v=<hash of its content>: cached for a year by browsers, refetched when the file changes. */
function assetUrls(root: string): (file: string) => string {
  const urls = new Map(
    readdirSync(root).map((file) => [
      file,
      `/assets/${file}?v=${createHash('sha1')
        .update(readFileSync(join(root, file)))
        .digest('hex')
        .slice(0, 10)}`,
    ]),
  );
  return (file) => {
    const url = urls.get(file);
    if (!url) throw new Error(`no asset ${file} in ${root}`);
    return url;
  };
}

/**
 * The web pages' plumbing: cookies, CSRF tokens, templates, static assets, and compression of the HTML. Every
 * form post to a page must carry the CSRF token of the page it came from. (Form bodies need no plugin: Nest's
 * Fastify adapter parses application/x-www-form-urlencoded itself, and refuses a second parser for it.)
 */
export async function setUpPages(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const publicDir = apiDirectory('public');
  await app.register(fastifyCookie);
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: CSRF_COOKIE,
    cookieOpts: cookieOptions(config.PUBLIC_URL),
  });
  await app.register(fastifyView, {
    engine: { eta: new Eta() },
    root: apiDirectory('views'),
    // Templates are compiled once and kept, whatever NODE_ENV says.
    production: true,
    defaultContext: { h: viewHelpersFor('en'), asset: assetUrls(publicDir) },
  });
  await app.register(fastifyStatic, {
    root: publicDir,
    prefix: '/assets/',
    decorateReply: false,
    immutable: true,
    maxAge: '365d',
  });

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('preHandler', (request, reply, done) => {
    if ((request.method === 'GET' || request.method === 'HEAD') && isPageRequest(request)) {
      rememberLanguage(request, reply, config.PUBLIC_URL);
    } else if (isPageRequest(request)) {
      fastify.csrfProtection(request, reply, done);
      return;
    }
    done();
  });
  // Pages are HTML of 10 to 100 KB that shrinks five- or sixfold: worth it on a slow connection. Level 1 comes
  // within an eighth of the smallest output at half the CPU of the default.
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (!(typeof payload === 'string' || Buffer.isBuffer(payload)) || payload.length < 1024) return payload;
    if (!isPageRequest(request)) return payload;
    if (!/\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) return payload;
    if (!String(reply.getHeader('content-type')).startsWith('text/html')) return payload;
    void reply.header('content-encoding', 'gzip').header('vary', 'accept-encoding');
    reply.removeHeader('content-length');
    return gzipAsync(payload, { level: 1 });
  });
}
