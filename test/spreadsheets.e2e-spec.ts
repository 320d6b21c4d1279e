import { readCsv } from '@app/platform';
import { signUp, startApi, TestApi } from './support/api';
import { ADMIN } from './support/test-env';
import { csrfToken, WebClient } from './support/web-client';

const BOM = [0xef, 0xbb, 0xbf];

/**
 * Spreadsheets out and in over HTTP, against the real services: each export is UTF-8 with a byte-order mark, its
 * cells safe from formulas, its filters checked as its list's; an export of actions comes back in through the
 * import's dry run without a complaint, and a commit with one bad row saves nothing.
 */
describe('spreadsheets out and in', () => {
  let api: TestApi;
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api.close();
  });

  /** The raw bytes of a download: fetch's text() would drop the byte-order mark. */
  async function download(path: string, token = api.adminToken) {
    const res = await fetch(api.url + path, { headers: { authorization: `Bearer ${token}` } });
    const bytes = Buffer.from(await res.arrayBuffer());
    return { status: res.status, headers: res.headers, bytes, text: bytes.toString('utf8') };
  }

  const importCsv = (csv: string, dryRun: boolean, token = api.adminToken) =>
    api.request('POST', `/api/actions/import${dryRun ? '?dryRun=true' : ''}`, {
      token,
      body: csv,
      headers: { 'content-type': 'text/csv; charset=utf-8' },
    });

  const liveActions = async (title: string) =>
    Number(
      (
        await api.db.query(`SELECT count(*) AS n FROM advocacy_action WHERE title LIKE $1 AND deleted_at IS NULL`, [
          `${title}%`,
        ])
      ).rows[0].n,
    );

  it('exports the action list with a BOM, a header, Arabic intact and a formula shown as text, and takes it back in a dry run', async () => {
    const contact = await api.request('POST', '/api/contacts', {
      body: { name: 'Ahmed', stateCode: 'JOR', lawfulBasis: 'public-task' },
    });
    const bodies = [
      { stateCode: 'JOR', type: 'meeting', date: today, title: 'اجتماع مع وزير العدل', contactIds: [contact.body.id] },
      { stateCode: 'JOR', type: 'letter-minister', date: today, title: '=HYPERLINK("http://evil.example")' },
      { stateCode: 'JOR', type: 'call', date: today, title: 'Call, with "quotes"', summary: 'two\nlines' },
    ];
    for (const body of bodies) expect((await api.request('POST', '/api/actions', { body })).status).toBe(201);

    const res = await download('/api/actions.csv?state=JOR');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="actions-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect([...res.bytes.subarray(0, 3)]).toEqual(BOM);
    const { header, records } = await readCsv(res.text);
    expect(header.slice(0, 7)).toEqual(['id', 'date', 'stateCode', 'stateName', 'region', 'type', 'title']);
    expect(records).toHaveLength(3);
    const titles = records.map((r) => r.fields.title);
    expect(titles).toContain('اجتماع مع وزير العدل');
    // A spreadsheet shows this cell as the text it is, rather than running it.
    expect(titles).toContain(`'=HYPERLINK("http://evil.example")`);
    expect(records.find((r) => r.fields.type === 'meeting')!.fields.contactIds).toBe(contact.body.id);
    expect(records.find((r) => r.fields.type === 'call')!.fields.summary).toBe('two\nlines');

    const dry = await importCsv(res.text, true);
    expect(dry.status).toBe(200);
    expect(dry.body.errors).toEqual([]);
    expect(dry.body.valid).toBe(3);
    // Each row is an action already held: reported, so that re-importing an export twice is seen before it is done.
    expect(dry.body.duplicates).toHaveLength(3);
  });

  it('imports the minimal columns all at once, audited as one import, with the formula text as it was written', async () => {
    const csv = [
      'state,type,date,title,summary',
      `KEN,meeting,${today},Imported one,"=1+2"`,
      `ken,call,${today},Imported two,`,
      `UGA,briefing-typo,${today},Imported three,`,
    ].join('\r\n');
    const dry = await importCsv(csv, true);
    expect(dry.status).toBe(200);
    expect(dry.body).toEqual({
      valid: 2,
      errors: [{ line: 4, field: 'type', message: expect.stringContaining('type must be one of') }],
      duplicates: [],
    });
    const refused = await importCsv(csv, false);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/^nothing saved: 1 row error\(s\).*line 4: type:/);
    expect(await liveActions('Imported ')).toBe(0);

    const good = csv.split('\r\n').slice(0, 3).join('\r\n');
    const saved = await importCsv(good, false);
    expect(saved.status).toBe(201);
    expect(saved.body.created).toBe(2);
    expect(await liveActions('Imported ')).toBe(2);
    const summary = await api.db.query(`SELECT summary FROM advocacy_action WHERE title = 'Imported one'`);
    expect(summary.rows[0].summary).toBe('=1+2');
    const audit = await api.db.query(`SELECT entity, action, after FROM audit_entry WHERE entity_id = $1`, [
      saved.body.importId,
    ]);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]).toMatchObject({ entity: 'action-import', action: 'create', after: { created: 2 } });
    expect(audit.rows[0].after.actionIds).toHaveLength(2);
  });

  it('names line and field of every bad row, including one spanning lines, and saves none of them', async () => {
    const csv = [
      'stateCode,type,date,title,summary,campaignId',
      `KEN,meeting,${today},Bad rows one,"a summary`,
      `over two lines",`,
      `XXX,meeting,2026-02-30,,,not-a-uuid`,
      `KEN,meeting,${today},Bad rows two,,00000000-0000-4000-8000-000000000000`,
    ].join('\n');
    const dry = await importCsv(csv, true);
    expect(dry.status).toBe(200);
    expect(dry.body.valid).toBe(1);
    expect(dry.body.errors.map((e: { line: number; field: string }) => `${e.line}:${e.field}`)).toEqual([
      '4:stateCode',
      '4:date',
      '4:title',
      '4:campaignId',
      '5:campaignId',
    ]);
    expect((await importCsv(csv, false)).status).toBe(400);
    expect(await liveActions('Bad rows')).toBe(0);
  });

  it('refuses an import from a viewer, and rows outside a regional officer’s regions by line', async () => {
    const viewer = await signUp(api, { role: 'viewer' });
    const csv = `stateCode,type,date,title\nKEN,meeting,${today},Viewer import\n`;
    expect((await importCsv(csv, true, viewer.token)).status).toBe(403);
    expect((await importCsv(csv, false, viewer.token)).status).toBe(403);
    const officer = await signUp(api, { role: 'regional-officer', regions: ['europe'] });
    const dry = await importCsv(`${csv}FRA,meeting,${today},Officer import\n`, true, officer.token);
    expect(dry.body.valid).toBe(1);
    expect(dry.body.errors).toEqual([{ line: 2, field: 'stateCode', message: expect.stringMatching(/not africa/) }]);
    expect(await liveActions('Viewer import')).toBe(0);
  });

  it('refuses a CSV over the size limit with a 413 naming it, and a bad header or quoting with a 400', async () => {
    const huge = `stateCode,type,date,title\n${`KEN,meeting,${today},${'x'.repeat(200)}\n`.repeat(26_000)}`;
    const tooLarge = await importCsv(huge, true);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.message).toMatch(/limit of 5 MB \(5242880 bytes\)/);
    const header = await importCsv(`stateCode,type,when\nKEN,meeting,${today}\n`, true);
    expect(header.status).toBe(400);
    expect(header.body.message).toMatch(/missing: date, title; unknown: when/);
    const quote = await importCsv(`stateCode,type,date,title\nKEN,meeting,${today},"open\n`, true);
    expect(quote.status).toBe(400);
    expect(quote.body.message).toMatch(/^line 2: a quoted field is not closed/);
  });

  it('refuses an export with a bad filter as its list does, before sending any of it', async () => {
    for (const query of ['region=oceania', 'from=2025-13-01', 'state=ZZZ', 'from=2025-02-01&to=2025-01-01']) {
      const list = await api.request('GET', `/api/actions?${query}`);
      const csv = await api.request('GET', `/api/actions.csv?${query}`);
      expect([query, csv.status]).toEqual([query, list.status]);
      expect(csv.status).toBe(400);
      expect(csv.body.message).toEqual(list.body.message);
    }
    expect((await api.request('GET', '/api/actions.csv?limit=5')).status).toBe(400);
    expect((await api.request('GET', '/api/states.csv?asOf=2025-02-30')).status).toBe(400);
    expect((await api.request('GET', '/api/follow-ups.csv?status=later')).status).toBe(400);
    expect((await api.request('GET', '/api/pledges.csv?instrument=nope')).status).toBe(400);
    expect((await api.request('GET', '/api/contacts.csv?organisation=1')).status).toBe(400);
    expect((await api.request('GET', '/api/organisations.csv?kind=club')).status).toBe(400);
    expect((await api.request('GET', '/api/contacts.csv', { token: null })).status).toBe(401);
  });

  it('exports every state with each instrument and Arabic names, and the other lists with their filters', async () => {
    const states = await download('/api/states.csv?asOf=2016-12-31');
    expect(states.status).toBe(200);
    expect([...states.bytes.subarray(0, 3)]).toEqual(BOM);
    const table = await readCsv(states.text);
    expect(table.header).toEqual(expect.arrayContaining(['nameAr', 'rome-statute.stage', 'apic.depositedOn']));
    const jordan = table.records.find((r) => r.fields.code === 'JOR')!.fields;
    expect(jordan.nameAr).toBe('الأردن');
    expect(jordan['rome-statute.stage']).toBe('party');
    expect(table.records.find((r) => r.fields.code === 'HUN')!.fields['rome-statute.stage']).toBe('party');
    expect(table.records.length).toBeGreaterThan(190);

    await api.request('POST', '/api/organisations', { body: { name: '@Coalition Jordan', kind: 'other' } });
    const organisations = await readCsv((await download('/api/organisations.csv?q=coalition jordan')).text);
    expect(organisations.records.map((r) => r.fields.name)).toEqual(["'@Coalition Jordan"]);

    const followUp = await api.request('POST', '/api/follow-ups', {
      body: { stateCode: 'JOR', title: '+ call back', remindAt: new Date(Date.now() + 86_400_000).toISOString() },
    });
    expect(followUp.status).toBe(201);
    const followUps = await readCsv((await download('/api/follow-ups.csv?assignee=me&status=open&state=JOR')).text);
    expect(followUps.records.map((r) => r.fields.title)).toEqual(["'+ call back"]);

    const pledge = await api.request('POST', '/api/pledges', {
      body: { stateCode: 'SAU', instrument: 'rome-statute', madeOn: today, occasion: 'جمعية الدول الأطراف' },
    });
    expect(pledge.status).toBe(201);
    const pledges = await readCsv((await download('/api/pledges.csv?state=SAU')).text);
    expect(pledges.records.map((r) => r.fields.occasion)).toEqual(['جمعية الدول الأطراف']);

    const contacts = await readCsv((await download('/api/contacts.csv?state=JOR')).text);
    expect(contacts.header.slice(0, 3)).toEqual(['name', 'position', 'stateCode']);
    expect(contacts.records.map((r) => r.fields.name)).toEqual(['Ahmed']);
  });

  it('downloads from the pages with the session, and imports through the page after its check', async () => {
    const web = new WebClient(api.url);
    expect((await web.signIn(ADMIN.email, ADMIN.password)).status).toBe(303);
    for (const path of ['/', '/regions/mena', '/contacts', '/organisations', '/follow-ups']) {
      const page = await web.get(path);
      expect([path, page.status]).toEqual([path, 200]);
      const link = /href="(\/[a-z-]+\.csv[^"]*)"/.exec(page.html)?.[1];
      expect([path, link]).toEqual([path, expect.any(String)]);
      const file = await web.get(link!.replace(/&amp;/g, '&'));
      expect([path, file.status, file.headers.get('content-type')]).toEqual([path, 200, 'text/csv; charset=utf-8']);
    }

    const form = await web.get('/actions/import');
    expect(form.status).toBe(200);
    const csv = `stateCode,type,date,title\nJOR,meeting,${today},Page import\nJOR,meeting,not-a-date,Page import bad\n`;
    const checked = await web.post('/actions/import', { _csrf: csrfToken(form.html), csv, step: 'check' });
    expect(checked.status).toBe(200);
    expect(checked.html).toMatch(/<td>3<\/td><td><code>date<\/code><\/td>/);
    expect(checked.html).not.toContain('name="step" value="import"');
    const forced = await web.post('/actions/import', { _csrf: csrfToken(form.html), csv, step: 'import' });
    expect(forced.status).toBe(400);
    expect(forced.html).toContain('nothing saved');
    expect(await liveActions('Page import')).toBe(0);

    const good = csv.split('\n').slice(0, 2).join('\n');
    const ready = await web.post('/actions/import', { _csrf: csrfToken(form.html), csv: good, step: 'check' });
    expect(ready.html).toContain('Import 1 action');
    const done = await web.post('/actions/import', { _csrf: csrfToken(ready.html), csv: good, step: 'import' });
    expect(done.status).toBe(303);
    expect(done.location).toBe('/actions/import?saved=1');
    expect(await liveActions('Page import')).toBe(1);

    const viewer = await signUp(api, { role: 'viewer' });
    const viewerWeb = new WebClient(api.url);
    await viewerWeb.signIn(viewer.email, 'a-long-enough-password');
    const viewerPage = await viewerWeb.get('/actions/import');
    expect(viewerPage.html).not.toContain('name="csv"');
    const viewerPost = await viewerWeb.post('/actions/import', { _csrf: csrfToken(viewerPage.html), csv: good });
    expect(viewerPost.status).toBe(403);
  });
});
