import { HANDLED_JOBS, HandledJobName, JobHandlers } from './job-handlers';

const ctx = { attemptsMade: 0, attempts: 1, timestamp: 0 };

function complete(): JobHandlers {
  const handlers = new JobHandlers();
  for (const name of Object.keys(HANDLED_JOBS) as HandledJobName[])
    handlers.register(name, () => Promise.resolve(name));
  return handlers;
}

describe('JobHandlers', () => {
  it('refuses a second handler for a job name, naming it', () => {
    const handlers = new JobHandlers();
    handlers.register('mail.send', () => Promise.resolve('a'));
    expect(() => handlers.register('mail.send', () => Promise.resolve('b'))).toThrow(/job mail\.send has two handlers/);
  });

  it('stops the start when a job name has no handler, naming every one missing', () => {
    const handlers = new JobHandlers();
    handlers.register('mail.send', () => Promise.resolve('a'));
    expect(() => handlers.verify()).toThrow(
      'no handler for job(s) follow-up.reminder, follow-up.escalation, mail.due, digest.compose, digest.tick, depositary.fetch, depositary.tick; the worker cannot start',
    );
    expect(() => complete().verify()).not.toThrow();
  });

  it('runs the handler registered for the name, with the payload', async () => {
    const handlers = new JobHandlers();
    handlers.register('mail.send', (data, job) => Promise.resolve(`${data.outboxId}/${job.attempts}`));
    await expect(handlers.run('mail', 'mail.send', { outboxId: 'x' }, ctx)).resolves.toBe('x/1');
  });

  it('refuses a job on a queue that does not carry its name, and a name outside the catalogue', () => {
    const handlers = complete();
    expect(() => handlers.run('digest', 'mail.send', {}, ctx)).toThrow(
      'the digest queue has no handler for job mail.send',
    );
    expect(() => handlers.run('mail', 'toString', {}, ctx)).toThrow('the mail queue has no handler for job toString');
  });
});
