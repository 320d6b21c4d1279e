import { signUp, startApi, TestApi } from './support/api';
import { ADMIN } from './support/test-env';
import { csrfToken, WebClient } from './support/web-client';

const today = () => new Date().toISOString().slice(0, 10);

describe('web pages over HTTP: sessions, CSRF, policy, validation and errors', () => {
  let api: TestApi;
  let admin: WebClient;
  beforeAll(async () => {
    api = await startApi();
    admin = new WebClient(api.url);
    expect((await admin.signIn(ADMIN.email, ADMIN.password)).status).toBe(303);
  });
  afterAll(async () => {
    await api.close();
  });

  const count = async (sql: string) => Number((await api.db.query(sql)).rows[0].count);
  const actionsOfKenya = () => count(`SELECT count(*) FROM advocacy_action WHERE state_code = 'KEN'`);
  const actionForm = (token: string, fields: Record<string, string> = {}) => ({
    _csrf: token,
    type: 'meeting',
    date: today(),
    title: 'Met the Attorney General',
    ...fields,
  });

  it('sends a signed-out visitor to sign in, then back to the page asked for', async () => {
    const visitor = new WebClient(api.url);
    const first = await visitor.get('/states/KEN?actions=');
    expect(first.status).toBe(303);
    expect(first.location).toBe('/login?next=%2Fstates%2FKEN%3Factions%3D');

    const signIn = await visitor.get(first.location!);
    expect(signIn.status).toBe(200);
    expect(signIn.html).toContain('<h1>Sign in</h1>');
    const signedIn = await visitor.post('/login', {
      _csrf: csrfToken(signIn.html),
      email: ADMIN.email,
      password: ADMIN.password,
      next: '/states/KEN',
    });
    expect(signedIn.status).toBe(303);
    expect(signedIn.location).toBe('/states/KEN');
    const session = signedIn.headers.getSetCookie().find((c) => c.startsWith('tracker_session='))!;
    expect(session).toMatch(/; HttpOnly/);
    expect(session).toMatch(/; SameSite=Lax/);
    expect(session).not.toMatch(/; Secure/);
    expect(session).toMatch(/; Expires=/);

    const page = await visitor.get('/states/KEN');
    expect(page.status).toBe(200);
    expect(page.html).toContain('<h1>Kenya');
  });

  it('refuses a wrong password with a message, keeping the email, and never follows a foreign next', async () => {
    const visitor = new WebClient(api.url);
    const wrong = await visitor.signIn(ADMIN.email, 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(wrong.html).toContain('The email or password is wrong');
    expect(wrong.html).toContain(`value="${ADMIN.email}"`);
    expect(visitor.cookies.has('tracker_session')).toBe(false);

    for (const next of ['https://evil.example/', '//evil.example/', '/api/me', '/\\evil.example']) {
      const signedIn = await new WebClient(api.url).signIn(ADMIN.email, ADMIN.password, next);
      expect({ next, location: signedIn.location }).toEqual({ next, location: '/' });
    }
  });

  it('rejects a form post without the token of a page from this site, saving nothing', async () => {
    const before = await actionsOfKenya();
    const page = await admin.get('/states/KEN');
    const token = csrfToken(page.html);

    const without = await admin.post('/states/KEN/actions', { ...actionForm(token), _csrf: '' });
    expect(without.status).toBe(403);
    expect(without.html).toContain('This form has expired or was not sent from this site');
    const forged = await admin.post('/states/KEN/actions', actionForm('forged-token-from-another-site'));
    expect(forged.status).toBe(403);
    // A token is only good with the secret cookie of the browser it was given to.
    const otherBrowser = new WebClient(api.url);
    otherBrowser.cookies.set('tracker_session', admin.cookies.get('tracker_session')!);
    expect((await otherBrowser.post('/states/KEN/actions', actionForm(token))).status).toBe(403);
    expect(await actionsOfKenya()).toBe(before);

    // The same post with the page's token goes through.
    const sent = await admin.post('/states/KEN/actions', actionForm(token));
    expect(sent.status).toBe(303);
    expect(await actionsOfKenya()).toBe(before + 1);
  });

  it('checks the token on every form: sign-in, sign-out, follow-ups', async () => {
    expect((await new WebClient(api.url).post('/login', { email: ADMIN.email, password: ADMIN.password })).status).toBe(
      403,
    );
    expect((await admin.post('/logout', {})).status).toBe(403);
    const created = await api.request('POST', '/api/follow-ups', {
      body: { stateCode: 'KEN', title: 'Ask again', remindAt: new Date(Date.now() + 86400_000).toISOString() },
    });
    expect((await admin.post(`/follow-ups/${created.body.id}/done`, {})).status).toBe(403);
    expect((await admin.post(`/follow-ups/${created.body.id}/reschedule`, { dueOn: today() })).status).toBe(403);
    expect((await api.request('GET', `/api/follow-ups/${created.body.id}`)).body.status).toBe('open');
  });

  it('takes the session cookie on pages only, and a bearer token on the API only', async () => {
    const cookie = `tracker_session=${admin.cookies.get('tracker_session')}`;
    expect((await api.request('GET', '/api/me', { token: null, headers: { cookie } })).status).toBe(401);
    const page = await fetch(`${api.url}/`, {
      redirect: 'manual',
      headers: { authorization: `Bearer ${api.adminToken}` },
    });
    expect(page.status).toBe(303);
  });

  it('signs out at once: the old cookie no longer opens a page', async () => {
    const user = new WebClient(api.url);
    await user.signIn(ADMIN.email, ADMIN.password);
    const session = user.cookies.get('tracker_session')!;
    // Opening /logout only asks: a link cannot sign anyone out.
    const page = await user.get('/logout');
    expect(page.status).toBe(200);
    expect((await user.get('/follow-ups')).status).toBe(200);
    const out = await user.post('/logout', { _csrf: csrfToken(page.html) });
    expect(out.status).toBe(303);
    expect(out.location).toBe('/login?signedOut=1');
    expect(user.cookies.has('tracker_session')).toBe(false);
    const replay = new WebClient(api.url);
    replay.cookies.set('tracker_session', session);
    expect((await replay.get('/')).status).toBe(303);
  });

  it('applies the API policy: a regional officer sees no form outside their region, and a forced post is refused', async () => {
    const officer = await signUp(api, { role: 'regional-officer', regions: ['europe'], name: 'Europe Officer' });
    const client = new WebClient(api.url);
    await client.signIn(officer.email, 'a-long-enough-password');
    const kenya = await client.get('/states/KEN');
    expect(kenya.status).toBe(200);
    expect(kenya.html).not.toContain('Record a treaty event');
    expect(kenya.html).toContain('Your role does not allow logging actions for Kenya');
    const ukraine = await client.get('/states/UKR');
    expect(ukraine.html).toContain('Record a treaty event');

    const events = () => count(`SELECT count(*) FROM treaty_event WHERE state_code = 'KEN'`);
    const before = await events();
    const refused = await client.post('/states/KEN/events', {
      _csrf: csrfToken(kenya.html),
      instrument: 'apic',
      type: 'ratification',
      date: today(),
    });
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('<h1>Not allowed</h1>');
    expect(refused.html).toContain('may record treaty events only for states in europe, not africa');
    expect(await events()).toBe(before);
  });

  it('shows each error next to its field and keeps what was typed', async () => {
    const before = await actionsOfKenya();
    const page = await admin.get('/states/KEN');
    const res = await admin.post(
      '/states/KEN/actions',
      actionForm(csrfToken(page.html), { date: '2025-02-30', title: 'Kept <title>', type: 'dinner' }),
    );
    expect(res.status).toBe(400);
    expect(res.html).toContain('<title>Error: Kenya');
    expect(res.html).toMatch(
      /id="action-date-error"><span class="visually-hidden">Error: <\/span>Enter the date of the action as a real date/,
    );
    expect(res.html).toMatch(
      /<input id="action-date" name="date" type="date" value="2025-02-30"[^>]*aria-invalid="true"/,
    );
    expect(res.html).toContain('id="action-type-error"');
    expect(res.html).toContain('value="Kept &lt;title&gt;"');
    expect(await actionsOfKenya()).toBe(before);

    // The domain's own rules land next to the field too: a date before the campaign began.
    const early = await admin.post('/states/KEN/actions', actionForm(csrfToken(page.html), { date: '1990-01-01' }));
    expect(early.status).toBe(400);
    expect(early.html).toContain('Date 1990-01-01 is before 1995-01-01, when the campaign began.');
    // A step that contradicts the state's history is said at the top of the form.
    const conflict = await admin.post('/states/KEN/events', {
      _csrf: csrfToken(page.html),
      instrument: 'rome-statute',
      type: 'accession',
      date: today(),
    });
    expect(conflict.status).toBe(409);
    expect(conflict.html).toMatch(/class="error-summary"[\s\S]*the state already deposited an instrument/);
    expect(await actionsOfKenya()).toBe(before);
  });

  it('records a treaty event and an implementation stage through the forms', async () => {
    const page = await admin.get('/states/IND');
    const event = await admin.post('/states/IND/events', {
      _csrf: csrfToken(page.html),
      instrument: 'rome-statute',
      type: 'signature',
      date: today(),
      source: 'C.N.1.2026.TREATIES-XVIII.10',
      confidence: 'depositary',
      reference: '',
      sourceUrl: '',
      note: '',
    });
    expect(event.status).toBe(303);
    expect(event.location).toBe('/states/IND?saved=event#timeline');
    const change = await admin.post('/states/IND/implementation', {
      _csrf: csrfToken(page.html),
      track: 'cooperation',
      stage: 'before-parliament',
      date: '',
      reference: 'Bill 12/2026',
      note: '',
    });
    expect(change.status).toBe(303);
    const after = await admin.get('/states/IND?saved=implementation');
    expect(after.html).toContain('Implementation stage saved.');
    expect(after.html).toContain('C.N.1.2026.TREATIES-XVIII.10');
    expect(after.html).toContain('Bill 12/2026');
    expect(after.html).toMatch(/Rome Statute: Signed/);
  });

  it('says plainly where a status rests on reports, and words amendments and unknown legislation honestly', async () => {
    const hungary = await admin.get('/states/HUN');
    expect(hungary.html).toContain('(unconfirmed)');
    expect(hungary.html).toContain('† Not confirmed: the status for Rome Statute');
    expect(hungary.html).toContain('<a href="https://news.hanna-ai.com/en/article/hungary-reverses-icc-exit"');
    expect(hungary.html).not.toMatch(/ABA15|A126|left EMPTY|rs_withdrawal/);
    const usa = await admin.get('/states/USA');
    expect(usa.html).toContain('<h1>United States of America');
    expect(usa.html).toContain('withdrawn 6 May 2002: does not intend to become a party');
    expect(usa.html).toContain('Not accepted');
    expect(usa.html).toContain('Not yet recorded');
    expect(usa.html).not.toContain('>None<');
    const world = await admin.get('/');
    expect(world.html).toMatch(/The Rome Statute status of [\d,]+ states drawn here rests in part on reports/);
    expect(world.html).toContain('class="stage-party unconfirmed"');
  });

  it('lets an admin paste a depositary table, then accept or reject each proposal on the page', async () => {
    await api.db.query(`DELETE FROM treaty_event WHERE instrument = 'amendment-art8-2017-fragments'`);
    const page = await admin.get('/depositary');
    expect(page.status).toBe(200);
    const unreadable = await admin.post('/depositary/status-tables', {
      _csrf: csrfToken(page.html),
      instrument: 'amendment-art8-2017-fragments',
      text: 'Participant\tAcceptance(A), Ratification\nSwitzerland\t7 Jul 2020\nNorway\t31 Feb 2021',
    });
    expect(unreadable.status).toBe(422);
    expect(unreadable.html).toContain('Line 3: &quot;31 Feb 2021&quot; is not a deposit date');
    const read = await admin.post('/depositary/status-tables', {
      _csrf: csrfToken(page.html),
      instrument: 'amendment-art8-2017-fragments',
      text: 'Participant\tAcceptance(A), Ratification\nSwitzerland\t7 Jul 2020\nNorway\t12 Feb 2021 A\nAtlantis\t1 Jan 2020',
    });
    expect(read.status).toBe(303);
    const listed = await admin.get(read.location!);
    expect(listed.html).toContain('3 rows read, 2 proposals; not matched: Atlantis');
    const [first, second] = [...listed.html.matchAll(/action="\/depositary\/proposals\/([0-9a-f-]+)\/accept"/g)].map(
      (m) => m[1],
    );
    const accepted = await admin.post(`/depositary/proposals/${first}/accept`, { _csrf: csrfToken(listed.html) });
    expect(accepted.status).toBe(303);
    const noReason = await admin.post(`/depositary/proposals/${second}/reject`, {
      _csrf: csrfToken(listed.html),
      reason: '',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.html).toContain('Enter the reason');
    const rejected = await admin.post(`/depositary/proposals/${second}/reject`, {
      _csrf: csrfToken(listed.html),
      reason: 'Not yet checked against the C.N.',
    });
    expect(rejected.status).toBe(303);
    const { rows } = await api.db.query(
      `SELECT count(*)::int AS n FROM treaty_event WHERE instrument = 'amendment-art8-2017-fragments' AND confidence = 'depositary'`,
    );
    expect(rows[0].n).toBe(1);
    const viewer = new WebClient(api.url);
    const user = await signUp(api, { role: 'viewer' });
    expect((await viewer.signIn(user.email, 'a-long-enough-password')).status).toBe(303);
    expect((await viewer.get('/depositary')).status).toBe(403);
  });

  it('answers an unknown page, region or state with a page saying so', async () => {
    for (const [path, text] of [
      ['/states/XYZ', 'state XYZ not found'],
      ['/regions/antarctica', 'region antarctica not found'],
      ['/nowhere', 'There is no page at this address.'],
    ]) {
      const res = await admin.get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.html).toContain(text);
    }
    expect((await admin.get('/states/ken')).location).toBe('/states/KEN');
  });

  it('serves pages without inline script or style, assets cached for a year, and HTML gzipped', async () => {
    const visitor = new WebClient(api.url);
    for (const path of ['/', '/regions/europe', '/states/UKR', '/follow-ups', '/login']) {
      const { html, status } = await (path === '/login' ? visitor : admin).get(path);
      expect({ path, status }).toEqual({ path, status: 200 });
      expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
      expect(html).not.toMatch(/\sstyle="/);
      expect(html).not.toMatch(/<style/);
      expect(html).not.toMatch(/\son[a-z]+="/);
    }
    const world = await admin.get('/');
    const css = /href="(\/assets\/app\.css\?v=[0-9a-f]+)"/.exec(world.html)![1];
    const asset = await fetch(api.url + css);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('text/css');
    expect(asset.headers.get('cache-control')).toContain('max-age=31536000');
    const gzipped = await fetch(`${api.url}/`, {
      headers: { cookie: `tracker_session=${admin.cookies.get('tracker_session')}`, 'accept-encoding': 'gzip' },
    });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect(await gzipped.text()).toContain('World overview');
  });

  it('marks the session cookie Secure when the site is served over https', async () => {
    const https = await startApi({ PUBLIC_URL: 'https://tracker.example.org' });
    try {
      const signedIn = await new WebClient(https.url).signIn(ADMIN.email, ADMIN.password);
      expect(signedIn.headers.getSetCookie().find((c) => c.startsWith('tracker_session='))).toMatch(/; Secure/);
    } finally {
      await https.close();
      delete process.env.PUBLIC_URL;
    }
  });
});
