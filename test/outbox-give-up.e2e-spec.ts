import { INestApplicationContext } from '@nestjs/common';
import { QUEUE_SETTINGS } from '@app/platform';
import { startApi, TestApi } from './support/api';
import { freePort } from './support/processes';
import { ADMIN } from './support/test-env';
import { startWorker } from './support/worker';

jest.setTimeout(90_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An email the SMTP server never takes is tried QUEUE_SETTINGS.mail.attempts (10) times, then kept as failed. */
describe('an email whose SMTP server never answers', () => {
  let api: TestApi;
  let worker: INestApplicationContext | undefined;
  beforeAll(async () => {
    // Nothing listens there: every attempt is refused, a failure worth retrying.
    api = await startApi({ SMTP_URL: `smtp://127.0.0.1:${await freePort()}`, QUEUE_MAIL_BACKOFF_MS: '20' });
    worker = await startWorker();
  });
  afterAll(async () => {
    await worker?.close();
    await api.close();
  });

  it('is tried 10 times, then marked failed with the last error, and tried no more', async () => {
    expect(QUEUE_SETTINGS.mail.attempts).toBe(10);
    const asked = await api.request('POST', '/api/auth/password-reset', { token: null, body: { email: ADMIN.email } });
    expect(asked.status).toBe(202);
    const row = async () =>
      (
        await api.db.query(
          `SELECT status, attempts, last_error AS "lastError" FROM outbox_email WHERE lower(recipient) = lower($1)`,
          [ADMIN.email],
        )
      ).rows as { status: string; attempts: number; lastError: string | null }[];
    const deadline = Date.now() + 60_000;
    while ((await row())[0]?.status !== 'failed') {
      if (Date.now() > deadline) throw new Error(`not failed within 60 s: ${JSON.stringify(await row())}`);
      await sleep(200);
    }
    const [failed] = await row();
    expect(failed).toMatchObject({ status: 'failed', attempts: 10 });
    expect(failed.lastError).toEqual(expect.any(String));
    await sleep(3_000);
    expect(await row()).toEqual([failed]);
  });
});
