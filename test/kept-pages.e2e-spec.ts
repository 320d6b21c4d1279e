import { signUp, startApi, TestApi } from './support/api';
import { watchStatements } from './support/statements';
import { ADMIN } from './support/test-env';
import { csrfToken, WebClient } from './support/web-client';

/**
 * The country and region pages keep what they built for a revision of the records (data_revision): a reader must
 * still see every change from the moment it is committed, by this process or any other, and never anything of
 * another reader's (their form token, what they may do).
 */
describe('pages and lists kept for a revision of the records', () => {
  let api: TestApi;
  let admin: WebClient;

  beforeAll(async () => {
    api = await startApi();
    admin = new WebClient(api.url);
    expect((await admin.signIn(ADMIN.email, ADMIN.password)).status).toBe(303);
  });
  afterAll(() => api.close());

  /** An action for Kenya written straight into the database, as another api process would. */
  const logElsewhere = (title: string) =>
    api.db.query(
      `INSERT INTO advocacy_action (state_code, region, type, date, title, logged_by)
       SELECT 'KEN', 'africa', 'meeting', CURRENT_DATE, $1, id FROM app_user ORDER BY created_at LIMIT 1`,
      [title],
    );

  /** The erasure DELETE /api/contacts/:id makes, written straight into the database, as another process would. */
  const eraseElsewhere = (id: string) =>
    api.db.query(
      `UPDATE contact SET name = NULL, position = NULL, email = NULL, phone = NULL, notes = NULL, organisation_id = NULL,
                          languages = '{}', erased_at = now()
       WHERE id = $1`,
      [id],
    );

  it("shows on Kenya's page an action another process logged, on the very next request", async () => {
    const first = await admin.get('/states/KEN');
    expect(first.status).toBe(200);
    expect((await admin.get('/states/KEN')).html).not.toContain('Met the minister elsewhere');
    await logElsewhere('Met the minister elsewhere');
    expect((await admin.get('/states/KEN')).html).toContain('Met the minister elsewhere');
  });

  it("counts on Africa's page a follow-up fallen overdue, written by another process, on the very next request", async () => {
    const overdueOfKenya = (html: string) => {
      const row = /<a href="\/states\/KEN">[^<]*<\/a><\/th>([\s\S]*?)<\/tr>/.exec(html)?.[1];
      if (!row) throw new Error('no row for Kenya on the region page');
      return Number([...row.matchAll(/data-value="(\d+)"/g)].pop()![1]);
    };
    const before = overdueOfKenya((await admin.get('/regions/africa')).html);
    expect(overdueOfKenya((await admin.get('/regions/africa')).html)).toBe(before);
    await api.db.query(
      `INSERT INTO follow_up (state_code, region, title, remind_at, assignee_id, created_by)
       SELECT 'KEN', 'africa', 'Call back the ministry', now() - interval '1 hour', id, id
       FROM app_user ORDER BY created_at LIMIT 1`,
    );
    expect(overdueOfKenya((await admin.get('/regions/africa')).html)).toBe(before + 1);
  });

  it('gives each request its own form token in a kept page, and the form sent from it is accepted', async () => {
    await admin.get('/states/KEN');
    const kept = await admin.get('/states/KEN');
    const other = new WebClient(api.url);
    expect((await other.signIn(ADMIN.email, ADMIN.password)).status).toBe(303);
    const othersPage = await other.get('/states/KEN');
    expect(csrfToken(othersPage.html)).not.toBe(csrfToken(kept.html));
    // Every form of the page carries the token of the request that served it.
    const tokens = new Set([...kept.html.matchAll(/name="_csrf" value="([^"]+)"/g)].map((m) => m[1]));
    expect(tokens).toEqual(new Set([csrfToken(kept.html)]));
    const sent = await admin.post('/states/KEN/actions', {
      _csrf: csrfToken(kept.html),
      type: 'letter-head-of-state',
      date: '2026-03-02',
      title: 'Letter sent from a kept page',
    });
    expect(sent.status).toBe(303);
    expect((await admin.get(sent.location!)).html).toContain('Letter sent from a kept page');
  });

  it("never shows a reader what another may do: Europe's officer gets no form on Kenya's page the admin opened", async () => {
    const officer = await signUp(api, { role: 'regional-officer', regions: ['europe'], name: 'Europe Officer' });
    const web = new WebClient(api.url);
    expect((await web.signIn(officer.email, 'a-long-enough-password')).status).toBe(303);
    // The admin's page, kept for this revision of the records (the officer's account is older than it).
    await admin.get('/states/KEN');
    expect((await admin.get('/states/KEN')).html).toContain('action="/states/KEN/actions');
    const page = await web.get('/states/KEN');
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('action="/states/KEN/actions');
    expect(page.html).toContain('Europe Officer');
  });

  it('finds in the search an action another process logged, on the very next request', async () => {
    const found = async () => (await admin.get('/search?q=Zanzibar')).html;
    expect(await found()).not.toContain('Zanzibar briefing');
    expect(await found()).not.toContain('Zanzibar briefing');
    await logElsewhere('Zanzibar briefing');
    expect(await found()).toContain('Zanzibar briefing');
  });

  it('lists "logged by me" as each reader\'s own actions, however often the admin opened it', async () => {
    await logElsewhere('Logged by the admin');
    await admin.get('/actions?loggedBy=me');
    expect((await admin.get('/actions?loggedBy=me')).html).toContain('Logged by the admin');
    const officer = await signUp(api, { role: 'campaign-officer', name: 'Campaign Officer' });
    const web = new WebClient(api.url);
    expect((await web.signIn(officer.email, 'a-long-enough-password')).status).toBe(303);
    await admin.get('/actions?loggedBy=me');
    const mine = await web.get('/actions?loggedBy=me');
    expect(mine.status).toBe(200);
    expect(mine.html).not.toContain('Logged by the admin');
  });

  it('shows a person erased by another process at once, with none of their details, on a page kept before', async () => {
    const person = await api.request('POST', '/api/contacts', {
      body: {
        name: 'Wanjiru Kamau',
        position: 'Attorney General',
        stateCode: 'KEN',
        email: 'wanjiru.kamau@ag.example',
        phone: '+254 20 000 0000',
        lawfulBasis: 'legitimate-interest',
      },
    });
    expect(person.status).toBe(201);
    const path = `/contacts/${person.body.id}`;
    await admin.get(path);
    expect((await admin.get(path)).html).toContain('wanjiru.kamau@ag.example');
    await eraseElsewhere(person.body.id);
    const page = (await admin.get(path)).html;
    for (const detail of ['Wanjiru Kamau', 'Attorney General', 'wanjiru.kamau@ag.example', '+254 20 000 0000'])
      expect(page).not.toContain(detail);
  });

  it('suggests, as a name is typed, a person another process added, on the very next request', async () => {
    const suggested = async () => (await admin.get('/contacts/suggest?q=Odhiambo')).html;
    expect(await suggested()).toBe('[]');
    expect(await suggested()).toBe('[]');
    await api.db.query(
      `INSERT INTO contact (name, position, state_code, region, lawful_basis, created_by)
       SELECT 'Achieng Odhiambo', 'Senator', 'KEN', 'africa', 'legitimate-interest', id
       FROM app_user ORDER BY created_at LIMIT 1`,
    );
    expect(JSON.parse(await suggested())).toEqual([
      { id: expect.any(String), label: 'Achieng Odhiambo · Senator · KEN' },
    ]);
  });

  it('lists through the API an action another process logged, on the very next request', async () => {
    const titles = async () =>
      ((await api.request('GET', '/api/actions?state=KEN&limit=100')).body.items as { title: string }[]).map(
        (a) => a.title,
      );
    await titles();
    expect(await titles()).not.toContain('Phoned the embassy elsewhere');
    await logElsewhere('Phoned the embassy elsewhere');
    expect(await titles()).toContain('Phoned the embassy elsewhere');
  });

  it("leaves a person erased by another process out of the API's search on the very next request", async () => {
    const person = await api.request('POST', '/api/contacts', {
      body: { name: 'Otieno Mwangi', stateCode: 'KEN', email: 'otieno@example.org', lawfulBasis: 'consent' },
    });
    expect(person.status).toBe(201);
    const found = async () => (await api.request('GET', '/api/contacts?q=Otieno')).body.items as { email: string }[];
    await found();
    expect(await found()).toEqual([expect.objectContaining({ email: 'otieno@example.org' })]);
    await eraseElsewhere(person.body.id);
    expect(await found()).toEqual([]);
  });

  describe('statements', () => {
    let watching: ReturnType<typeof watchStatements>;
    beforeAll(() => {
      watching = watchStatements(api.db);
    });
    afterAll(() => watching.restore());
    const statementsFor = async (path: string) =>
      watching.during(async () => expect((await admin.get(path)).status).toBe(200));

    it.each(['/states/KEN', '/regions/africa', '/actions?region=africa&type=meeting', '/search?q=minister'])(
      'reads the records for %s once after a change, then serves it with two statements, the session and the revision',
      async (path) => {
        // A change to the records: the page reads them again, once.
        await logElsewhere(`Changed before ${path} is read`);
        const first = await statementsFor(path);
        expect(first.length).toBeGreaterThan(2);
        const again = await statementsFor(path);
        expect(again).toHaveLength(2);
        expect(again.filter((s) => /data_revision/.test(s))).toHaveLength(1);
      },
    );
  });
});
