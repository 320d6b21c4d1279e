import { Writable } from 'node:stream';
import pino from 'pino';
import { REDACTED_PATHS, redactUrl } from './logging.module';

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
