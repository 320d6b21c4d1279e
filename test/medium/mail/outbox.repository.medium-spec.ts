import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { NewOutboxEmail, OutboxRepository } from '@app/mail';
import { openTestDatabase } from '../../support/medium';

const minutesFromNow = (n: number) => new Date(Date.now() + n * 60_000);

describe('OutboxRepository', () => {
  let db: DataSource;
  let outbox: OutboxRepository;
  beforeAll(async () => {
    db = await openTestDatabase();
    outbox = new OutboxRepository(db);
  });
  afterAll(() => db.destroy());

  const email = (over: Partial<NewOutboxEmail> = {}): NewOutboxEmail => {
    const tag = randomBytes(4).toString('hex');
    return {
      id: randomUUID(),
      idempotencyKey: `test:${tag}`,
      kind: 'test',
      recipient: `r-${tag}@tracker.test`,
      subject: `Subject ${tag}`,
      html: '<p>Hello</p>',
      text: 'Hello',
      mime: 'MIME',
      notBefore: null,
      sensitive: false,
      ...over,
    };
  };
  const statusOf = async (id: string) =>
    (
      await db.query<{ status: string; attempts: number; html: string; mime: string | null }[]>(
        'SELECT status, attempts, html, mime FROM outbox_email WHERE id = $1',
        [id],
      )
    )[0];

  it('keeps one email per idempotency key, however often it is composed', async () => {
    const first = email();
    const again = { ...email(), idempotencyKey: first.idempotencyKey };
    expect(await outbox.insertOnce(db, first)).toEqual({ id: first.id, created: true });
    expect(await outbox.insertOnce(db, again)).toEqual({ id: first.id, created: false });
    const [{ count }] = await db.query('SELECT count(*)::int AS count FROM outbox_email WHERE idempotency_key = $1', [
      first.idempotencyKey,
    ]);
    expect(count).toBe(1);
  });

  it('never claims a cancelled email, and composing its key again brings it back with the new content', async () => {
    const scheduled = email({ notBefore: minutesFromNow(-1) });
    await outbox.insertOnce(db, scheduled);
    expect(await outbox.cancelUntried(db, { idempotencyKey: scheduled.idempotencyKey, reason: 'moved' })).toBe(true);
    expect(await outbox.claim(scheduled.id)).toBeNull();
    expect((await outbox.claimDue({ limit: 1000 })).map((r) => r.id)).not.toContain(scheduled.id);
    expect(await statusOf(scheduled.id)).toMatchObject({ status: 'cancelled', attempts: 0 });

    const revived = { ...email({ notBefore: minutesFromNow(-1) }), idempotencyKey: scheduled.idempotencyKey };
    expect(await outbox.insertOnce(db, revived)).toEqual({ id: revived.id, created: true });
    expect((await outbox.claim(revived.id))?.subject).toBe(revived.subject);
  });

  it('cancels only an email never tried', async () => {
    const tried = email();
    await outbox.insertOnce(db, tried);
    await outbox.claim(tried.id);
    expect(await outbox.cancelUntried(db, { idempotencyKey: tried.idempotencyKey, reason: 'too late' })).toBe(false);
    expect(await statusOf(tried.id)).toMatchObject({ status: 'sending', attempts: 1 });
  });

  it('claims one email only when due, counting the attempt, and not once it is sent', async () => {
    const later = email({ notBefore: minutesFromNow(30) });
    const now = email({ text: 'Plain text' });
    await outbox.insertOnce(db, later);
    await outbox.insertOnce(db, now);
    expect(await outbox.claim(later.id)).toBeNull();
    expect(await outbox.claim(now.id)).toEqual({
      id: now.id,
      recipient: now.recipient,
      subject: now.subject,
      html: now.html,
      text: 'Plain text',
      mime: 'MIME',
      attempts: 1,
    });
    // Left `sending` (a crash mid-send), it may be claimed again: the attempt is counted again.
    expect((await outbox.claim(now.id))?.attempts).toBe(2);
    await outbox.markSent({ id: now.id, placeholder: '[gone]' });
    expect(await outbox.claim(now.id)).toBeNull();
    expect(await statusOf(now.id)).toMatchObject({ status: 'sent', html: now.html, mime: 'MIME' });
  });

  it('drops the body of a sensitive email once sent', async () => {
    const link = email({ sensitive: true });
    await outbox.insertOnce(db, link);
    await outbox.claim(link.id);
    await outbox.markSent({ id: link.id, placeholder: '[gone]' });
    expect(await statusOf(link.id)).toMatchObject({ status: 'sent', html: '[gone]', mime: null });
  });

  it('claims due emails earliest first, skipping the ones another transaction holds', async () => {
    const due = [-3, -2, -1].map((m) => email({ notBefore: minutesFromNow(m) }));
    for (const e of due) await outbox.insertOnce(db, e);
    const notYet = email({ notBefore: minutesFromNow(10) });
    await outbox.insertOnce(db, notYet);
    const mine = (ids: string[]) => ids.filter((id) => [...due, notYet].some((e) => e.id === id));

    const other = db.createQueryRunner();
    await other.connect();
    await other.startTransaction();
    try {
      await other.query('SELECT id FROM outbox_email WHERE id = $1 FOR UPDATE', [due[0].id]);
      const claimed = await outbox.claimDue({ limit: 1000 });
      expect(mine(claimed.map((r) => r.id)).sort()).toEqual([due[1].id, due[2].id].sort());
      expect(claimed.every((r) => r.attempts === 1)).toBe(true);
    } finally {
      await other.rollbackTransaction();
      await other.release();
    }
    expect(mine((await outbox.claimDue({ limit: 1000 })).map((r) => r.id))).toEqual([due[0].id]);
    // Claimed once: a second pass finds nothing of these.
    expect(mine((await outbox.claimDue({ limit: 1000 })).map((r) => r.id))).toEqual([]);
  });

  it('claims the earliest due emails first when more are due than one batch', async () => {
    const due = [-50, -60, -55].map((m) => email({ notBefore: minutesFromNow(m) }));
    for (const e of due) await outbox.insertOnce(db, e);
    expect((await outbox.claimDue({ limit: 1 })).map((r) => r.id)).toEqual([due[1].id]);
    expect((await outbox.claimDue({ limit: 1 })).map((r) => r.id)).toEqual([due[2].id]);
    expect((await outbox.claimDue({ limit: 1 })).map((r) => r.id)).toEqual([due[0].id]);
  });

  it('records a failure as pending for a retry, or failed for good', async () => {
    const e = email();
    await outbox.insertOnce(db, e);
    await outbox.claim(e.id);
    await outbox.recordFailure({ id: e.id, status: 'pending', error: 'try later' });
    expect((await outbox.claim(e.id))?.attempts).toBe(2);
    await outbox.recordFailure({ id: e.id, status: 'failed', error: 'mailbox unavailable' });
    expect(await outbox.claim(e.id)).toBeNull();
  });

  it('hands the reconciler unsent and stranded emails, and says when scheduled ones are due', async () => {
    const pending = email();
    const stranded = email();
    const fresh = email();
    const scheduled = email({ notBefore: minutesFromNow(-1) });
    for (const e of [pending, stranded, fresh, scheduled]) await outbox.insertOnce(db, e);
    await outbox.claim(stranded.id);
    await outbox.claim(fresh.id);
    await db.query(`UPDATE outbox_email SET last_attempt_at = now() - interval '10 minutes' WHERE id = $1`, [
      stranded.id,
    ]);
    const ids = await outbox.unsentIds({ staleAfterSeconds: 60, limit: 5000 });
    expect(ids).toEqual(expect.arrayContaining([pending.id, stranded.id]));
    expect(ids).not.toContain(fresh.id);
    // Scheduled and never tried: the batch job sends it, not a job of its own.
    expect(ids).not.toContain(scheduled.id);
    expect(await outbox.anyScheduledDue()).toBe(true);
    expect(await outbox.oldestOverdueSeconds('test')).toBeGreaterThanOrEqual(0);
    expect(await outbox.oldestOverdueSeconds('no-such-kind')).toBe(0);
  });
});
