import { signUp, startApi, TestApi } from './support/api';

/** A calendar date `days` from today (UTC), negative for the past. */
const day = (days: number) => new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);
const inHours = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString();
const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

describe('dashboards: the figures of the world, a region and a state', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
    // Senegal's actions: two in the last 30 days, one more in 90, one older, one planned (not yet counted).
    for (const [date, title] of [
      [day(0), 'Meeting today'],
      [day(-20), 'Letter three weeks ago'],
      [day(-60), 'Briefing two months ago'],
      [day(-200), 'Call last winter'],
      [day(30), 'Planned event'],
    ]) {
      const res = await api.request('POST', '/api/actions', {
        body: { stateCode: 'SEN', type: 'meeting', date, title },
      });
      expect(res.status).toBe(201);
    }
    // Senegal's follow-ups: one overdue, one due in two days, one in a month, one done. The API takes no reminder
    // time in the past, so the overdue one is written as if it had been set earlier, its reminder already sent.
    await api.db.query(
      `INSERT INTO follow_up (state_code, region, title, remind_at, assignee_id, created_by, reminder_for)
       SELECT s.code, s.region, 'Overdue reply', $1, u.id, u.id, $1
         FROM state s, (SELECT id FROM app_user WHERE role = 'admin' ORDER BY created_at LIMIT 1) u
        WHERE s.code = 'SEN'`,
      [inHours(-30)],
    );
    for (const [remindAt, title] of [
      [inHours(48), 'Due soon'],
      [inHours(24 * 30), 'Later'],
      [inHours(72), 'Closed already'],
    ]) {
      const res = await api.request('POST', '/api/follow-ups', { body: { stateCode: 'SEN', title, remindAt } });
      expect(res.status).toBe(201);
      if (title === 'Closed already') {
        expect(
          (await api.request('PATCH', `/api/follow-ups/${res.body.id}`, { body: { status: 'done' } })).status,
        ).toBe(200);
      }
    }
  });
  afterAll(async () => {
    await api.close();
  });

  it('counts every state at one stage of each instrument, the same as the states list', async () => {
    const { status, body } = await api.request('GET', '/api/dashboards/global');
    expect(status).toBe(200);
    expect(body.stateCount).toBe(197);
    expect(body.instruments.map((i: { instrument: string }) => i.instrument)).toEqual([
      'rome-statute',
      'apic',
      'amendment-aggression',
      'amendment-art8-2010',
      'amendment-art8-2017-biological',
      'amendment-art8-2017-fragments',
      'amendment-art8-2017-laser',
      'amendment-art8-2019',
    ]);
    for (const row of body.instruments) expect(sum(row.stages)).toBe(197);
    const parties = await api.request('GET', '/api/states?stage=party');
    expect(body.instruments[0].stages.party).toBe(parties.body.length);
    for (const row of body.implementation) expect(sum(row.stages)).toBe(197);
  });

  it('splits the world into the five regions and draws the parties over time', async () => {
    const { body } = await api.request('GET', '/api/dashboards/global');
    expect(body.regions.map((r: { region: string }) => r.region)).toEqual([
      'africa',
      'americas',
      'asia-pacific',
      'europe',
      'mena',
    ]);
    expect(body.regions.reduce((n: number, r: { stateCount: number }) => n + r.stateCount, 0)).toBe(197);
    const rome = body.instruments[0].stages;
    expect(body.regions.reduce((n: number, r: { parties: number }) => n + r.parties, 0)).toBe(
      rome.party + rome.withdrawing,
    );
    const series: { date: string; parties: number }[] = body.partiesOverTime;
    expect(series.at(-1)).toEqual({ date: body.asOf, parties: rome.party + rome.withdrawing });
    // The README's example: 124 states parties at the end of 2016.
    expect(series.filter((p) => p.date <= '2016-12-31').at(-1)!.parties).toBe(124);
  });

  it('counts actions of the last 30 and 90 days and open, overdue and soon-due follow-ups', async () => {
    const world = (await api.request('GET', '/api/dashboards/global')).body;
    const africa = (await api.request('GET', '/api/dashboards/regions/africa')).body;
    const senegal = (await api.request('GET', '/api/dashboards/states/sen')).body;
    for (const d of [world, africa, senegal]) {
      expect(d.actions).toEqual({ last30Days: 2, last90Days: 3 });
      expect(d.followUps).toEqual({ open: 3, overdue: 1, dueSoon: 1 });
    }
    const europe = (await api.request('GET', '/api/dashboards/regions/europe')).body;
    expect(europe.actions).toEqual({ last30Days: 0, last90Days: 0 });
    expect(europe.followUps).toEqual({ open: 0, overdue: 0, dueSoon: 0 });
  });

  it("gives a region's table: every state with each instrument's stage, both tracks, actions and follow-ups", async () => {
    const { status, body } = await api.request('GET', '/api/dashboards/regions/africa');
    expect(status).toBe(200);
    expect(body).toMatchObject({ region: 'africa', name: 'Africa', stateCount: 49 });
    expect(body.states).toHaveLength(49);
    const names = body.states.map((s: { name: string }) => s.name);
    expect(names).toEqual([...names].sort((a: string, b: string) => new Intl.Collator('en').compare(a, b)));
    const senegal = body.states.find((s: { code: string }) => s.code === 'SEN');
    expect(senegal).toEqual({
      code: 'SEN',
      name: 'Senegal',
      instruments: expect.objectContaining({ 'rome-statute': 'party', 'amendment-art8-2019': 'none' }),
      implementation: { cooperation: 'unknown', crimes: 'unknown' },
      actions: { last90Days: 3, lastOn: day(0) },
      followUps: { open: 3, overdue: 1 },
    });
    const kenya = body.states.find((s: { code: string }) => s.code === 'KEN');
    expect(kenya.actions).toEqual({ last90Days: 0, lastOn: null });
    expect(body.instruments[0].stages.party).toBe(
      body.states.filter((s: { instruments: Record<string, string> }) => s.instruments['rome-statute'] === 'party')
        .length,
    );
  });

  it("gives a state's status with its timeline, counted like a region of one", async () => {
    const { status, body } = await api.request('GET', '/api/dashboards/states/UKR');
    expect(status).toBe(200);
    expect(body.stateCount).toBe(1);
    expect(body.state).toMatchObject({ code: 'UKR', name: 'Ukraine', region: 'europe' });
    expect(body.state.instruments['rome-statute'].stage).toBe('party');
    expect(body.instruments[0]).toEqual({
      instrument: 'rome-statute',
      stages: { none: 0, signed: 0, deposited: 0, party: 1, withdrawing: 0, withdrawn: 0 },
    });
    expect(body.recentChanges[0]).toMatchObject({ kind: 'treaty-event', stateCode: 'UKR', type: 'ratification' });
    expect(body.state.events.length).toBeGreaterThan(0);
  });

  it('moves the figures as soon as a treaty event or an implementation change is recorded', async () => {
    const before = (await api.request('GET', '/api/dashboards/regions/asia-pacific')).body;
    const india = before.states.find((s: { code: string }) => s.code === 'IND');
    expect(india.instruments['rome-statute']).toBe('none');
    const event = await api.request('POST', '/api/states/IND/events', {
      body: { instrument: 'rome-statute', type: 'signature', date: day(-1), source: 'Test notification' },
    });
    expect(event.status).toBe(201);
    const change = await api.request('PUT', '/api/states/IND/implementation/crimes', { body: { stage: 'drafting' } });
    expect(change.status).toBe(200);

    const after = (await api.request('GET', '/api/dashboards/regions/asia-pacific')).body;
    expect(after.instruments[0].stages.signed).toBe(before.instruments[0].stages.signed + 1);
    expect(after.instruments[0].stages.none).toBe(before.instruments[0].stages.none - 1);
    expect(after.implementation[1]).toMatchObject({ track: 'crimes' });
    expect(after.implementation[1].stages.drafting).toBe(before.implementation[1].stages.drafting + 1);
    expect(after.states.find((s: { code: string }) => s.code === 'IND')).toMatchObject({
      instruments: expect.objectContaining({ 'rome-statute': 'signed' }),
      implementation: { cooperation: 'unknown', crimes: 'drafting' },
    });
    const kinds = after.recentChanges
      .slice(0, 2)
      .map((c: { kind: string; stateCode: string }) => [c.kind, c.stateCode]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ['treaty-event', 'IND'],
        ['implementation', 'IND'],
      ]),
    );
    const world = (await api.request('GET', '/api/dashboards/global')).body;
    expect(world.recentChanges[0].stateCode).toBe('IND');
  });

  it('answers 404 for an unknown region or state, and 401 without a token', async () => {
    const region = await api.request('GET', '/api/dashboards/regions/antarctica');
    expect(region.status).toBe(404);
    expect(region.body.message).toContain('africa, americas, asia-pacific, europe, mena');
    expect((await api.request('GET', '/api/dashboards/states/XYZ')).status).toBe(404);
    expect((await api.request('GET', '/api/dashboards/global', { token: null })).status).toBe(401);
  });

  it('is readable by every signed-in role', async () => {
    const viewer = await signUp(api, { role: 'viewer' });
    expect((await api.request('GET', '/api/dashboards/states/KEN', { token: viewer.token })).status).toBe(200);
  });
});
