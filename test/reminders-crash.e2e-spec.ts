import { SmtpSink } from './support/smtp-sink';
import { startApi, TestApi } from './support/api';
import { startBuilt, Started } from './support/processes';

jest.setTimeout(150_000);

describe('a worker killed while reminders are due', () => {
  let api: TestApi;
  const smtp = new SmtpSink();
  let worker: Started | undefined;

  beforeAll(async () => {
    await smtp.start();
    api = await startApi({ SMTP_URL: smtp.url, RECONCILE_EVERY_SECONDS: '5', QUEUE_MAIL_BACKOFF_MS: '500' });
  });
  afterAll(async () => {
    await worker?.stop();
    await api.close();
    await smtp.stop();
  });

  const workerEnv = () => ({
    DATABASE_URL: process.env.DATABASE_URL!,
    QUEUE_PREFIX: process.env.QUEUE_PREFIX!,
    SMTP_URL: smtp.url,
    RECONCILE_EVERY_SECONDS: '5',
    QUEUE_MAIL_BACKOFF_MS: '500',
    LOG_LEVEL: 'info',
  });

  it('sends every reminder after kill -9 and a restart, each as one message (one Message-ID)', async () => {
    worker = startBuilt('worker', workerEnv());
    await worker.waitFor('Worker connected to Redis and ready');
    const count = 40;
    const due = new Date(Date.now() + 3000).toISOString();
    for (let i = 0; i < count; i++) {
      const res = await api.request('POST', '/api/follow-ups', {
        body: { stateCode: 'PER', title: `Crash test ${i}`, remindAt: due },
      });
      expect(res.status).toBe(201);
    }
    // Kill it as soon as the first reminders go out, while the rest are in hand or still queued.
    await smtp.waitFor((mails) => mails.length >= 1, 20_000);
    const killed = await worker.stop('SIGKILL');
    expect(killed.signal).toBe('SIGKILL');
    const beforeRestart = smtp.mails.length;
    expect(beforeRestart).toBeLessThan(count);

    worker = startBuilt('worker', workerEnv());
    await smtp.waitFor((mails) => mails.length >= count, 75_000);
    await new Promise((r) => setTimeout(r, 6000)); // a reconciler pass after everything arrived
    // SMTP cannot be exactly-once across a crash: a send the server accepted in the instant before the worker
    // died is not yet marked sent, and is sent again rather than risk losing it. Every copy of a reminder
    // carries the same Message-ID, so a mail client shows one message; copies are bounded by the sends in flight.
    const idsPerTitle = new Map<string, Set<string>>();
    for (const m of smtp.mails) idsPerTitle.set(m.subject, (idsPerTitle.get(m.subject) ?? new Set()).add(m.messageId));
    expect(idsPerTitle.size).toBe(count);
    expect([...idsPerTitle.values()].filter((ids) => ids.size !== 1)).toEqual([]);
    const ids = [...idsPerTitle.values()].map((set) => [...set][0]);
    expect(ids.every((id) => /^<[0-9a-f-]{36}@rome-statute-tracker>$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(count);
    // Per message, as the README promises: a send in hand at the kill goes again once, never more.
    const copiesPerTitle = new Map<string, number>();
    for (const m of smtp.mails) copiesPerTitle.set(m.subject, (copiesPerTitle.get(m.subject) ?? 0) + 1);
    expect([...copiesPerTitle].filter(([, n]) => n > 2)).toEqual([]);
    const extraCopies = smtp.mails.length - count;
    expect(extraCopies).toBeLessThanOrEqual(10); // QUEUE_MAIL_CONCURRENCY: at most the sends in hand at the kill
    const rows = (await api.db.query(`SELECT status, count(*)::int AS n FROM outbox_email GROUP BY status`)).rows;
    expect(rows).toEqual([{ status: 'sent', n: count }]);
  });

  it('finishes or hands back the jobs in hand on SIGTERM, so a restart sends the rest once', async () => {
    await worker?.stop('SIGKILL');
    const before = smtp.mails.length;
    worker = startBuilt('worker', workerEnv());
    await worker.waitFor('Worker connected to Redis and ready');
    const count = 30;
    const due = new Date(Date.now() + 3000).toISOString();
    for (let i = 0; i < count; i++) {
      await api.request('POST', '/api/follow-ups', {
        body: { stateCode: 'PER', title: `Shutdown test ${i}`, remindAt: due },
      });
    }
    await smtp.waitFor((mails) => mails.length >= before + 1, 20_000);
    const stopped = await worker.stop('SIGTERM');
    expect(stopped.killed).toBe(false);

    worker = startBuilt('worker', workerEnv());
    await smtp.waitFor((mails) => mails.filter((m) => m.subject.includes('Shutdown test')).length >= count, 60_000);
    await new Promise((r) => setTimeout(r, 6000));
    const subjects = smtp.mails.filter((m) => m.subject.includes('Shutdown test')).map((m) => m.subject);
    expect(subjects).toHaveLength(count);
    expect(new Set(subjects).size).toBe(count);
  });
});
