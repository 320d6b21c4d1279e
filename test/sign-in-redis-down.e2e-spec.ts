import { startApi, TestApi } from './support/api';
import { TcpProxy } from './support/tcp-proxy';
import { ADMIN } from './support/test-env';

const redis = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');

/** The sign-in limits live in Redis: when it does not answer, sign-in stops rather than allowing unlimited guesses. */
describe('sign-in while Redis does not answer', () => {
  let api: TestApi;
  const proxy = new TcpProxy(redis.hostname, Number(redis.port || 6379));
  beforeAll(async () => {
    await proxy.start();
    const url = new URL(redis);
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    api = await startApi({ REDIS_URL: url.toString() });
  });
  afterAll(async () => {
    proxy.resume();
    await api.close();
    await proxy.stop();
  });

  it('answers 503 within seconds, for a right and a wrong password alike, and signs in again once Redis answers', async () => {
    proxy.pause();
    for (const body of [ADMIN, { ...ADMIN, password: 'not-the-password' }]) {
      const started = Date.now();
      const res = await api.request('POST', '/api/auth/login', { token: null, body });
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('sign-in-limits-unavailable');
      expect(res.body).not.toHaveProperty('accessToken');
      expect(Date.now() - started).toBeLessThan(5_000);
    }
    const reset = await api.request('POST', '/api/auth/password-reset', { token: null, body: { email: ADMIN.email } });
    expect(reset.status).toBe(503);

    proxy.resume();
    const again = await api.request('POST', '/api/auth/login', { token: null, body: ADMIN });
    expect(again.status).toBe(200);
    expect(typeof again.body.accessToken).toBe('string');
  });
});
