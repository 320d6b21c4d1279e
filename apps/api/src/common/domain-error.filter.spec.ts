import { ArgumentsHost, BadRequestException } from '@nestjs/common';
import { accountsError } from '@app/accounts';
import { statesError } from '@app/states';
import { ErrorFilter } from './domain-error.filter';

function respond(error: unknown) {
  const sent: { status?: number; body?: any; headers: Record<string, string> } = { headers: {} };
  const reply = {
    status(code: number) {
      sent.status = code;
      return reply;
    },
    header(name: string, value: string) {
      sent.headers[name] = value;
      return reply;
    },
    send(body: unknown) {
      sent.body = body;
      return reply;
    },
  };
  const host = {
    switchToHttp: () => ({ getResponse: () => reply, getRequest: () => ({ id: 'req-1', url: '/x' }) }),
  } as unknown as ArgumentsHost;
  new ErrorFilter().catch(error, host);
  return sent;
}

describe('ErrorFilter', () => {
  it('maps domain errors by kind, keeping their message and code', () => {
    expect(respond(statesError('state-not-found', 'state XYZ not found'))).toEqual({
      status: 404,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: {
        statusCode: 404,
        error: 'Not Found',
        message: 'state XYZ not found',
        code: 'state-not-found',
        requestId: 'req-1',
      },
    });
    expect(respond(statesError('event-sequence', 'already a party')).status).toBe(409);
  });

  it('answers 429 with Retry-After for a limit reached', () => {
    const res = respond(
      accountsError('too-many-failed-sign-ins', 'too many failed sign-ins; try again in 60 seconds', 60),
    );
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('60');
    expect(res.body).toMatchObject({ error: 'Too Many Requests', code: 'too-many-failed-sign-ins' });
  });

  it('keeps validation messages as a list', () => {
    expect(respond(new BadRequestException(['date must be a real date'])).body.message).toEqual([
      'date must be a real date',
    ]);
  });

  it('answers 503, not 500, when PostgreSQL or Redis cannot be reached', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(respond(refused).status).toBe(503);
    const typeormWrapped = Object.assign(new Error('terminating connection'), { driverError: { code: '57P01' } });
    expect(respond(typeormWrapped).status).toBe(503);
    expect(respond(new Error('Connection terminated unexpectedly')).body.message).toContain('nothing was saved');
  });

  it('answers 400, not 500, for text PostgreSQL cannot store', () => {
    const nul = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), {
      driverError: { code: '22021' },
    });
    expect(respond(nul).status).toBe(400);
    expect(JSON.stringify(respond(nul).body)).not.toContain('0x00');
  });

  it('hides the details of anything else behind a 500 with the request id', () => {
    const res = respond(new Error('syntax error at or near "SELEC"'));
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toContain('SELEC');
    expect(res.body.requestId).toBe('req-1');
  });
});
