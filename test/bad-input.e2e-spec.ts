import { startApi, TestApi } from './support/api';

describe('bad input gets a clear 4xx naming the problem, and changes nothing', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api.close();
  });

  const eventCount = async () => Number((await api.db.query('SELECT count(*) FROM treaty_event')).rows[0].count);
  const post = (code: string, body: unknown) => api.request('POST', `/api/states/${code}/events`, { body });

  it('answers 404 naming an unknown state code', async () => {
    const res = await api.request('GET', '/api/states/XYZ');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found', message: 'state XYZ not found' });
    expect((await post('qqq', { instrument: 'rome-statute', type: 'signature', date: '2020-01-01' })).status).toBe(404);
    expect(
      (await api.request('PUT', '/api/states/QQQ/implementation/crimes', { body: { stage: 'drafting' } })).status,
    ).toBe(404);
  });

  it.each([
    [
      { instrument: 'rome-treaty', type: 'signature', date: '2020-01-01' },
      'instrument must be one of rome-statute, apic',
    ],
    [{ instrument: 'rome-statute', type: 'ratified', date: '2020-01-01' }, 'type must be one of signature'],
    [
      { instrument: 'rome-statute', type: 'signature', date: '2025-02-30' },
      'date must be a real date written YYYY-MM-DD',
    ],
    [
      { instrument: 'rome-statute', type: 'signature', date: '01/02/2020' },
      'date must be a real date written YYYY-MM-DD',
    ],
    [{ instrument: 'rome-statute', type: 'signature', date: 20200101 }, 'date must be a real date written YYYY-MM-DD'],
    [{ instrument: 'rome-statute', type: 'signature' }, 'date must be a real date written YYYY-MM-DD'],
    [
      { instrument: 'rome-statute', type: 'signature', date: '2020-01-01', colour: 'red' },
      'property colour should not exist',
    ],
    [
      { instrument: 'rome-statute', type: 'signature', date: '2020-01-01', source: 'x'.repeat(2001) },
      'source must be shorter than or equal to 2000 characters',
    ],
  ])('refuses %j with 400: %s', async (body, message) => {
    const before = await eventCount();
    const res = await post('IND', body);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('Bad Request');
    expect(JSON.stringify(res.body.message)).toContain(message);
    expect(await eventCount()).toBe(before);
  });

  it('refuses a date more than a year in the future and one before the Statute existed', async () => {
    const future = new Date(Date.now() + 400 * 86400_000).toISOString().slice(0, 10);
    const res = await post('IND', { instrument: 'rome-statute', type: 'signature', date: future });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('more than one year in the future');
    const early = await post('IND', { instrument: 'rome-statute', type: 'signature', date: '1997-01-01' });
    expect(early.status).toBe(400);
    expect(early.body.message).toContain('before rome-statute was adopted (1998-07-17)');
  });

  it.each([
    [
      'an entry into force before any deposit',
      'IND',
      { type: 'entry-into-force', date: '2010-01-01' },
      'comes before any deposit',
    ],
    [
      'a deposit while already a party',
      'DEU',
      { type: 'accession', date: '2015-01-01' },
      'already deposited an instrument (ratification on 2000-12-11)',
    ],
    ['a withdrawal by a non-party', 'USA', { type: 'withdrawal-notified', date: '2020-01-01' }, 'not a party'],
    ['a second signature', 'USA', { type: 'signature', date: '2020-01-01' }, 'already signed on 2000-12-31'],
    [
      'a revocation with nothing pending',
      'FRA',
      { type: 'withdrawal-revoked', date: '2020-01-01' },
      'no pending withdrawal',
    ],
  ])('refuses %s with 409 and says why', async (_what, code, event, message) => {
    const before = await eventCount();
    const res = await post(code, { instrument: 'rome-statute', ...event });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: 'Conflict', code: 'event-sequence' });
    expect(res.body.message).toContain(message);
    expect(await eventCount()).toBe(before);
  });

  it('refuses malformed JSON, a body that is not JSON and an oversized body with 4xx, never 500', async () => {
    const malformed = await api.request('POST', '/api/states/IND/events', { body: '{"instrument": "rome-statute",' });
    expect(malformed.status).toBe(400);
    const text = await api.request('POST', '/api/states/IND/events', {
      body: 'hello',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(400);
    const huge = await api.request('POST', '/api/states/IND/events', {
      body: JSON.stringify({ note: 'x'.repeat(1_100_000) }),
    });
    expect(huge.status).toBe(413);
  });

  it('refuses bad query parameters naming them', async () => {
    const cases: [string, string][] = [
      ['/api/states?asOf=2025-13-01', 'asOf must be a real date'],
      ['/api/states?region=oceania', 'region must be one of africa, americas, asia-pacific, europe, mena'],
      ['/api/states?stage=ratified', 'stage must be one of none, signed'],
      ['/api/states?sort=name', 'property sort should not exist'],
      ['/api/states/UKR?asOf=yesterday', 'asOf must be a real date'],
      ['/api/stats/parties?instrument=kampala', 'instrument must be one of'],
      ['/api/stats/parties?from=2020-01-01&to=2010-01-01', 'from (2020-01-01) must not be after to (2010-01-01)'],
      ['/api/users?limit=0', 'limit must not be less than 1'],
      ['/api/users?limit=500', 'limit must not be greater than 200'],
      ['/api/users?cursor=garbage', 'cursor is not one this server issued'],
    ];
    for (const [path, message] of cases) {
      const res = await api.request('GET', path);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(JSON.stringify(res.body.message)).toContain(message);
    }
  });

  it('refuses an unknown implementation track or stage, and a future date', async () => {
    const track = await api.request('PUT', '/api/states/KEN/implementation/genocide', { body: { stage: 'drafting' } });
    expect(track.status).toBe(400);
    expect(track.body.message).toContain('track must be one of cooperation, crimes');
    const stage = await api.request('PUT', '/api/states/KEN/implementation/crimes', { body: { stage: 'passed' } });
    expect(stage.status).toBe(400);
    expect(JSON.stringify(stage.body.message)).toContain(
      'stage must be one of unknown, none, drafting, before-parliament, enacted',
    );
    const future = await api.request('PUT', '/api/states/KEN/implementation/crimes', {
      body: { stage: 'enacted', date: '2099-01-01' },
    });
    expect(future.status).toBe(400);
    expect(future.body.message).toContain('in the future');
  });

  describe('instants and cursors that are not what they claim (issue 16, item 6)', () => {
    const inDays = (d: number) => new Date(Date.now() + d * 86400_000).toISOString();
    const followUpCount = async () => Number((await api.db.query('SELECT count(*) FROM follow_up')).rows[0].count);
    const actionCount = async () => Number((await api.db.query('SELECT count(*) FROM advocacy_action')).rows[0].count);
    const cursorOf = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
    // Out-of-range parts, and a day that does not exist (JavaScript would roll 30 February over to 2 March).
    const badInstants = [
      '2027-03-01T25:00:00Z',
      '2027-03-01T09:61:00Z',
      '2027-03-01T09:00:61Z',
      '2027-03-01T24:00:00Z',
      '2027-03-01T09:00:00+99:99',
      '2027-03-01T09:00:00+19:00',
      '2027-03-01T09:00:00+01:60',
      '2027-02-30T09:00:00Z',
      '2027-13-01T09:00:00Z',
      '2027-00-10T09:00:00Z',
    ];

    it.each(badInstants)('refuses remindAt %s with 400 naming remindAt, creating nothing', async (remindAt) => {
      const before = await followUpCount();
      const res = await api.request('POST', '/api/follow-ups', {
        body: { stateCode: 'KEN', title: 'Call the ministry', remindAt },
      });
      expect({ remindAt, status: res.status }).toEqual({ remindAt, status: 400 });
      expect(JSON.stringify(res.body.message)).toContain('remindAt must be an ISO 8601 instant with a time zone');
      expect(await followUpCount()).toBe(before);
    });

    it('refuses the same instants when a follow-up is moved, leaving it where it was', async () => {
      const created = await api.request('POST', '/api/follow-ups', {
        body: { stateCode: 'KEN', title: 'Call the ministry', remindAt: inDays(5) },
      });
      expect(created.status).toBe(201);
      for (const remindAt of badInstants) {
        const res = await api.request('PATCH', `/api/follow-ups/${created.body.id}`, { body: { remindAt } });
        expect({ remindAt, status: res.status }).toEqual({ remindAt, status: 400 });
        expect(JSON.stringify(res.body.message)).toContain('remindAt must be an ISO 8601 instant');
      }
      expect((await api.request('GET', `/api/follow-ups/${created.body.id}`)).body.remindAt).toBe(
        created.body.remindAt,
      );
    });

    it("refuses them as an action's follow-up, saving neither", async () => {
      for (const remindAt of badInstants) {
        const before = [await actionCount(), await followUpCount()];
        const res = await api.request('POST', '/api/actions', {
          body: { stateCode: 'KEN', type: 'meeting', date: '2025-05-05', title: 'Meeting', followUp: { remindAt } },
        });
        expect({ remindAt, status: res.status }).toEqual({ remindAt, status: 400 });
        expect(JSON.stringify(res.body.message)).toContain('followUp.remindAt must be an ISO 8601 instant');
        expect([await actionCount(), await followUpCount()]).toEqual(before);
      }
    });

    it('refuses them in dueBefore', async () => {
      for (const dueBefore of badInstants) {
        const res = await api.request('GET', `/api/follow-ups?dueBefore=${encodeURIComponent(dueBefore)}`);
        expect({ dueBefore, status: res.status }).toEqual({ dueBefore, status: 400 });
        expect(JSON.stringify(res.body.message)).toContain('dueBefore must be an ISO 8601 instant');
      }
      expect((await api.request('GET', `/api/follow-ups?dueBefore=${encodeURIComponent(inDays(10))}`)).status).toBe(
        200,
      );
    });

    it.each(['/api/follow-ups', '/api/actions', '/api/audit', '/api/users', '/api/campaigns'])(
      'refuses a well-formed cursor of the wrong shape on %s with 400',
      async (list) => {
        const forged = [
          ['x', 'y'],
          [1, 2],
          [null],
          [['a'], {}],
          ['a\u0000b'],
          ['2027-02-30 09:00:00+00', '6f1c2a58-2b8e-4f3e-9a57-0c1d2e3f4a5b'],
          ['2026-03-01 25:00:00+00', '1'],
          ['2027-02-30', '6f1c2a58-2b8e-4f3e-9a57-0c1d2e3f4a5b'],
          { at: 'x' },
          'x',
        ];
        for (const key of forged) {
          const res = await api.request('GET', `${list}?cursor=${cursorOf(key)}`);
          expect({ key, status: res.status }).toEqual({ key, status: 400 });
          expect(JSON.stringify(res.body.message)).toContain('cursor is not one this server issued');
        }
      },
    );
  });

  it('gives every error body a request id that matches the header sent', async () => {
    const res = await api.request('GET', '/api/states/XYZ', { headers: { 'x-request-id': 'trace-123' } });
    expect(res.body.requestId).toBe('trace-123');
  });
});
