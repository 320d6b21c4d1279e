import { csrfToken, WebClient } from './support/web-client';
import { signUp, startApi, TestApi } from './support/api';

describe('follow-ups: validation, lists, actions with a follow-up, and the calendar feed', () => {
  let api: TestApi;
  let officer: { id: string; token: string; email: string };
  beforeAll(async () => {
    api = await startApi();
    officer = await signUp(api, { role: 'regional-officer', regions: ['americas'], name: 'Americas Officer' });
  });
  afterAll(async () => {
    await api.close();
  });

  const inDays = (d: number) => new Date(Date.now() + d * 86400_000).toISOString();
  const count = async (table: string) => Number((await api.db.query(`SELECT count(*) FROM ${table}`)).rows[0].count);
  const post = (body: Record<string, unknown>, token = officer.token) =>
    api.request('POST', '/api/follow-ups', {
      token,
      body: { stateCode: 'PER', title: 'Call the ministry', remindAt: inDays(3), ...body },
    });

  it('creates a follow-up assigned to the caller by default', async () => {
    const res = await post({});
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'open',
      assigneeId: officer.id,
      stateCode: 'PER',
      stateName: 'Peru',
      region: 'americas',
    });
  });

  it.each([
    [{ remindAt: '2026-12-01T09:00' }, 400, 'remindAt must be an ISO 8601 instant with a time zone'],
    [{ remindAt: 'tomorrow' }, 400, 'remindAt must be an ISO 8601 instant'],
    [{ remindAt: inDays(800) }, 400, 'more than two years ahead'],
    [{ remindAt: inDays(-1) }, 400, 'has passed: a reminder time must be in the future'],
    [{ remindAt: '2020-01-01T09:00:00Z' }, 400, 'remindAt 2020-01-01T09:00:00.000Z has passed'],
    [{ stateCode: 'XYZ' }, 404, 'state XYZ not found'],
    [
      { actionId: '7f1c1a52-7f0e-4f7c-9a55-0c5d8d3f2b11' },
      404,
      'action 7f1c1a52-7f0e-4f7c-9a55-0c5d8d3f2b11 not found',
    ],
    [{ assigneeId: '7f1c1a52-7f0e-4f7c-9a55-0c5d8d3f2b11' }, 400, 'is not an active user'],
    [{ title: '' }, 400, 'title must be longer than or equal to 1 characters'],
    [{ priority: 'high' }, 400, 'property priority should not exist'],
  ])('refuses %j with %i naming the problem, saving nothing', async (body, status, message) => {
    const before = await count('follow_up');
    const res = await post(body);
    expect(res.status).toBe(status);
    expect(JSON.stringify(res.body.message)).toContain(message);
    expect(await count('follow_up')).toBe(before);
  });

  it('keeps a regional officer to the states of their regions', async () => {
    const before = await count('follow_up');
    const res = await post({ stateCode: 'KEN' });
    expect(res.status).toBe(403);
    expect(await count('follow_up')).toBe(before);
  });

  it('logs an action with its follow-up in one step, due at 09:00 in the coalition time zone', async () => {
    const res = await api.request('POST', '/api/actions', {
      token: officer.token,
      body: {
        stateCode: 'PER',
        type: 'meeting',
        date: '2026-11-20',
        title: 'Met the Justice Minister',
        followUp: { dueOn: '2027-01-15' },
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.followUp).toMatchObject({
      actionId: res.body.id,
      title: 'Follow up: Met the Justice Minister',
      remindAt: '2027-01-15T08:00:00.000Z',
      assigneeId: officer.id,
      status: 'open',
    });
  });

  it('refuses a follow-up due in the past with its action, naming dueOn or remindAt, and saves neither', async () => {
    const [actions, followUps] = [await count('advocacy_action'), await count('follow_up')];
    const action = (followUp: Record<string, unknown>) =>
      api.request('POST', '/api/actions', {
        token: officer.token,
        body: { stateCode: 'PER', type: 'call', date: '2026-11-20', title: 'Called the embassy', followUp },
      });
    const pastDay = await action({ dueOn: '2020-01-15' });
    expect(pastDay.status).toBe(400);
    expect(pastDay.body).toMatchObject({ code: 'remind-at-past' });
    expect(pastDay.body.message).toMatch(/^dueOn 2020-01-15 has passed: .* choose \d{4}-\d{2}-\d{2} or later$/);
    const pastTime = await action({ remindAt: inDays(-2) });
    expect(pastTime.status).toBe(400);
    expect(pastTime.body.message).toContain('has passed');
    expect([await count('advocacy_action'), await count('follow_up')]).toEqual([actions, followUps]);
    // A minute behind is a clock's drift, not the past.
    expect((await post({ remindAt: new Date(Date.now() - 60_000).toISOString() })).status).toBe(201);
  });

  it('saves neither the action nor the follow-up when the follow-up is refused', async () => {
    const [actions, followUps] = [await count('advocacy_action'), await count('follow_up')];
    const unknownAssignee = await api.request('POST', '/api/actions', {
      token: officer.token,
      body: {
        stateCode: 'PER',
        type: 'call',
        date: '2026-11-20',
        title: 'Called the embassy',
        followUp: { remindAt: inDays(2), assigneeId: '7f1c1a52-7f0e-4f7c-9a55-0c5d8d3f2b11' },
      },
    });
    expect(unknownAssignee.status).toBe(400);
    const both = await api.request('POST', '/api/actions', {
      token: officer.token,
      body: {
        stateCode: 'PER',
        type: 'call',
        date: '2026-11-20',
        title: 'x',
        followUp: { remindAt: inDays(2), dueOn: '2027-01-01' },
      },
    });
    expect(both.status).toBe(400);
    expect(both.body.message).toContain('not both');
    const neither = await api.request('POST', '/api/actions', {
      token: officer.token,
      body: { stateCode: 'PER', type: 'call', date: '2026-11-20', title: 'x', followUp: {} },
    });
    expect(neither.status).toBe(400);
    expect(JSON.stringify(neither.body.message)).toContain('followUp.dueOn must be a real date');
    expect([await count('advocacy_action'), await count('follow_up')]).toEqual([actions, followUps]);
  });

  it('lists by assignee, status, state, region and due date, soonest first, page by page', async () => {
    const other = await signUp(api, { role: 'campaign-officer' });
    for (const d of [5, 1, 9]) await post({ title: `Mine ${d}`, remindAt: inDays(d) });
    await post({ title: 'Theirs', remindAt: inDays(2), assigneeId: other.id });
    const mine = await api.request('GET', '/api/follow-ups?assignee=me&status=open&limit=2', { token: officer.token });
    expect(mine.body.items).toHaveLength(2);
    const page2 = await api.request(
      'GET',
      `/api/follow-ups?assignee=me&status=open&limit=2&cursor=${mine.body.nextCursor}`,
      {
        token: officer.token,
      },
    );
    const all = [...mine.body.items, ...page2.body.items];
    expect(all.every((f: any) => f.assigneeId === officer.id)).toBe(true);
    const times = all.map((f: any) => f.remindAt);
    expect([...times].sort()).toEqual(times);
    const soon = await api.request('GET', `/api/follow-ups?dueBefore=${encodeURIComponent(inDays(1.5))}&state=per`);
    expect(soon.body.items.map((f: any) => f.title)).toContain('Mine 1');
    expect(soon.body.items.map((f: any) => f.title)).not.toContain('Mine 5');
    const africa = await api.request('GET', '/api/follow-ups?region=africa');
    expect(africa.body.items).toEqual([]);
    const bad = await api.request('GET', '/api/follow-ups?assignee=someone&status=late');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.message)).toContain('assignee must be me or a user id');
  });

  it('serves the open follow-ups of the token owner as an iCalendar feed', async () => {
    const fu = await post({ title: 'Brief the parliamentary committee, Lima', remindAt: '2027-02-01T14:30:00Z' });
    const link = await api.request('POST', '/api/me/calendar-link', { token: officer.token });
    expect(link.status).toBe(201);
    const url = new URL(link.body.url);
    const feed = await fetch(`${api.url}${url.pathname}${url.search}`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toContain('text/calendar');
    const text = await feed.text();
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(text).toContain(`UID:${fu.body.id}@rome-statute-tracker`);
    expect(text).toContain('DTSTART:20270201T143000Z');
    expect(text).toContain('SUMMARY:Brief the parliamentary committee\\, Lima (Peru)');
    expect(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    // Each event links to the follow-up's page, which a person opens in a browser, not to the API's JSON.
    const unfolded = text.replace(/\r\n /g, '');
    expect(unfolded).toMatch(new RegExp(`\r\nURL:https?://[^/\r]+/follow-ups/${fu.body.id}\r\n`));

    await api.request('PATCH', `/api/follow-ups/${fu.body.id}`, { token: officer.token, body: { status: 'done' } });
    expect(await (await fetch(`${api.url}${url.pathname}${url.search}`)).text()).not.toContain(fu.body.id);

    await api.request('POST', '/api/me/calendar-link', { token: officer.token });
    expect((await fetch(`${api.url}${url.pathname}${url.search}`)).status).toBe(401);
  });

  it('reopens a closed follow-up (undo) under the same policy; open again, it takes changes', async () => {
    const fu = await post({ title: 'Closed by mistake' });
    const done = await api.request('PATCH', `/api/follow-ups/${fu.body.id}`, {
      token: officer.token,
      body: { status: 'done' },
    });
    expect(done.body).toMatchObject({ status: 'done', closedAt: expect.any(String) });
    const renamed = await api.request('PATCH', `/api/follow-ups/${fu.body.id}`, {
      token: officer.token,
      body: { title: 'Still closed' },
    });
    expect(renamed.status).toBe(409);
    const outsider = await signUp(api, { role: 'regional-officer', regions: ['africa'] });
    const refused = await api.request('PATCH', `/api/follow-ups/${fu.body.id}`, {
      token: outsider.token,
      body: { status: 'open' },
    });
    expect(refused.status).toBe(403);
    const reopened = await api.request('PATCH', `/api/follow-ups/${fu.body.id}`, {
      token: officer.token,
      body: { status: 'open' },
    });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: 'open', closedAt: null, remindAt: fu.body.remindAt });
    const again = await api.request('PATCH', `/api/follow-ups/${fu.body.id}`, {
      token: officer.token,
      body: { status: 'open', title: 'Open again' },
    });
    expect(again.body).toMatchObject({ status: 'open', title: 'Open again' });
    const bad = await api.request('PATCH', `/api/follow-ups/${fu.body.id}`, {
      token: officer.token,
      body: { status: 'late' },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.message)).toContain('status must be one of open, done, cancelled');
  });

  it('reports on /health/ready how late the oldest unsent reminder is, however long ago it was due', async () => {
    // No worker runs in this suite, so a follow-up due in 1900 stays unsent: more seconds than a 32-bit integer holds.
    // The API takes no time in the past: it is written as if it had been set long ago.
    await api.db.query(
      `INSERT INTO follow_up (state_code, region, title, remind_at, assignee_id, created_by)
       VALUES ('PER', 'americas', 'Long overdue', '1900-01-01T00:00:00Z', $1, $1)`,
      [officer.id],
    );
    const ready = await api.request('GET', '/health/ready', { token: null });
    expect(ready.status).toBe(200);
    expect(ready.body.info.reminders).toMatchObject({ status: 'up', late: true });
    expect(ready.body.info.reminders.oldestOverdueUnsentSeconds).toBeGreaterThan(2 ** 31);
  });
});

describe('follow-up dates on the pages: none whose 09:00 reminder has passed', () => {
  let api: TestApi;
  let officer: { id: string; token: string; email: string };
  let web: WebClient;
  // A coalition time zone where it is now about noon, so that today's 09:00 has passed whenever the suite runs.
  const offset = ((((12 - new Date().getUTCHours() + 12) % 24) + 24) % 24) - 12; // hours ahead of UTC, -12…11
  const timeZone = offset === 0 ? 'Etc/UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
  const dayIn = (days: number) =>
    new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(Date.now() + days * 86400_000));

  beforeAll(async () => {
    const before = process.env.DIGEST_TZ;
    api = await startApi({ DIGEST_TZ: timeZone });
    if (before === undefined) delete process.env.DIGEST_TZ;
    else process.env.DIGEST_TZ = before;
    officer = await signUp(api, { role: 'regional-officer', regions: ['americas'], name: 'Americas Officer' });
    web = new WebClient(api.url);
    expect((await web.signIn(officer.email, 'a-long-enough-password')).status).toBe(303);
  });
  afterAll(async () => {
    await api.close();
  });

  it('refuses to reschedule to today after 09:00, saying which day is the first, and offers no earlier day', async () => {
    const fu = await api.request('POST', '/api/follow-ups', {
      token: officer.token,
      body: {
        stateCode: 'PER',
        title: 'Call the ministry',
        remindAt: new Date(Date.now() + 5 * 86400_000).toISOString(),
      },
    });
    expect(fu.status).toBe(201);
    const page = await web.get('/follow-ups');
    expect(page.html).toContain(`min="${dayIn(1)}"`);
    expect(page.html).not.toContain('YYYY-MM-DD');

    const today = await web.post(`/follow-ups/${fu.body.id}/reschedule`, {
      _csrf: csrfToken(page.html),
      dueOn: dayIn(0),
    });
    expect(today.status).toBe(400);
    expect(today.html).toMatch(/Error: <\/span>Choose \d{1,2} \w+ \d{4} or a later date: the reminder goes at 09:00/);
    const empty = await web.post(`/follow-ups/${fu.body.id}/reschedule`, { _csrf: csrfToken(page.html), dueOn: '' });
    expect(empty.status).toBe(400);
    expect(empty.html).toContain('Error: </span>Choose the new date.');
    expect((await api.request('GET', `/api/follow-ups/${fu.body.id}`)).body.remindAt).toBe(fu.body.remindAt);

    const tomorrow = await web.post(`/follow-ups/${fu.body.id}/reschedule`, {
      _csrf: csrfToken(page.html),
      dueOn: dayIn(1),
    });
    expect(tomorrow.status).toBe(303);
    const moved = await api.request('GET', `/api/follow-ups/${fu.body.id}`);
    expect(Date.parse(moved.body.remindAt)).toBeGreaterThan(Date.now());
  });

  it('refuses a follow-up due today after 09:00 with a logged action, by its field, saving neither', async () => {
    const page = await web.get('/states/PER');
    expect(page.html).toContain(`min="${dayIn(1)}"`);
    const count = async () => Number((await api.db.query(`SELECT count(*) FROM advocacy_action`)).rows[0].count);
    const before = await count();
    const form = {
      _csrf: csrfToken(page.html),
      type: 'meeting',
      date: new Date().toISOString().slice(0, 10),
      title: 'Met the Justice Minister',
      followUp: 'yes',
      followUpDueOn: dayIn(0),
      followUpAssigneeId: officer.id,
    };
    const refused = await web.post('/states/PER/actions', form);
    expect(refused.status).toBe(400);
    expect(refused.html).toMatch(/id="action-followUpDueOn-error"><span class="visually-hidden">Error: <\/span>DueOn/);
    expect(await count()).toBe(before);
    expect((await web.post('/states/PER/actions', { ...form, followUpDueOn: dayIn(1) })).status).toBe(303);
    expect(await count()).toBe(before + 1);
  });
});
