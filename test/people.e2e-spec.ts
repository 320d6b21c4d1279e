import { signUp, startApi, TestApi } from './support/api';

/**
 * Contacts and organisations through HTTP, against the real services: the links from actions, the role × region
 * policy, bad input named, and a person's export and erasure down to the database and the audit trail.
 */
describe('people and organisations over the API', () => {
  let api: TestApi;
  const today = new Date().toISOString().slice(0, 10);
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('shows an action linked to two contacts and an organisation in the list of each of them', async () => {
    const org = await api.request('POST', '/api/organisations', {
      body: { name: 'Coalition for the ICC — Kenya', kind: 'national-coalition', stateCode: 'KEN' },
    });
    const [a, b] = await Promise.all(
      ['Justice Minister', 'Foreign Minister'].map((position, i) =>
        api.request('POST', '/api/contacts', {
          body: { name: `Person ${i}`, position, stateCode: 'KEN', lawfulBasis: 'public-task' },
        }),
      ),
    );
    const action = await api.request('POST', '/api/actions', {
      body: {
        stateCode: 'KEN',
        type: 'meeting',
        date: today,
        title: 'Meeting with both ministers',
        contactIds: [a.body.id, b.body.id],
        organisationIds: [org.body.id],
      },
    });
    expect(action.status).toBe(201);
    for (const query of [`contact=${a.body.id}`, `contact=${b.body.id}`, `organisation=${org.body.id}`]) {
      const list = await api.request('GET', `/api/actions?${query}`);
      expect([query, list.body.items.map((x: { id: string }) => x.id)]).toEqual([query, [action.body.id]]);
    }
    expect((await api.request('GET', `/api/actions/${action.body.id}`)).body).toMatchObject({
      contactIds: [a.body.id, b.body.id].sort(),
      organisationIds: [org.body.id],
    });
  });

  it('answers bad input with a 400 naming the field, and saves nothing', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const bad = [
      ['/api/contacts', { name: 'X', lawfulBasis: 'consent', email: 'nope' }, 'email must be an email address'],
      ['/api/organisations', { name: 'X', kind: 'other', email: 'nope@' }, 'email must be an email address'],
      ['/api/contacts', { name: 'X', lawfulBasis: 'whim' }, 'lawfulBasis must be one of'],
      ['/api/contacts', { name: 'X', lawfulBasis: 'consent', organisationId: unknown }, 'organisationId'],
      [
        '/api/actions',
        { stateCode: 'KEN', type: 'call', date: today, title: 'x', contactIds: [unknown] },
        'contactIds',
      ],
      [
        '/api/actions',
        { stateCode: 'KEN', type: 'call', date: today, title: 'x', organisationIds: [unknown] },
        'organisationIds',
      ],
      ['/api/actions', { stateCode: 'KEN', type: 'call', date: today, title: 'x', contactIds: ['x'] }, 'contactIds'],
    ] as const;
    const before = (await api.db.query(`SELECT count(*)::int AS n FROM advocacy_action`)).rows[0].n;
    for (const [path, body, message] of bad) {
      const res = await api.request('POST', path, { body });
      expect([path, res.status, JSON.stringify(res.body.message)]).toEqual([
        path,
        400,
        expect.stringContaining(message),
      ]);
    }
    expect((await api.db.query(`SELECT count(*)::int AS n FROM advocacy_action`)).rows[0].n).toBe(before);
  });

  it('lets a regional officer edit contacts of their regions only', async () => {
    const officer = await signUp(api, { role: 'regional-officer', regions: ['europe'] });
    const mine = await api.request('POST', '/api/contacts', {
      token: officer.token,
      body: { name: 'Ambassador in The Hague', stateCode: 'NLD', lawfulBasis: 'public-task' },
    });
    expect(mine.status).toBe(201);
    const theirs = await api.request('POST', '/api/contacts', {
      body: { name: 'Attorney General', stateCode: 'UGA', lawfulBasis: 'public-task' },
    });
    const entries = async () => (await api.db.query(`SELECT count(*)::int AS n FROM audit_entry`)).rows[0].n;
    const trail = await entries();
    for (const [method, path, body] of [
      ['PATCH', `/api/contacts/${theirs.body.id}`, { position: 'AG' }],
      ['PATCH', `/api/contacts/${mine.body.id}`, { stateCode: 'UGA' }],
      ['POST', '/api/contacts', { name: 'X', stateCode: 'UGA', lawfulBasis: 'consent' }],
      ['POST', '/api/organisations', { name: 'Europe network', kind: 'regional-network', region: 'europe' }],
      ['DELETE', `/api/contacts/${mine.body.id}`, undefined],
    ] as const) {
      const res = await api.request(method, path, { token: officer.token, body });
      expect([method, path, res.status]).toEqual([method, path, 403]);
    }
    expect(await entries()).toBe(trail);
    const changed = await api.request('PATCH', `/api/contacts/${mine.body.id}`, {
      token: officer.token,
      body: { position: 'Ambassador' },
    });
    expect(changed.status).toBe(200);
  });

  it('shows contacts only to signed-in users', async () => {
    expect((await api.request('GET', '/api/contacts', { token: null })).status).toBe(401);
    const viewer = await signUp(api, { role: 'viewer' });
    expect((await api.request('GET', '/api/contacts', { token: viewer.token })).status).toBe(200);
    expect(
      (await api.request('POST', '/api/contacts', { token: viewer.token, body: { name: 'X', lawfulBasis: 'consent' } }))
        .status,
    ).toBe(403);
  });

  it('exports everything on a person, then erases them everywhere but keeps the action; a second erasure is a 409', async () => {
    const person = await api.request('POST', '/api/contacts', {
      body: {
        name: 'Ngozi Eze',
        position: 'Chair, Justice Committee',
        stateCode: 'NGA',
        email: 'ngozi.eze@assembly.example',
        phone: '+234 9 000 0000',
        languages: ['en', 'ig'],
        notes: 'Supports the bill',
        lawfulBasis: 'legitimate-interest',
      },
    });
    const coalition = await api.request('POST', '/api/organisations', {
      body: { name: 'Nigerian Coalition for the ICC', kind: 'national-coalition', stateCode: 'NGA' },
    });
    expect(coalition.status).toBe(201);
    const action = await api.request('POST', '/api/actions', {
      body: {
        stateCode: 'NGA',
        type: 'parliamentary-briefing',
        date: today,
        title: 'Briefing',
        contactIds: [person.body.id],
        organisationIds: [coalition.body.id],
      },
    });
    const exported = await api.request('GET', `/api/contacts/${person.body.id}/export`);
    expect(exported.status).toBe(200);
    expect(exported.body).toMatchObject({
      contact: { name: 'Ngozi Eze', phone: '+234 9 000 0000', notes: 'Supports the bill', languages: ['en', 'ig'] },
      organisation: null,
      actions: [{ id: action.body.id, title: 'Briefing' }],
      history: [{ action: 'create', after: { email: 'ngozi.eze@assembly.example' } }],
    });
    const officer = await signUp(api, { role: 'campaign-officer' });
    expect((await api.request('GET', `/api/contacts/${person.body.id}/export`, { token: officer.token })).status).toBe(
      403,
    );
    // The week's digest counts the action among the week's work, and names no one.
    const digest = await api.request('GET', `/api/digests/preview?weekOf=${today}`);
    expect(digest.status).toBe(200);
    expect(digest.text).toContain('Nigeria');
    expect(digest.text).not.toContain('Ngozi');
    // It may count the organisations that took part by kind, never name a person.
    expect(digest.text).toMatch(/Organisations took part: national coalitions in \d+ actions?/);

    const erased = await api.request('DELETE', `/api/contacts/${person.body.id}`);
    expect(erased.status).toBe(200);
    expect((await api.request('DELETE', `/api/contacts/${person.body.id}`)).status).toBe(409);
    expect((await api.request('GET', `/api/actions/${action.body.id}`)).body.contactIds).toEqual([person.body.id]);
    const [row] = (await api.db.query(`SELECT to_jsonb(c) AS row FROM contact c WHERE id = $1`, [person.body.id])).rows;
    const trail = (await api.db.query(`SELECT before, after FROM audit_entry WHERE entity_id = $1`, [person.body.id]))
      .rows;
    const stored = JSON.stringify([row, trail]);
    for (const personal of ['Ngozi', 'Justice Committee', 'assembly.example', '+234', '"ig"', 'Supports']) {
      expect([personal, stored.includes(personal)]).toEqual([personal, false]);
    }
    expect(row.row).toMatchObject({ id: person.body.id, state_code: 'NGA', name: null, erased_at: expect.any(String) });
  });

  it('imports organisations from CSV: a dry run names the bad rows, a commit saves all or nothing', async () => {
    const send = (csv: string, dryRun: boolean) =>
      api.request('POST', `/api/organisations/import${dryRun ? '?dryRun=true' : ''}`, {
        body: csv,
        headers: { 'content-type': 'text/csv; charset=utf-8' },
      });
    const csv =
      'name,kind,stateCode,email\n"Coalition, Peru",national-coalition,PER,info@peru.example\nBad,club,PER,x\n';
    const dry = await send(csv, true);
    expect(dry.status).toBe(200);
    expect(dry.body).toEqual({
      valid: 1,
      errors: [
        { line: 3, field: 'kind', message: expect.stringContaining('kind must be one of') },
        { line: 3, field: 'email', message: 'email must be an email address' },
      ],
      duplicates: [],
    });
    const refused = await send(csv, false);
    expect(refused.status).toBe(400);
    expect((await api.request('GET', '/api/organisations?q=peru')).body.items).toEqual([]);
    const saved = await send(csv.split('\n').slice(0, 2).join('\n'), false);
    expect([saved.status, saved.body]).toEqual([201, { created: 1 }]);
    expect((await api.request('GET', '/api/organisations?q=peru')).body.items).toEqual([
      expect.objectContaining({ name: 'Coalition, Peru', stateCode: 'PER', region: 'americas' }),
    ]);
  });
});
