import { INestApplicationContext } from '@nestjs/common';
import { normalizeEmail } from '@app/accounts';
import { mimeParts, SmtpSink } from './support/smtp-sink';
import { signUp, startApi, TestApi } from './support/api';
import { startWorker } from './support/worker';

jest.setTimeout(120_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The HTML's visible text, tags dropped and spaces collapsed, to find figures in it. */
const visible = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

// The week seeded below: Monday 31 March to Sunday 6 April 2025, in Europe/Amsterdam (UTC+2 then).
const WEEK = {
  id: '2025-W14',
  weekOf: '2025-04-02',
  subject: 'Rome Statute campaign: week 2025-W14 (31 Mar – 6 Apr 2025)',
};

describe('the weekly digest', () => {
  let api: TestApi;
  let worker: INestApplicationContext | undefined;
  const smtp = new SmtpSink();
  let members: { token: string; id: string; email: string }[];
  let viewer: { token: string; id: string; email: string };
  let inactive: { token: string; id: string; email: string };

  beforeAll(async () => {
    await smtp.start();
    api = await startApi({
      SMTP_URL: smtp.url,
      DIGEST_TZ: 'Europe/Amsterdam',
      // Two of them are also a member's address, in another case or in fullwidth letters (NFKC makes them the
      // same address, as normalizeEmail does for accounts): that member gets one email, not three.
      DIGEST_EXTRA_RECIPIENTS: 'board@coalition.test, Chair@Coalition.test, ＣＨＡＩＲ@coalition.test',
      RECONCILE_EVERY_SECONDS: '5',
      QUEUE_MAIL_BACKOFF_MS: '500',
    });
    members = [
      await signUp(api, { role: 'steering-committee', name: 'Member One' }),
      await signUp(api, { role: 'steering-committee', name: 'Member Two' }),
    ];
    const chair = await api.request('POST', '/api/users', {
      body: { email: 'chair@coalition.test', name: 'Chair', role: 'steering-committee' },
    });
    expect(chair.status).toBe(201);
    viewer = await signUp(api, { role: 'viewer' });
    inactive = await signUp(api, { role: 'steering-committee', name: 'Former Member' });
    expect((await api.request('PATCH', `/api/users/${inactive.id}`, { body: { active: false } })).status).toBe(200);
    await seedWeek();
    worker = await startWorker();
  });
  afterAll(async () => {
    await worker?.close();
    await api.close();
    await smtp.stop();
  });

  async function post(path: string, body: unknown, method = 'POST') {
    const res = await api.request(method, path, { body });
    expect({ path, status: res.status, body: res.body }).toEqual({
      path,
      status: method === 'PUT' ? 200 : 201,
      body: expect.anything(),
    });
    return res.body;
  }

  async function seedWeek() {
    // India accedes in January: in force on 1 April, inside the week. Pakistan signs and Kenya notifies its
    // withdrawal during the week.
    await post('/api/states/IND/events', { instrument: 'rome-statute', type: 'accession', date: '2025-01-20' });
    await post('/api/states/PAK/events', { instrument: 'rome-statute', type: 'signature', date: '2025-04-02' });
    await post('/api/states/KEN/events', {
      instrument: 'rome-statute',
      type: 'withdrawal-notified',
      date: '2025-04-03',
    });
    await post(
      '/api/states/KEN/implementation/cooperation',
      { stage: 'before-parliament', date: '2025-04-03', reference: 'Bill 12/2025' },
      'PUT',
    );
    const actions: [string, string, string][] = [
      ['KEN', 'meeting', '2025-03-31'],
      ['KEN', 'meeting', '2025-04-02'],
      ['KEN', 'letter-minister', '2025-04-06'],
      ['UKR', 'letter-minister', '2025-04-01'],
      ['UKR', 'letter-minister', '2025-04-04'],
      ['BRA', 'call', '2025-04-05'],
      // Outside the week, on either side.
      ['KEN', 'meeting', '2025-03-30'],
      ['KEN', 'meeting', '2025-04-07'],
    ];
    for (const [stateCode, type, date] of actions) {
      await post('/api/actions', { stateCode, type, date, title: `${type} ${stateCode} ${date}` });
    }
    const withdrawn = await post('/api/actions', {
      stateCode: 'UKR',
      type: 'media',
      date: '2025-04-02',
      title: 'Gone',
    });
    expect((await api.request('DELETE', `/api/actions/${withdrawn.id}`)).status).toBe(204);

    // Follow-ups as they stood: created before the week, some closed since. Their reminders count as sent, so
    // the worker does not mail the assignee about them. The week ends at 2025-04-06T22:00Z (midnight in Amsterdam).
    const followUps: [string, string, string, string | null, string][] = [
      ['KEN', '2025-04-02T10:00:00Z', 'open', null, '2025-03-01'],
      ['KEN', '2025-04-06T21:59:59Z', 'open', null, '2025-03-01'], // Sunday 23:59:59 in Amsterdam: overdue
      ['KEN', '2025-04-06T22:00:00Z', 'open', null, '2025-03-01'], // Monday 00:00: due the week after
      ['KEN', '2025-04-09T10:00:00Z', 'open', null, '2025-03-01'],
      ['UKR', '2025-04-20T10:00:00Z', 'open', null, '2025-03-01'],
      ['BRA', '2025-04-01T10:00:00Z', 'done', '2025-04-03T10:00:00Z', '2025-03-01'], // closed within the week
      ['BRA', '2025-04-05T10:00:00Z', 'done', '2025-04-10T10:00:00Z', '2025-03-01'], // still open when it ended
      ['MEX', '2025-04-09T10:00:00Z', 'open', null, '2025-04-08'], // created after the week
    ];
    for (const [code, remindAt, status, closedAt, createdAt] of followUps) {
      await api.db.query(
        `INSERT INTO follow_up (state_code, region, title, remind_at, assignee_id, created_by, status, closed_at,
                                created_at, reminder_for, escalated_for)
         SELECT s.code, s.region, 'Seeded', $2, u.id, u.id, $3, $4, $5, $2, $2
           FROM state s, app_user u WHERE s.code = $1 AND u.role = 'admin'`,
        [code, remindAt, status, closedAt, createdAt],
      );
    }
  }

  /** Parties to the Rome Statute on a date, by the states list (withdrawing states still are parties). */
  async function rsParties(asOf: string): Promise<number> {
    let n = 0;
    for (const stage of ['party', 'withdrawing']) {
      const res = await api.request('GET', `/api/states?asOf=${asOf}&stage=${stage}`);
      n += res.body.length;
    }
    return n;
  }

  it('previews a seeded week with its figures, to any signed-in user', async () => {
    const before = await rsParties('2025-03-30');
    const after = await rsParties('2025-04-06');
    expect(after).toBe(before + 1);

    const res = await api.request('GET', `/api/digests/preview?weekOf=${WEEK.weekOf}`, { token: members[0].token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const text = visible(res.text);
    expect(text).toContain('Weekly status: 31 Mar – 6 Apr 2025');
    expect(text).toContain(`Rome Statute ${after} +1`);
    expect(text).toContain('India (Rome Statute): became a party on 1 Apr 2025');
    expect(text).toContain('Kenya (Rome Statute): notified its withdrawal, effective 3 Apr 2026');
    expect(text).toContain('Pakistan (Rome Statute): signed');
    expect(text).toContain('Kenya Rome Statute 3 Apr 2025 3 Apr 2026');
    expect(text).toContain('2 Apr 2025 Pakistan Signature, Rome Statute');
    expect(text).toContain('3 Apr 2025 Kenya Cooperation with the Court: before parliament (Bill 12/2025)');
    expect(text).toContain('6 actions logged for 3 states.');
    expect(text).toContain('By region Africa 3 Americas 1 Asia-Pacific 0 Europe 2 Middle East & North Africa 0');
    expect(text).toContain('By type Letter to a minister 3 Meeting 2 Call 1');
    expect(text).toContain('Most active states Kenya 3 Ukraine 2 Brazil 1');
    expect(text).toContain(
      'Region Open Due 7–13 Apr 2025 Overdue Africa 4 2 2 Americas 1 0 1 Asia-Pacific 0 0 0 Europe 1 0 0 ' +
        'Middle East & North Africa 0 0 0 All regions 6 2 3',
    );
    expect(res.text).not.toMatch(/<script|<link|<style|<img/i);

    // Reading is open to every signed-in user; nobody else.
    expect(
      (await api.request('GET', `/api/digests/preview?weekOf=${WEEK.weekOf}`, { token: viewer.token })).status,
    ).toBe(200);
    expect((await api.request('GET', `/api/digests/preview?weekOf=${WEEK.weekOf}`, { token: null })).status).toBe(401);
  });

  it('counts as overdue in the week in progress only what is due before now, as the dashboards do', async () => {
    // One due an hour ago, one due in a minute (later this week): "Overdue 1", not 2. Their reminders count as
    // sent, so nobody is mailed.
    for (const seconds of [-3600, 60]) {
      await api.db.query(
        `INSERT INTO follow_up (state_code, region, title, remind_at, assignee_id, created_by, reminder_for,
                                escalated_for)
         SELECT s.code, s.region, 'Week in progress', $1, u.id, u.id, $1, $1
           FROM state s, (SELECT id FROM app_user WHERE role = 'admin' ORDER BY created_at LIMIT 1) u
          WHERE s.code = 'JPN'`,
        [new Date(Date.now() + seconds * 1000)],
      );
    }
    try {
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
      const res = await api.request('GET', `/api/digests/preview?weekOf=${today}`);
      expect(res.status).toBe(200);
      const text = visible(res.text);
      const [, open, , overdue] = /Asia-Pacific (\d+) (\d+) (\d+)/.exec(text) ?? [];
      expect({ open, overdue }).toEqual({ open: '2', overdue: '1' });
      expect(text).toContain('overdue: due before now and still open');
      const region = await api.request('GET', '/api/dashboards/regions/asia-pacific');
      expect(region.body.followUps).toMatchObject({ open: 2, overdue: 1 });
    } finally {
      await api.db.query(`DELETE FROM follow_up WHERE title = 'Week in progress'`);
    }
  });

  it('says a week without activity in one line', async () => {
    const res = await api.request('GET', '/api/digests/preview?weekOf=2025-08-13');
    expect(res.status).toBe(200);
    expect(visible(res.text)).toContain(
      'A quiet week: no treaty events, status changes, implementation changes or advocacy actions were recorded for 11–17 Aug 2025.',
    );
    expect(res.text).not.toContain('>Advocacy actions</h2>');
  });

  it('refuses a bad week, naming weekOf, and lets only an admin send', async () => {
    const bad = await api.request('GET', '/api/digests/preview?weekOf=2025-02-30');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toEqual(['weekOf must be a real date written YYYY-MM-DD']);
    const future = await api.request('GET', '/api/digests/preview?weekOf=2999-01-01');
    expect(future.status).toBe(400);
    expect(future.body.message).toMatch(/^weekOf 2999-01-01 is in a week that has not started yet/);
    const unknown = await api.request('POST', '/api/digests/send', { body: { week: '2025-04-02' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toEqual(['property week should not exist']);
    const today = new Date().toISOString().slice(0, 10);
    const unfinished = await api.request('POST', '/api/digests/send', { body: { weekOf: today } });
    expect(unfinished.status).toBe(400);
    expect(unfinished.body.message).toMatch(/^weekOf \S+ is in week \d{4}-W\d{2}, which ends on/);
    const byMember = await api.request('POST', '/api/digests/send', { token: members[0].token, body: {} });
    expect(byMember.status).toBe(403);
    expect(byMember.body.message).toBe('role steering-committee may not send the weekly digest');
    expect(smtp.mails.filter((m) => m.subject.startsWith('Rome Statute campaign'))).toHaveLength(0);
  });

  it('sends the week once per recipient however often it is sent, with the same facts in both parts', async () => {
    const recipients = [members[0].email, members[1].email, 'chair@coalition.test', 'board@coalition.test'];
    const first = await api.request('POST', '/api/digests/send', { body: { weekOf: WEEK.weekOf } });
    expect(first.status).toBe(202);
    expect(first.body).toEqual({
      week: WEEK.id,
      weekStart: '2025-03-31',
      weekEnd: '2025-04-06',
      recipients: 4,
      queued: 4,
      alreadyComposed: 0,
    });
    const second = await api.request('POST', '/api/digests/send', { body: { weekOf: '2025-04-06' } });
    expect(second.status).toBe(202);
    expect(second.body).toMatchObject({ week: WEEK.id, recipients: 4, queued: 0, alreadyComposed: 4 });

    const digests = () => smtp.mails.filter((m) => m.subject === WEEK.subject);
    await smtp.waitFor(() => digests().length >= 4);
    await sleep(6000); // a reconciler pass later, nothing more arrives
    expect(
      digests()
        .map((m) => m.to.join())
        .sort(),
    ).toEqual([...recipients].sort());
    expect(smtp.mails.filter((m) => [viewer.email, inactive.email].some((a) => m.to.includes(a)))).toEqual([]);

    // The HTML part is the preview, and the text part states the same figures.
    const preview = await api.request('GET', `/api/digests/preview?weekOf=${WEEK.weekOf}`);
    const parts = mimeParts(digests()[0].raw);
    expect(parts['text/html']).toBe(preview.text);
    const after = await rsParties('2025-04-06');
    const text = parts['text/plain'];
    for (const line of [
      `- Rome Statute: ${after} (+1)`,
      '  * India (Rome Statute): became a party on 1 Apr 2025',
      '  * Kenya (Rome Statute): notified its withdrawal, effective 3 Apr 2026',
      '  * Pakistan (Rome Statute): signed',
      '- Kenya, Rome Statute: notified 3 Apr 2025, takes effect 3 Apr 2026',
      '- 2 Apr 2025: Pakistan, Signature, Rome Statute',
      '- 3 Apr 2025: Kenya, Withdrawal notified, Rome Statute',
      '- 3 Apr 2025: Kenya, Cooperation with the Court: before parliament (Bill 12/2025)',
      '6 actions logged for 3 states.',
      'By region: Africa 3, Americas 1, Asia-Pacific 0, Europe 2, Middle East & North Africa 0',
      'By type: Letter to a minister 3, Meeting 2, Call 1',
      'Most active states: Kenya 3, Ukraine 2, Brazil 1',
      '- Africa: 4 open, 2 due 7–13 Apr 2025, 2 overdue',
      '- Americas: 1 open, 0 due 7–13 Apr 2025, 1 overdue',
      '- Europe: 1 open, 0 due 7–13 Apr 2025, 0 overdue',
      '- All regions: 6 open, 2 due 7–13 Apr 2025, 3 overdue',
    ]) {
      expect(text.split('\n')).toContain(line);
    }
    expect(text).toMatch(/^2002: \d+, 2003: \d+, .*, 2024: \d+, 6 Apr 2025: \d+$/m);

    const rows = (
      await api.db.query(
        `SELECT idempotency_key, status FROM outbox_email WHERE kind = 'digest' ORDER BY idempotency_key`,
      )
    ).rows;
    expect(rows).toEqual(
      [...recipients]
        .sort()
        .map((r) => ({ idempotency_key: `digest:${WEEK.id}:${normalizeEmail(r)}`, status: 'sent' })),
    );
  });

  it('sends a member who joins later the week they missed, and nobody else again', async () => {
    const newcomer = await signUp(api, { role: 'steering-committee', name: 'Newcomer' });
    const again = await api.request('POST', '/api/digests/send', { body: { weekOf: WEEK.weekOf } });
    expect(again.body).toMatchObject({ recipients: 5, queued: 1, alreadyComposed: 4 });
    await smtp.waitFor(() => smtp.to(newcomer.email).length === 1);
    await sleep(2000);
    expect(smtp.mails.filter((m) => m.subject === WEEK.subject)).toHaveLength(5);
  });
});
