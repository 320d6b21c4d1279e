import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signUp, startApi, TestApi } from './support/api';
import { ADMIN } from './support/test-env';
import { WebClient } from './support/web-client';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LONG_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
/** 2013-09-26 → "26 Sep 2013", as the UN's tables write a date. */
const unDate = (iso: string, months = MONTHS) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${months[m - 1]} ${y}`;
};
const daysFromToday = (days: number) => new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);

/**
 * The participants table of UN XVIII-10-a (the 2010 article 8 amendment) as the status page prints it and a
 * browser copies it: a header, then one participant a line, the date and its mark after a tab; footnote numbers
 * after some names. Built from the 2026 source review's rows, which were read from that page (test/fixtures).
 */
function art8Table(change: (row: { state: string; date: string; mark: string }) => void = () => undefined): string {
  const csv = readFileSync(join(__dirname, 'fixtures/un-xviii-10-a-art8-2010.csv'), 'utf8');
  const rows = csv
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [, state, , type, date] = line.split(',');
      const row = { state, date, mark: type === 'acceptance' ? ' A' : '' };
      change(row);
      return row;
    });
  const footnoted = new Set(['Netherlands (Kingdom of the)', 'Liechtenstein']);
  return [
    'Participant\tAcceptance(A), Ratification',
    ...rows.map((r) => `${r.state}${footnoted.has(r.state) ? '1' : ''}\t${unDate(r.date)}${r.mark}`),
    '',
    '1 For the Kingdom in Europe.',
  ].join('\n');
}

describe('depositary intake: tables and notifications become proposals a person decides', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
    // An empty record for the 2010 article 8 amendment, as before the tracker held any of its rows.
    await api.db.query(`DELETE FROM treaty_event WHERE instrument = 'amendment-art8-2010'`);
  });
  afterAll(async () => {
    await api.close();
  });

  const importTable = (text: string, instrument = 'amendment-art8-2010') =>
    api.request('POST', '/api/depositary/status-tables', { body: { instrument, text } });
  const pending = async (query = '') =>
    (await api.request('GET', `/api/depositary/proposals?status=pending${query}`)).body.items as any[];

  it('proposes the 45 deposits of the UN XVIII-10-a table on an empty record, and nothing on a second import', async () => {
    const first = await importTable(art8Table());
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      instrument: 'amendment-art8-2010',
      participants: 45,
      proposals: 45,
      unchanged: 0,
    });
    expect(first.body.unmatched).toEqual([]);
    const proposals = await pending('&instrument=amendment-art8-2010');
    expect(proposals).toHaveLength(45);
    expect(proposals.find((p) => p.stateCode === 'NLD')).toMatchObject({
      type: 'acceptance',
      date: '2016-09-23',
      change: 'new',
      currentEventId: null,
    });
    expect(proposals.find((p) => p.stateCode === 'ARG')).toMatchObject({ type: 'ratification', change: 'new' });
    // Nothing changed in the record until a person accepts.
    const { rows } = await api.db.query(
      `SELECT count(*)::int AS n FROM treaty_event WHERE instrument = 'amendment-art8-2010'`,
    );
    expect(rows[0].n).toBe(0);

    const second = await importTable(art8Table());
    expect(second.body).toMatchObject({ participants: 45, proposals: 0 });
    expect(await pending('&instrument=amendment-art8-2010')).toHaveLength(45);
  });

  it('pages the proposals with nextCursor, each once, and answers 400 to a cursor it did not issue', async () => {
    const all = await pending('&instrument=amendment-art8-2010&limit=200');
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await api.request(
        'GET',
        `/api/depositary/proposals?status=pending&instrument=amendment-art8-2010&limit=20${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(20);
      seen.push(...res.body.items.map((p: any) => p.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(all.map((p) => p.id));
    expect(new Set(seen).size).toBe(45);

    for (const forged of ['nonsense', Buffer.from('["x","y","z"]').toString('base64url')]) {
      const bad = await api.request('GET', `/api/depositary/proposals?cursor=${forged}`);
      expect(bad.status).toBe(400);
      expect(bad.body.message).toMatch(/cursor/);
    }
  });

  it('records an accepted proposal as a depositary event, audited, and then proposes a differing date as a change', async () => {
    const [andorra] = await pending('&state=and&instrument=amendment-art8-2010');
    const accepted = await api.request('POST', `/api/depositary/proposals/${andorra.id}/accept`);
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({
      stateCode: 'AND',
      type: 'acceptance',
      date: '2013-09-26',
      confidence: 'depositary',
    });
    const audit = await api.request('GET', `/api/audit?entity=depositary-proposal&id=${andorra.id}`);
    expect(audit.body.items[0]).toMatchObject({
      action: 'update',
      after: expect.objectContaining({ status: 'accepted' }),
    });

    const again = await importTable(art8Table());
    expect(again.body).toMatchObject({ proposals: 0, unchanged: 1 });

    const moved = await importTable(art8Table((r) => r.state === 'Andorra' && (r.date = '2013-09-27')));
    expect(moved.body.proposals).toBe(1);
    const [change] = await pending('&state=AND&instrument=amendment-art8-2010');
    expect(change).toMatchObject({ change: 'different-date', date: '2013-09-27', currentEventId: accepted.body.id });
    expect((await api.request('POST', `/api/depositary/proposals/${change.id}/accept`)).status).toBe(201);
    const andorraNow = (await api.request('GET', '/api/states/AND')).body;
    expect(andorraNow.instruments['amendment-art8-2010']).toMatchObject({ depositedOn: '2013-09-27', confirmed: true });
    expect(andorraNow.events.filter((e: any) => e.instrument === 'amendment-art8-2010')).toHaveLength(1);
  });

  it('rejects a proposal with its reason, and lists unmatched names without guessing', async () => {
    const [argentina] = await pending('&state=ARG&instrument=amendment-art8-2010');
    const refused = await api.request('POST', `/api/depositary/proposals/${argentina.id}/reject`, { body: {} });
    expect(refused.status).toBe(400);
    const rejected = await api.request('POST', `/api/depositary/proposals/${argentina.id}/reject`, {
      body: { reason: 'Checked against the C.N.: wrong date on that copy' },
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      reason: 'Checked against the C.N.: wrong date on that copy',
    });
    const odd = await importTable(`Participant\tRatification\nAtlantis\t1 Jan 2015\nArgentina\t28 Apr 2017`);
    // Argentina agrees with its pending proposal; Andorra, whose deposit is recorded, is not in this table.
    expect(odd.body).toMatchObject({ participants: 2, proposals: 1, unmatched: ['Atlantis'] });
    const [missing] = await pending('&state=AND&instrument=amendment-art8-2010');
    expect(missing).toMatchObject({ change: 'missing-there', type: 'acceptance', date: '2013-09-27' });
    const nothingToRecord = await api.request('POST', `/api/depositary/proposals/${missing.id}/accept`);
    expect(nothingToRecord.status).toBe(409);
    expect(nothingToRecord.body.message).toContain('not in the depositary');
  });

  it('refuses what it cannot read with 422 naming the line, and an unknown instrument with 400', async () => {
    const bad = await importTable(`Participant\tRatification\nAndorra\t26 Sep 2013 A\nAustria\t31 Fev 2014`);
    expect(bad.status).toBe(422);
    expect(bad.body.message).toContain('line 3');
    const unknown = await importTable('Andorra\t26 Sep 2013', 'amendment-art8-2017');
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body.message)).toContain('amendment-art8-2017-biological');
    const notice = await api.request('POST', '/api/depositary/notifications', {
      body: { text: 'Dear colleagues,\nnothing here' },
    });
    expect(notice.status).toBe(422);
    expect(notice.body.message).toContain('C.N.');
  });

  it('proposes withdrawal-notified from a C.N. and, once accepted, the state is withdrawing', async () => {
    const on = daysFromToday(-10);
    const text = [
      'C.N.412.2026.TREATIES-XVIII.10 (Depositary Notification)',
      'ROME STATUTE OF THE INTERNATIONAL CRIMINAL COURT',
      'ROME, 17 JULY 1998',
      'KENYA: WITHDRAWAL',
      'The Secretary-General of the United Nations, acting in his capacity as depositary, communicates the following:',
      `The action was effected on ${unDate(on, LONG_MONTHS)}.`,
    ].join('\n');
    const read = await api.request('POST', '/api/depositary/notifications', { body: { text } });
    expect(read.status).toBe(201);
    expect(read.body).toMatchObject({
      reference: 'C.N.412.2026.TREATIES-XVIII.10',
      instrument: 'rome-statute',
      stateCode: 'KEN',
      type: 'withdrawal-notified',
      date: on,
      proposals: 1,
    });
    expect((await api.request('GET', '/api/states/KEN')).body.instruments['rome-statute'].stage).toBe('party');
    const [proposal] = await pending('&state=KEN');
    const accepted = await api.request('POST', `/api/depositary/proposals/${proposal.id}/accept`);
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ reference: 'C.N.412.2026.TREATIES-XVIII.10', confidence: 'depositary' });
    expect((await api.request('GET', '/api/states/KEN')).body.instruments['rome-statute'].stage).toBe('withdrawing');
  });

  it('answers 409 with the reason when the treaty rules refuse a proposal, which stays pending', async () => {
    const text = [
      'C.N.413.2026.TREATIES-XVIII.10 (Depositary Notification)',
      'ROME STATUTE OF THE INTERNATIONAL CRIMINAL COURT',
      'SENEGAL: ACCESSION',
      `The action was effected on ${unDate(daysFromToday(-3), LONG_MONTHS)}.`,
    ].join('\n');
    const read = await api.request('POST', '/api/depositary/notifications', { body: { text } });
    expect(read.body).toMatchObject({ stateCode: 'SEN', type: 'accession', proposals: 1 });
    const [proposal] = await pending('&state=SEN');
    const refused = await api.request('POST', `/api/depositary/proposals/${proposal.id}/accept`);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('already deposited an instrument');
    expect((await pending('&state=SEN')).map((p) => p.id)).toEqual([proposal.id]);
  });

  it('lets only admins import or decide', async () => {
    const officer = await signUp(api, { role: 'campaign-officer', regions: ['europe'] });
    const res = await api.request('POST', '/api/depositary/status-tables', {
      token: officer.token,
      body: { instrument: 'amendment-art8-2010', text: art8Table() },
    });
    expect(res.status).toBe(403);
    expect((await api.request('GET', '/api/depositary/proposals', { token: officer.token })).status).toBe(200);
  });

  it('imports a 125-row status table in under a second (measured here, once)', async () => {
    const parties: { name: string; signed: string | null; deposited: string; kind: string }[] = (
      await api.request('GET', '/api/states?stage=party,withdrawing')
    ).body.map((s: any) => ({
      name: s.name,
      signed: s.instruments['rome-statute'].signedOn,
      deposited: s.instruments['rome-statute'].depositedOn,
      kind: s.instruments['rome-statute'].depositKind,
    }));
    expect(parties.length).toBeGreaterThanOrEqual(124);
    const marks: Record<string, string> = { accession: ' a', succession: ' d', acceptance: ' A', approval: ' AA' };
    const rows = parties
      .slice(0, 125)
      .map((p) => `${p.name}\t${p.signed ? unDate(p.signed) : ''}\t${unDate(p.deposited)}${marks[p.kind] ?? ''}`);
    while (rows.length < 125) rows.push(`Atlantis ${rows.length}\t\t1 Jan 2015`);
    const started = performance.now();
    const res = await importTable(
      ['Participant\tSignature\tRatification, Acceptance(A), Accession(a), Succession(d)', ...rows].join('\n'),
      'rome-statute',
    );
    const ms = performance.now() - started;
    process.stdout.write(`125-row status table imported in ${ms.toFixed(0)} ms\n`);
    expect(res.status).toBe(201);
    expect(res.body.participants).toBe(125);
    expect(ms).toBeLessThan(1000);
  });

  it("links the admin page's pending proposals to the next page, which lists the ones after", async () => {
    // Sixty more pending: sixty parties' deposits of the 2019 amendment on a record that holds none.
    await api.db.query(`DELETE FROM treaty_event WHERE instrument = 'amendment-art8-2019'`);
    const names = (await api.request('GET', '/api/states?stage=party')).body.slice(0, 60).map((s: any) => s.name);
    const read = await importTable(
      ['Participant\tAcceptance(A), Ratification', ...names.map((n: string) => `${n}\t15 Jun 2021`)].join('\n'),
      'amendment-art8-2019',
    );
    expect(read.body.proposals).toBe(60);
    const admin = new WebClient(api.url);
    expect((await admin.signIn(ADMIN.email, ADMIN.password)).status).toBe(303);
    const ids = (html: string) =>
      [...html.matchAll(/action="\/depositary\/proposals\/([0-9a-f-]+)\/accept"/g)].map((m) => m[1]);
    const first = await admin.get('/depositary');
    const next = /<a href="([^"]+)">More pending proposals<\/a>/.exec(first.html)?.[1];
    expect(next).toMatch(/^\/depositary\?cursor=/);
    const second = await admin.get(next!.replace(/&amp;/g, '&'));
    expect(second.status).toBe(200);
    expect(ids(first.html)).toHaveLength(50);
    expect([...ids(first.html), ...ids(second.html)]).toEqual(
      (await pending('&limit=200')).map((p) => p.id).slice(0, 100),
    );
  });
});
