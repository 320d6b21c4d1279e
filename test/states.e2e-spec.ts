import { startApi, signUp, TestApi } from './support/api';

describe('states and their treaty status', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api.close();
  });

  const partiesOn = async (asOf: string) => {
    const res = await api.request('GET', `/api/states?asOf=${asOf}`);
    expect(res.status).toBe(200);
    return (res.body as any[]).filter((s) => ['party', 'withdrawing'].includes(s.instruments['rome-statute'].stage));
  };

  it('lists every UN member and observer state plus the Cook Islands and Niue', async () => {
    const res = await api.request('GET', '/api/states');
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(197);
    const codes = (res.body as any[]).map((s) => s.code);
    expect(codes).toEqual(expect.arrayContaining(['UKR', 'PSE', 'COK', 'NIU', 'VAT', 'USA']));
    const palestine = (res.body as any[]).find((s) => s.code === 'PSE');
    expect(palestine).toMatchObject({ name: 'Palestine', region: 'mena', unStatus: 'observer' });
    expect(palestine.names.ar).toBe('فلسطين');
  });

  it('counts 124 Rome Statute parties at the end of 2016 and 125 today', async () => {
    expect(await partiesOn('2016-12-31')).toHaveLength(124);
    const today = await partiesOn(new Date().toISOString().slice(0, 10));
    expect(today).toHaveLength(125);
  });

  it("derives Ukraine's entry into force on 1 January 2025 from its deposit of 25 October 2024", async () => {
    const before = await api.request('GET', '/api/states/ukr?asOf=2024-12-31');
    expect(before.body.instruments['rome-statute']).toMatchObject({
      stage: 'deposited',
      depositedOn: '2024-10-25',
      inForceOn: '2025-01-01',
    });
    const after = await api.request('GET', '/api/states/UKR?asOf=2025-01-01');
    expect(after.body.instruments['rome-statute'].stage).toBe('party');
  });
});
