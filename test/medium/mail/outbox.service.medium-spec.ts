import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MailTransport, OutboxRepository, OutboxService, RawEmail, SendFailure, SendFailureKind } from '@app/mail';
import { Job, JobQueue } from '@app/platform';
import { openTestDatabase } from '../../support/medium';

/**
 * What the outbox does with each kind of failed send: retry later, give up for good, or keep as possibly
 * delivered. The SMTP server is replaced by a transport that fails as told.
 */
describe('OutboxService delivery failures', () => {
  let db: DataSource;
  let outbox: OutboxService;
  const queued: Job[] = [];
  const sent: RawEmail[] = [];
  let next: SendFailureKind | undefined;

  beforeAll(async () => {
    db = await openTestDatabase();
    const transport = {
      render: () => Promise.resolve('MIME'),
      send: (email: RawEmail) => {
        if (next) return Promise.reject(new SendFailure(next, `told to fail: ${next}`));
        sent.push(email);
        return Promise.resolve();
      },
    } as unknown as MailTransport;
    const jobs = {
      add: (job: Job) => {
        queued.push(job);
        return Promise.resolve(true);
      },
    } as unknown as JobQueue;
    outbox = new OutboxService(new OutboxRepository(db), transport, jobs);
  });
  afterAll(() => db.destroy());
  beforeEach(() => {
    next = undefined;
    sent.length = 0;
    queued.length = 0;
  });

  const compose = async (notBefore?: Date) => {
    const tag = randomBytes(4).toString('hex');
    const { id } = await db.transaction((m) =>
      outbox.compose(
        m,
        {
          idempotencyKey: `test:${tag}`,
          kind: 'test',
          recipient: `r-${tag}@tracker.test`,
          subject: tag,
          html: '<p>x</p>',
          text: 'x',
        },
        notBefore,
      ),
    );
    return id;
  };
  const row = async (id: string) =>
    (
      await db.query<{ status: string; attempts: number; lastError: string | null }[]>(
        'SELECT status, attempts, last_error AS "lastError" FROM outbox_email WHERE id = $1',
        [id],
      )
    )[0];
  const retriedBy = async () => (await outbox.unsentJobs()).map((j) => (j.name === 'mail.send' ? j.data.outboxId : ''));

  it('keeps an email refused for good (5xx) as failed, sends it no more, and leaves it to nobody to retry', async () => {
    const id = await compose();
    next = 'permanent';
    expect(await outbox.deliver(id, false)).toBe('failed');
    expect(await row(id)).toEqual({ status: 'failed', attempts: 1, lastError: 'told to fail: permanent' });
    next = undefined;
    expect(await outbox.deliver(id, false)).toBe('already-done');
    expect(sent).toEqual([]);
    expect(await retriedBy()).not.toContain(id);
  });

  it('keeps an email that may have been delivered as uncertain, and never sends it again', async () => {
    const id = await compose();
    next = 'uncertain';
    expect(await outbox.deliver(id, false)).toBe('uncertain');
    expect(await row(id)).toEqual({ status: 'uncertain', attempts: 1, lastError: 'told to fail: uncertain' });
    next = undefined;
    expect(await outbox.deliver(id, false)).toBe('already-done');
    expect(sent).toEqual([]);
    expect(await retriedBy()).not.toContain(id);
  });

  it('hands a passing failure back for a retry, then gives up on the last attempt', async () => {
    const id = await compose();
    next = 'retry';
    await expect(outbox.deliver(id, false)).rejects.toThrow('told to fail: retry');
    expect(await row(id)).toEqual({ status: 'pending', attempts: 1, lastError: 'told to fail: retry' });
    expect(await retriedBy()).toContain(id);
    await expect(outbox.deliver(id, false)).rejects.toThrow('told to fail: retry');
    expect(await outbox.deliver(id, true)).toBe('failed');
    expect(await row(id)).toEqual({ status: 'failed', attempts: 3, lastError: 'told to fail: retry' });
    expect(await retriedBy()).not.toContain(id);
  });

  it('gives a scheduled email that fails in its batch its own retrying job, and records one that may have gone', async () => {
    const past = new Date(Date.now() - 1000);
    const [retried, uncertain] = [await compose(past), await compose(past)];
    next = 'retry';
    await db.query(`UPDATE outbox_email SET status = 'cancelled' WHERE id = $1`, [uncertain]);
    expect(await outbox.deliverDue()).toBe(0);
    expect(await row(retried)).toMatchObject({ status: 'pending', attempts: 1 });
    expect(queued).toContainEqual({ queue: 'mail', name: 'mail.send', data: { outboxId: retried } });

    await db.query(`UPDATE outbox_email SET status = 'pending' WHERE id = $1`, [uncertain]);
    next = 'uncertain';
    expect(await outbox.deliverDue()).toBe(0);
    expect(await row(uncertain)).toMatchObject({ status: 'uncertain', attempts: 1 });
    expect(queued.filter((j) => j.name === 'mail.send' && j.data.outboxId === uncertain)).toEqual([]);
  });
});
