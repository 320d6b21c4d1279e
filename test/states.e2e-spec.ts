import { startApi, TestApi } from './support/api';

const daysFromToday = (days: number) => new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);

/** Art. 126(2), worked by hand: the first day of the month after the sixtieth day following the deposit. */
function romeStatuteInForce(deposited: string): string {
  const sixtieth = new Date(Date.parse(`${deposited}T00:00:00Z`) + 60 * 86400_000);
  return new Date(Date.UTC(sixtieth.getUTCFullYear(), sixtieth.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
}

describe('states and their treaty status', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api.close();
  });

  const list = async (query = '') => {
    const res = await api.request('GET', `/api/states${query}`);
    expect(res.status).toBe(200);
    return res.body as any[];
  };
  const romeStatute = async (code: string, asOf: string) =>
    (await api.request('GET', `/api/states/${code}?asOf=${asOf}`)).body.instruments['rome-statute'];
  const partiesOn = async (asOf: string) =>
    (await list(`?asOf=${asOf}`)).filter((s) => ['party', 'withdrawing'].includes(s.instruments['rome-statute'].stage));

  it('lists every UN member and observer state plus the Cook Islands and Niue, with names in four languages', async () => {
    const states = await list();
    expect(states).toHaveLength(197);
    expect(states.map((s) => s.code)).toEqual(expect.arrayContaining(['UKR', 'PSE', 'COK', 'NIU', 'VAT', 'USA']));
    const palestine = states.find((s) => s.code === 'PSE');
    expect(palestine).toMatchObject({
      name: 'State of Palestine',
      commonName: 'Palestine',
      region: 'mena',
      unGroup: 'asia-pacific',
      unStatus: 'observer',
    });
    expect(palestine.names).toEqual({ en: 'State of Palestine', fr: 'Palestine', es: 'Palestina', ar: 'فلسطين' });
    expect(states.find((s) => s.code === 'KGZ').instruments['rome-statute'].stage).toBe('signed');
    expect(states.find((s) => s.code === 'IND').instruments['rome-statute']).toEqual({
      stage: 'none',
      signedOn: null,
      depositedOn: null,
      depositKind: null,
      inForceOn: null,
      withdrawalNotifiedOn: null,
      withdrawalEffectiveOn: null,
      signatureWithdrawnOn: null,
      confirmed: true,
    });
  });

  // The last event of the reference data is of May 2026: counts on a fixed later day hold whatever today is.
  it('counts 124 Rome Statute parties at the end of 2016, 123 at the end of 2017 and 125 in November 2026', async () => {
    expect(await partiesOn('2016-12-31')).toHaveLength(124);
    expect(await partiesOn('2017-12-31')).toHaveLength(123);
    expect(await partiesOn('2026-11-30')).toHaveLength(125);
  });

  it('matches the published count of parties per UN regional group in November 2026', async () => {
    const parties = await partiesOn('2026-11-30');
    const byGroup: Record<string, number> = {};
    for (const s of parties) byGroup[s.unGroup] = (byGroup[s.unGroup] ?? 0) + 1;
    expect(byGroup).toEqual({
      african: 33,
      'asia-pacific': 19,
      'eastern-european': 20,
      'latin-american-caribbean': 28,
      'western-european-other': 25,
    });
  });

  it("derives Ukraine's entry into force on 1 January 2025 from its deposit of 25 October 2024 (art. 126)", async () => {
    expect(await romeStatute('ukr', '2024-12-31')).toMatchObject({
      stage: 'deposited',
      depositedOn: '2024-10-25',
      inForceOn: '2025-01-01',
    });
    expect((await romeStatute('UKR', '2025-01-01')).stage).toBe('party');
    expect((await romeStatute('UKR', '2024-10-24')).stage).toBe('signed');
  });

  it('puts every instrument deposited by 11 April 2002 into force on 1 July 2002', async () => {
    expect(await romeStatute('BIH', '2002-06-30')).toMatchObject({
      stage: 'deposited',
      depositedOn: '2002-04-11',
      inForceOn: '2002-07-01',
    });
    expect(await romeStatute('AUS', '2003-01-01')).toMatchObject({
      depositedOn: '2002-07-01',
      inForceOn: '2002-09-01',
    });
  });

  it("follows Burundi's withdrawal: notified 27 October 2016, effective a year later (art. 127)", async () => {
    expect(await romeStatute('BDI', '2017-01-01')).toMatchObject({
      stage: 'withdrawing',
      withdrawalNotifiedOn: '2016-10-27',
      withdrawalEffectiveOn: '2017-10-27',
    });
    expect((await romeStatute('BDI', '2017-10-26')).stage).toBe('withdrawing');
    expect((await romeStatute('BDI', '2017-10-27')).stage).toBe('withdrawn');
  });

  it('shows Hungary withdrawing during 2025-26 and a party again once the notice was revoked', async () => {
    expect(await romeStatute('HUN', '2025-12-31')).toMatchObject({
      stage: 'withdrawing',
      withdrawalEffectiveOn: '2026-06-02',
    });
    expect(await romeStatute('HUN', '2026-07-01')).toMatchObject({ stage: 'party', withdrawalNotifiedOn: null });
  });

  it('never counts Malaysia, whose accession was withdrawn before it entered into force', async () => {
    expect(await romeStatute('MYS', '2019-04-01')).toMatchObject({ stage: 'deposited', inForceOn: '2019-06-01' });
    // Never a party, so never drawn as withdrawn: back to no stage, the withdrawn deposit kept in its history.
    expect((await romeStatute('MYS', '2019-06-02')).stage).toBe('none');
  });

  it("keeps Montenegro's succession in force from independence", async () => {
    expect(await romeStatute('MNE', '2007-01-01')).toMatchObject({
      stage: 'party',
      depositKind: 'succession',
      inForceOn: '2006-06-03',
    });
  });

  it('applies APIC art. 35 (thirtieth day) and the amendments one year after deposit', async () => {
    const albania = (await api.request('GET', '/api/states/ALB?asOf=2006-08-31')).body.instruments.apic;
    expect(albania).toMatchObject({ stage: 'deposited', depositedOn: '2006-08-02', inForceOn: '2006-09-01' });
    const andorra = (await api.request('GET', '/api/states/AND')).body.instruments['amendment-aggression'];
    expect(andorra).toMatchObject({ stage: 'party', depositedOn: '2013-09-26', inForceOn: '2014-09-26' });
  });

  it('filters by region, stage of an instrument, and name in any language', async () => {
    const europeanParties = await list('?region=europe&stage=party');
    expect(europeanParties.length).toBeGreaterThan(30);
    expect(europeanParties.every((s) => s.region === 'europe' && s.instruments['rome-statute'].stage === 'party')).toBe(
      true,
    );
    const apicParties = await list('?instrument=apic&stage=party');
    expect(apicParties.every((s) => s.instruments.apic.stage === 'party')).toBe(true);
    expect((await list('?q=ucrania')).map((s) => s.code)).toEqual(['UKR']);
    expect((await list('?q=ukr')).map((s) => s.code)).toContain('UKR');
    expect(await list('?region=mena&q=zzzz')).toEqual([]);
  });

  it('takes a list of stages: party,withdrawing are the states parties the stats count (124 at the end of 2016)', async () => {
    const parties = await list('?asOf=2016-12-31&stage=party,withdrawing');
    expect(parties).toHaveLength(124);
    expect(parties.map((s) => s.code)).toContain('BDI'); // withdrawal notified in October 2016, effective 2017
    expect(parties.map((s) => s.code).sort()).toEqual((await partiesOn('2016-12-31')).map((s) => s.code).sort());
    const series = await api.request('GET', '/api/stats/parties?from=2016-12-31&to=2016-12-31');
    expect(series.body.series.at(-1)).toEqual({ date: '2016-12-31', parties: 124 });
    // One stage alone still means that stage; the order and repeats of a list do not matter.
    // Burundi, South Africa and The Gambia had notified their withdrawals by then: withdrawing, still parties.
    expect(await list('?asOf=2016-12-31&stage=party')).toHaveLength(121);
    expect(await list('?asOf=2016-12-31&stage=withdrawing,party,party')).toEqual(parties);
    const refused = await api.request('GET', '/api/states?stage=party,ratified');
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body.message)).toContain('stage must be one of none, signed');
    expect((await api.request('GET', '/api/states?stage=party,')).status).toBe(400);
  });

  it('sends the list gzipped to clients that accept it, and 304 while it is unchanged', async () => {
    const plain = await fetch(`${api.url}/api/states?region=africa`, {
      headers: { authorization: `Bearer ${api.adminToken}` },
    });
    const etag = plain.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    const zipped = await fetch(`${api.url}/api/states?region=africa`, {
      headers: { authorization: `Bearer ${api.adminToken}`, 'accept-encoding': 'gzip' },
    });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(await zipped.json()).toEqual(await plain.json());
    const again = await api.request('GET', '/api/states?region=africa', { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    await api.request('PUT', '/api/states/NGA/implementation/cooperation', { body: { stage: 'drafting' } });
    const changed = await api.request('GET', '/api/states?region=africa', { headers: { 'if-none-match': etag! } });
    expect(changed.status).toBe(200);
    expect(changed.body.find((s: any) => s.code === 'NGA').implementation.cooperation).toBe('drafting');
  });

  it('drops its cached list when another process changes the data (PostgreSQL NOTIFY)', async () => {
    const stageOf = async () => (await list('?region=africa')).find((s) => s.code === 'GHA').implementation.crimes;
    expect(await stageOf()).toBe('unknown');
    await api.db.query(
      `INSERT INTO implementation_change (state_code, track, stage, date) VALUES ('GHA', 'crimes', 'enacted', '2020-01-01')`,
    );
    const deadline = Date.now() + 3000;
    while ((await stageOf()) !== 'enacted' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await stageOf()).toBe('enacted');
  });

  it('returns one state with every event oldest first, each carrying its source', async () => {
    const res = await api.request('GET', '/api/states/bdi');
    expect(res.status).toBe(200);
    const events = res.body.events.filter((e: any) => e.instrument === 'rome-statute');
    expect(events.map((e: any) => [e.type, e.date])).toEqual([
      ['signature', '1999-01-13'],
      ['ratification', '2004-09-21'],
      ['withdrawal-notified', '2016-10-27'],
      ['withdrawal-effective', '2017-10-27'],
    ]);
    expect(events[0]).toMatchObject({
      recordedBy: null,
      source: expect.stringContaining('ABA ICC Project, states parties table (2015) (https://'),
      sourceUrl: expect.stringMatching(/^https:\/\//),
      confidence: 'reported',
    });
    expect(JSON.stringify(res.body.events)).not.toMatch(/ABA15|A126|DISAGREE|EMPTY/);
  });

  it('changes the derived status when a new event is recorded, and shows who recorded it', async () => {
    const before = await api.request('GET', '/api/states/KGZ');
    expect(before.body.instruments['rome-statute'].stage).toBe('signed');
    // Deposited five days ago, so it is not yet in force whatever day the test runs.
    const deposited = daysFromToday(-5);
    const created = await api.request('POST', '/api/states/kgz/events', {
      body: {
        instrument: 'rome-statute',
        type: 'ratification',
        date: deposited,
        source: 'C.N.123.2026.TREATIES-XVIII.10',
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      stateCode: 'KGZ',
      type: 'ratification',
      date: deposited,
      recordedBy: { name: 'Administrator' },
    });
    const after = await api.request('GET', '/api/states/KGZ');
    expect(after.body.instruments['rome-statute']).toMatchObject({
      stage: 'deposited',
      inForceOn: romeStatuteInForce(deposited),
    });
    const listed = (await list('?stage=deposited')).map((s) => s.code);
    expect(listed).toContain('KGZ');
    // The instant in the form the write answered with, as every instant of the API: UTC with milliseconds and `Z`.
    expect(created.body.recordedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(after.body.events.at(-1)).toMatchObject({
      type: 'ratification',
      recordedBy: { name: 'Administrator' },
      recordedAt: created.body.recordedAt,
    });
  });

  it('records an entry-into-force event that overrides the computed date', async () => {
    await api.request('POST', '/api/states/SOM/events', {
      body: { instrument: 'apic', type: 'accession', date: '2026-01-10' },
    });
    expect((await api.request('GET', '/api/states/SOM')).body.instruments.apic.inForceOn).toBe('2026-02-09');
    const res = await api.request('POST', '/api/states/SOM/events', {
      body: { instrument: 'apic', type: 'entry-into-force', date: '2026-03-01' },
    });
    expect(res.status).toBe(201);
    expect((await api.request('GET', '/api/states/SOM')).body.instruments.apic).toMatchObject({
      inForceOn: '2026-03-01',
      stage: 'party',
    });
  });

  it('keeps the history of implementing legislation and answers as of a date', async () => {
    const first = await api.request('PUT', '/api/states/KEN/implementation/crimes', {
      body: { stage: 'drafting', date: '2020-03-01', reference: 'Bill 12/2020' },
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      track: 'crimes',
      stage: 'drafting',
      date: '2020-03-01',
      reference: 'Bill 12/2020',
    });
    await api.request('PUT', '/api/states/KEN/implementation/crimes', {
      body: { stage: 'enacted', date: '2022-06-30' },
    });
    const now = (await api.request('GET', '/api/states/KEN')).body;
    expect(now.implementation).toEqual({ cooperation: 'unknown', crimes: 'enacted' });
    expect(now.implementationHistory.map((h: any) => h.stage)).toEqual(['drafting', 'enacted']);
    expect(now.implementationHistory[0].recordedAt).toBe(first.body.recordedAt);
    const then = (await api.request('GET', '/api/states/KEN?asOf=2021-01-01')).body;
    expect(then.implementation.crimes).toBe('drafting');
    expect(then.implementationHistory).toHaveLength(1);
  });

  it('gives the number of parties over time, agreeing with the status as of each date', async () => {
    const res = await api.request('GET', '/api/stats/parties?from=2002-06-01&to=2026-11-01');
    expect(res.status).toBe(200);
    const series: { date: string; parties: number }[] = res.body.series;
    const at = (d: string) => [...series].reverse().find((p) => p.date <= d)?.parties;
    expect(series[0]).toEqual({ date: '2002-06-01', parties: 0 });
    // The 66 instruments deposited by 11 April 2002 entered into force together on 1 July 2002.
    expect(at('2002-06-30')).toBe(0);
    expect(at('2002-07-01')).toBe(66);
    expect(at('2016-12-31')).toBe(124);
    for (const date of ['2005-06-30', '2012-01-01', '2019-03-17', '2024-02-01']) {
      expect(at(date)).toBe((await partiesOn(date)).length);
    }
    expect(series.at(-1)).toEqual({ date: '2026-11-01', parties: 125 });
  });

  it('lists the instruments as the depositary keeps them, the three 2017 amendments apart', async () => {
    const res = await api.request('GET', '/api/instruments');
    expect(res.status).toBe(200);
    expect(res.body.map((i: any) => [i.code, i.unReference])).toEqual([
      ['rome-statute', 'XVIII-10'],
      ['apic', 'XVIII-13'],
      ['amendment-aggression', 'XVIII-10-b'],
      ['amendment-art8-2010', 'XVIII-10-a'],
      ['amendment-art8-2017-biological', 'XVIII-10-d'],
      ['amendment-art8-2017-fragments', 'XVIII-10-e'],
      ['amendment-art8-2017-laser', 'XVIII-10-f'],
      ['amendment-art8-2019', 'XVIII-10-g'],
    ]);
    expect(res.body[0]).toEqual({
      code: 'rome-statute',
      name: 'Rome Statute of the International Criminal Court',
      names: {
        en: 'Rome Statute of the International Criminal Court',
        fr: 'Statut de Rome de la Cour pénale internationale',
        es: 'Estatuto de Roma de la Corte Penal Internacional',
        ar: expect.stringContaining('روما'),
      },
      adoptedOn: '1998-07-17',
      unReference: 'XVIII-10',
      entryIntoForce: expect.stringContaining('Art. 126'),
    });
  });

  it('refuses the retired 2017 code with a 400 naming the three instruments that replace it', async () => {
    for (const res of [
      await api.request('GET', '/api/states?instrument=amendment-art8-2017&stage=party'),
      await api.request('GET', '/api/stats/parties?instrument=amendment-art8-2017'),
      await api.request('POST', '/api/states/IND/events', {
        body: { instrument: 'amendment-art8-2017', type: 'acceptance', date: '2024-01-05' },
      }),
    ]) {
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.message)).toContain(
        'amendment-art8-2017-biological, amendment-art8-2017-fragments, amendment-art8-2017-laser',
      );
    }
  });

  it('records how sure an event is, and marks the status unconfirmed while a reported event stands behind it', async () => {
    const depositary = await api.request('POST', '/api/states/IND/events', {
      body: {
        instrument: 'amendment-art8-2019',
        type: 'ratification',
        date: daysFromToday(-400),
        confidence: 'depositary',
        reference: 'C.N.12.2025.TREATIES-XVIII.10.g',
        sourceUrl: 'https://treaties.un.org/doc/Publication/CN/2025/CN.12.2025-Eng.pdf',
      },
    });
    expect(depositary.status).toBe(201);
    expect(depositary.body).toMatchObject({ confidence: 'depositary', reference: 'C.N.12.2025.TREATIES-XVIII.10.g' });
    const after = (await api.request('GET', '/api/states/IND')).body.instruments['amendment-art8-2019'];
    expect(after).toMatchObject({ stage: 'party', confirmed: true });
    const reported = await api.request('POST', '/api/states/IND/events', {
      body: { instrument: 'apic', type: 'signature', date: daysFromToday(-3), source: 'A press report' },
    });
    expect(reported.body.confidence).toBe('reported');
    expect((await api.request('GET', '/api/states/IND')).body.instruments.apic).toMatchObject({
      stage: 'signed',
      confirmed: false,
    });
    const badUrl = await api.request('POST', '/api/states/IND/events', {
      body: { instrument: 'apic', type: 'ratification', date: daysFromToday(-1), sourceUrl: 'javascript:alert(1)' },
    });
    expect(badUrl.status).toBe(400);
    expect(JSON.stringify(badUrl.body.message)).toContain('sourceUrl');
  });

  it('keeps the United States at stage none with its 2000 signature in the history', async () => {
    const usa = (await api.request('GET', '/api/states/USA')).body;
    expect(usa.name).toBe('United States of America');
    expect(usa.instruments['rome-statute']).toMatchObject({
      stage: 'none',
      signedOn: '2000-12-31',
      signatureWithdrawnOn: '2002-05-06',
    });
    expect(usa.events.map((e: any) => e.type)).toEqual(['signature', 'signature-withdrawn']);
    const signatories = await list('?stage=signed');
    expect(signatories.map((s) => s.code)).not.toContain('USA');
  });
});
