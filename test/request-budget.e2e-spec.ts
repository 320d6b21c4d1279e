import { signUp, startApi, TestApi } from './support/api';

describe("each signed-in user's request budget", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ USER_REQUESTS_PER_MINUTE: '20' });
  });
  afterAll(async () => {
    await api.close();
  });

  it('answers 429 with Retry-After once one account is over its budget, and serves every other account', async () => {
    const busy = await signUp(api, { role: 'viewer' });
    const other = await signUp(api, { role: 'viewer' });
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) statuses.push((await api.request('GET', '/api/me', { token: busy.token })).status);
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);

    const refused = await api.request('GET', '/api/states/UKR', { token: busy.token });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'too-many-requests-from-user', error: 'Too Many Requests' });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.body.message).toContain(`try again in ${retryAfter} seconds`);

    expect((await api.request('GET', '/api/me', { token: other.token })).status).toBe(200);
  });
});
