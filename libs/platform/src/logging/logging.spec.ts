import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { LoggerService } from '@nestjs/common';
import pino from 'pino';
import pinoHttp from 'pino-http';
import { REDACTED_PATHS, redactUrl, requestLogOptions, withoutStartupChatter } from './logging.module';

describe('what the logs leave out', () => {
  const capture = () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    return { logger: pino({ redact: REDACTED_PATHS, serializers: { err: pino.stdSerializers.err } }, stream), lines };
  };

  it('drops the parameters of a failed SQL statement, which may hold password or token hashes', () => {
    const { logger, lines } = capture();
    const err = Object.assign(new Error('duplicate key value'), {
      query: 'UPDATE app_user SET password_hash = $2 WHERE id = $1',
      parameters: ['u1', '$argon2id$v=19$secret-hash'],
      driverError: { code: '23505', parameters: ['$argon2id$v=19$secret-hash'] },
    });
    logger.error({ err }, 'Unhandled error');
    expect(lines.join('')).not.toContain('secret-hash');
    expect(lines.join('')).toContain('duplicate key value');
  });

  it('drops credentials from request headers and secret query parameters', () => {
    const { logger, lines } = capture();
    logger.info({
      req: {
        url: '/api/follow-ups.ics?token=feed-secret',
        query: { token: 'feed-secret' },
        headers: { authorization: 'Bearer tok-secret', cookie: 'sid=cookie-secret', 'x-csrf-token': 'csrf-secret' },
      },
    });
    const line = lines.join('');
    for (const secret of ['tok-secret', 'cookie-secret', 'csrf-secret']) expect(line).not.toContain(secret);
    expect(JSON.parse(line).req.query.token).toBe('[Redacted]');
  });

  it('blanks the values of token and password query parameters in a URL', () => {
    expect(redactUrl('/set-password?token=abc&next=/x')).toBe('/set-password?token=[Redacted]&next=/x');
    expect(redactUrl('/a?x=1&password=p#frag')).toBe('/a?x=1&password=[Redacted]#frag');
    expect(redactUrl('/api/states?q=token')).toBe('/api/states?q=token');
  });
});

describe('a request log line', () => {
  /** One request through pino-http with the api's options, as a browser sends it; the line it logs. */
  async function logLineOf(path: string, status = 200): Promise<{ line: string; entry: Record<string, unknown> }> {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = pinoHttp(requestLogOptions('info'), stream);
    const server = createServer((req, res) => {
      log(req, res);
      res.statusCode = status;
      res.setHeader('set-cookie', 'session=cookie-secret; HttpOnly');
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end('<!doctype html><p>ok</p>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      await fetch(`http://127.0.0.1:${port}${path}`, {
        headers: {
          'x-request-id': 'req-42',
          authorization: 'Bearer tok-secret',
          cookie: 'session=cookie-secret; other=1',
          'user-agent':
            'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
          accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8',
          'accept-language': 'en-GB,en;q=0.9,fr;q=0.8',
          referer: 'http://localhost:3000/regions/europe',
        },
      });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    const line = lines.find((l) => l.includes('"req"'))!;
    return { line, entry: JSON.parse(line) as Record<string, unknown> };
  }

  it('holds the request id, method, path, status and response time, and nothing of the headers', async () => {
    const { line, entry } = await logLineOf('/api/states?region=europe');
    expect(entry.req).toEqual({ id: 'req-42', method: 'GET', url: '/api/states?region=europe' });
    expect(entry.res).toEqual({ statusCode: 200 });
    expect(typeof entry.responseTime).toBe('number');
    expect(Object.keys(entry).sort()).toEqual(['level', 'msg', 'req', 'res', 'responseTime', 'time']);
    for (const text of ['Mozilla', 'accept-language', 'cookie', 'tok-secret', 'text/html', 'referer']) {
      expect(line).not.toContain(text);
    }
    // A browser's request logged with its headers took well over a kilobyte.
    expect(line.length).toBeLessThan(200);
  });

  it('blanks secret query values and logs a failure at error level', async () => {
    const { entry } = await logLineOf('/api/follow-ups.ics?token=feed-secret', 500);
    expect(entry.req).toMatchObject({ url: '/api/follow-ups.ics?token=[Redacted]' });
    expect(entry).toMatchObject({ level: 50, res: { statusCode: 500 } });
  });
});

describe("Nest's start-up chatter", () => {
  it('is left out, while everything else, and its warnings and errors, go through', () => {
    const seen: unknown[][] = [];
    const inner: LoggerService = {
      log: (...args: unknown[]) => seen.push(['log', ...args]),
      warn: (...args: unknown[]) => seen.push(['warn', ...args]),
      error: (...args: unknown[]) => seen.push(['error', ...args]),
    };
    const logger = withoutStartupChatter(inner);
    logger.log('AppModule dependencies initialized', 'InstanceLoader');
    logger.log('StatesController {/api}:', 'RoutesResolver');
    logger.log('Mapped {/api/states, GET} route', 'RouterExplorer');
    logger.log('Nest application successfully started', 'NestApplication');
    logger.warn('a route is shadowed', 'RouterExplorer');
    logger.log('listening on http://127.0.0.1:3000', 'Api');
    logger.error('boom', 'stack', 'ExceptionHandler');
    expect(seen).toEqual([
      ['warn', 'a route is shadowed', 'RouterExplorer'],
      ['log', 'listening on http://127.0.0.1:3000', 'Api'],
      ['error', 'boom', 'stack', 'ExceptionHandler'],
    ]);
  });
});
