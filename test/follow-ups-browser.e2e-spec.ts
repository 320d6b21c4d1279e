import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { Browser, BrowserContext, chromium, Locator, Page } from 'playwright-core';
import { signUp, startApi, TestApi } from './support/api';
import { SmtpSink } from './support/smtp-sink';
import { startWorker } from './support/worker';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'];
const ARTIFACTS = resolve(__dirname, '..', 'test-artifacts', 'pages');
const PASSWORD = 'a-long-enough-password';
/** The reader's zone: the page must take their time of day in it, whatever the coalition's (Europe/Amsterdam). */
const READER_ZONE = 'Africa/Nairobi';
/** The day `days` from now as a calendar in Nairobi shows it. */
const dayInNairobi = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: READER_ZONE }).format(new Date(Date.now() + days * 86400_000));
const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();

jest.setTimeout(120_000);

describe('follow-ups in the browser', () => {
  let api: TestApi;
  let worker: INestApplicationContext | undefined;
  let browser: Browser;
  const smtp = new SmtpSink();
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  let officer: { id: string; token: string; email: string };
  let colleague: { id: string; token: string; email: string };
  let africaOfficer: { id: string; token: string; email: string };
  let viewer: { id: string; token: string; email: string };
  let officerPage: Page;

  const shot = (name: string, p: Page) => p.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });

  /** A browser of its own (zone Nairobi), signed in as `email` unless null. */
  async function browserFor(email: string | null, viewport = { width: 1280, height: 900 }): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'en-GB', timezoneId: READER_ZONE });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    if (email) await signIn(page, email, '/');
    return page;
  }

  async function signIn(page: Page, email: string, landing: string): Promise<void> {
    if (!page.url().includes('/login')) await page.goto(`${api.url}/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await Promise.all([page.waitForURL(`${api.url}${landing}`), page.getByRole('button', { name: 'Sign in' }).click()]);
  }

  /** Sends a form that answers with a page of its own (errors, a new link) rather than a redirect. */
  const submit = (page: Page, button: Locator) => Promise.all([page.waitForEvent('load'), button.click()]);

  const newFollowUp = async (body: Record<string, unknown>, token = officer.token) => {
    const res = await api.request('POST', '/api/follow-ups', {
      token,
      body: { stateCode: 'KEN', remindAt: inDays(3), ...body },
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; title: string; remindAt: string };
  };
  const statusOf = async (id: string) =>
    (await api.db.query('SELECT status, assignee_id FROM follow_up WHERE id = $1', [id])).rows[0];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
    mkdirSync(ARTIFACTS, { recursive: true });
    await smtp.start();
    api = await startApi({ SMTP_URL: smtp.url, RECONCILE_EVERY_SECONDS: '5', QUEUE_MAIL_BACKOFF_MS: '500' });
    worker = await startWorker();
    officer = await signUp(api, { role: 'campaign-officer', name: 'Amina Wanjiru' });
    colleague = await signUp(api, { role: 'campaign-officer', name: 'Joseph Otieno' });
    africaOfficer = await signUp(api, { role: 'regional-officer', regions: ['africa'], name: 'Kofi Mensah' });
    viewer = await signUp(api, { role: 'viewer', name: 'Vera Viewer' });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    officerPage = await browserFor(officer.email);
  }, 90_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await worker?.close();
    await api?.close();
    await smtp.stop();
  });

  it('creates a follow-up on its own at a time of day in the reader’s zone, after saying every error at once', async () => {
    const page = officerPage;
    await page.goto(`${api.url}/follow-ups`);
    const form = page.locator('#new-follow-up');
    // The script chose the reader's own zone.
    await expect(form.getByLabel('Time zone').inputValue()).resolves.toBe(READER_ZONE);
    await form.getByLabel('Date').fill(dayInNairobi(-1));
    await form.getByLabel('Time of day').fill('14:30');
    await submit(page, form.getByRole('button', { name: 'Save follow-up' }));
    await expect(page.title()).resolves.toMatch(/^Error: /);
    // State, title and the past time: all three said, each by its field, none saved.
    await expect(page.locator('#follow-up-stateCode-error').textContent()).resolves.toContain(
      'Choose the state from the list.',
    );
    await expect(page.locator('#follow-up-title-error').textContent()).resolves.toContain('Enter a title.');
    await expect(page.locator('#follow-up-dueOn-error').textContent()).resolves.toContain(
      `Choose a later time: ${dayInNairobi(-1)} at 14:30 (${READER_ZONE}) has passed.`,
    );
    await expect(page.locator('.error-summary li').count()).resolves.toBe(3);
    // What was typed stays, and the zone stays the one sent.
    await expect(form.getByLabel('Time of day').inputValue()).resolves.toBe('14:30');
    await expect(form.getByLabel('Time zone').inputValue()).resolves.toBe(READER_ZONE);
    await shot('40-follow-up-errors', page);

    await form.getByLabel('State').selectOption('KEN');
    await form.getByLabel('What to follow up').fill('Call the Attorney General about the cooperation bill');
    await form.getByLabel('Date').fill(dayInNairobi(2));
    await Promise.all([
      page.waitForURL(/\/follow-ups\/[0-9a-f-]{36}\?saved=created(#.*)?$/),
      form.getByRole('button', { name: 'Save follow-up' }).click(),
    ]);
    await expect(page.locator('.notice').textContent()).resolves.toContain('Follow-up saved.');
    await expect(page.locator('h1').textContent()).resolves.toBe(
      'Call the Attorney General about the cooperation bill',
    );
    const id = /follow-ups\/([0-9a-f-]{36})/.exec(page.url())![1];
    const { rows } = await api.db.query('SELECT remind_at, action_id, assignee_id FROM follow_up WHERE id = $1', [id]);
    // 14:30 in Nairobi (UTC+3) is 11:30 UTC.
    expect(rows).toEqual([
      { remind_at: new Date(`${dayInNairobi(2)}T11:30:00Z`), action_id: null, assignee_id: officer.id },
    ]);
    // Shown in the reader's zone.
    await expect(page.locator('.details time').first().textContent()).resolves.toMatch(/14:30.*(GMT\+3|EAT)/);
    await shot('41-follow-up', page);
  });

  it('sets a follow-up from an action, about that action', async () => {
    const page = officerPage;
    const action = await api.request('POST', '/api/actions', {
      token: officer.token,
      body: { stateCode: 'UGA', type: 'meeting', date: dayInNairobi(0), title: 'Met the Minister of Justice' },
    });
    expect(action.status).toBe(201);
    await page.goto(`${api.url}/states/UGA`);
    await Promise.all([
      page.waitForURL(`**/follow-ups?action=${action.body.id}#new-follow-up`),
      page.getByRole('link', { name: /Set a follow-up/ }).click(),
    ]);
    const form = page.locator('#new-follow-up');
    await expect(form.textContent()).resolves.toContain('About the action Met the Minister of Justice');
    await form.getByLabel('What to follow up').fill('Send the minister the model law');
    await form.getByLabel('Date').fill(dayInNairobi(5));
    await form.getByLabel('Time of day').fill('09:15');
    await Promise.all([
      page.waitForURL(/\/follow-ups\/[0-9a-f-]{36}\?saved=created(#.*)?$/),
      form.getByRole('button', { name: 'Save follow-up' }).click(),
    ]);
    const id = /follow-ups\/([0-9a-f-]{36})/.exec(page.url())![1];
    const saved = await api.request('GET', `/api/follow-ups/${id}`, { token: officer.token });
    expect(saved.body).toMatchObject({ actionId: action.body.id, stateCode: 'UGA' });
    await expect(page.getByRole('link', { name: 'Met the Minister of Justice' }).getAttribute('href')).resolves.toBe(
      `/actions/${action.body.id}`,
    );
  });

  it('reassigns a follow-up to a colleague from its page', async () => {
    const page = officerPage;
    const fu = await newFollowUp({ title: 'Draft the letter to parliament' });
    await page.goto(`${api.url}/follow-ups/${fu.id}`);
    await page.locator('#reassign').getByLabel('Assign to').selectOption(colleague.id);
    await Promise.all([
      page.waitForURL(`**/follow-ups/${fu.id}?saved=reassigned*`),
      page.getByRole('button', { name: 'Reassign' }).click(),
    ]);
    await expect(page.locator('.notice').textContent()).resolves.toBe('Follow-up reassigned.');
    await expect(page.locator('.follow-up-assignee').textContent()).resolves.toBe('Joseph Otieno');
    expect(await statusOf(fu.id)).toEqual({ status: 'open', assignee_id: colleague.id });
    const mine = await api.request('GET', '/api/follow-ups?assignee=me', { token: colleague.token });
    expect(mine.body.items.map((f: { id: string }) => f.id)).toContain(fu.id);
  });

  it('closes a follow-up and undoes it, from the list and from the closed ones', async () => {
    const page = officerPage;
    const fu = await newFollowUp({ title: 'Thank the ambassador' });
    await page.goto(`${api.url}/follow-ups`);
    const item = page.locator(`#follow-up-${fu.id}`);
    await Promise.all([
      page.waitForURL(`**/follow-ups?saved=done&undo=${fu.id}`),
      item.getByRole('button', { name: /Mark done/ }).click(),
    ]);
    await expect(page.locator('.notice').textContent()).resolves.toBe('Follow-up marked done.');
    expect((await statusOf(fu.id)).status).toBe('done');
    await expect(page.locator(`#follow-up-${fu.id}`).count()).resolves.toBe(0);
    await expect(page.locator(`#closed-${fu.id}`).textContent()).resolves.toContain('done');
    await shot('42-follow-ups-undo', page);

    await Promise.all([
      page.waitForURL('**/follow-ups?saved=reopened'),
      page.locator('.undo-bar').getByRole('button', { name: /Undo/ }).click(),
    ]);
    expect((await statusOf(fu.id)).status).toBe('open');
    await expect(page.locator(`#follow-up-${fu.id}`).count()).resolves.toBe(1);

    // Closed again, then reopened later from the list of closed ones.
    await page
      .locator(`#follow-up-${fu.id}`)
      .getByRole('button', { name: /Mark done/ })
      .click();
    await page.waitForURL('**/follow-ups?saved=done*');
    await Promise.all([
      page.waitForURL('**/follow-ups?saved=reopened'),
      page
        .locator(`#closed-${fu.id}`)
        .getByRole('button', { name: /Reopen/ })
        .click(),
    ]);
    expect((await statusOf(fu.id)).status).toBe('open');
    await expect(page.locator(`#closed-${fu.id}`).count()).resolves.toBe(0);
    await shot('43-follow-ups-mine', page);
  });

  it('shows a regional officer the open follow-ups of their region, whoever has them, and no other region', async () => {
    const kenya = await newFollowUp({ title: 'Team: brief the Kenyan committee' });
    const peru = await newFollowUp({ stateCode: 'PER', title: 'Team: call the Peruvian ministry' });
    const page = await browserFor(africaOfficer.email);
    await page.goto(`${api.url}/follow-ups`);
    await Promise.all([
      page.waitForURL('**/follow-ups?view=team'),
      page.getByRole('link', { name: 'Team', exact: true }).click(),
    ]);
    await expect(page.locator('h1').textContent()).resolves.toBe('Team follow-ups');
    const row = page.locator(`#follow-up-${kenya.id}`);
    await expect(row.textContent()).resolves.toContain('assigned to Amina Wanjiru');
    await expect(page.locator(`#follow-up-${peru.id}`).count()).resolves.toBe(0);
    await shot('44-follow-ups-team', page);
    const americas = await page.goto(`${api.url}/follow-ups?view=team&region=americas`);
    expect(americas?.status()).toBe(403);
    // An officer of the region may act on it from its page.
    await page.goto(`${api.url}/follow-ups/${kenya.id}`);
    await expect(page.getByRole('button', { name: 'Mark done' }).count()).resolves.toBe(1);
    await page.goto(`${api.url}/follow-ups/${peru.id}`);
    await expect(page.getByRole('button', { name: 'Mark done' }).count()).resolves.toBe(0);
  });

  it('lets a viewer read a follow-up but shows no form, and refuses a forced one as the API does', async () => {
    const fu = await newFollowUp({ title: 'Viewer must not close this' });
    const page = await browserFor(viewer.email);
    await page.goto(`${api.url}/follow-ups`);
    await expect(page.locator('#new-follow-up').count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: 'Team', exact: true }).count()).resolves.toBe(0);
    expect((await page.goto(`${api.url}/follow-ups?view=team`))?.status()).toBe(403);
    await page.goto(`${api.url}/follow-ups/${fu.id}`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Viewer must not close this');
    await expect(page.locator('main form').count()).resolves.toBe(0);
    const csrf = await page.locator('input[name=_csrf]').first().inputValue();
    const done = await page.request.post(`${api.url}/follow-ups/${fu.id}/done`, { form: { _csrf: csrf } });
    expect(done.status()).toBe(403);
    const created = await page.request.post(`${api.url}/follow-ups`, {
      form: { _csrf: csrf, stateCode: 'KEN', title: 'Forced', dueOn: dayInNairobi(3), time: '10:00', timeZone: 'UTC' },
    });
    expect(created.status()).toBe(403);
    expect((await statusOf(fu.id)).status).toBe('open');
    const forced = await api.db.query(`SELECT count(*)::int AS n FROM follow_up WHERE title = 'Forced'`);
    expect(forced.rows).toEqual([{ n: 0 }]);
  });

  it('opens the follow-up page from the reminder email’s link, through sign-in when signed out', async () => {
    const fu = await newFollowUp({ title: 'Reminder link check', remindAt: new Date(Date.now() + 2000).toISOString() });
    await smtp.waitFor(() => smtp.mails.some((m) => m.subject.includes('Reminder link check')));
    const mail = smtp.mails.find((m) => m.subject.includes('Reminder link check'))!;
    expect(mail.to).toEqual([officer.email]);
    const link = /https?:\/\/[^\s"<>]+\/follow-ups\/[0-9a-f-]{36}/.exec(mail.body)?.[0];
    expect(link).toBeDefined();
    const path = new URL(link!).pathname;
    expect(path).toBe(`/follow-ups/${fu.id}`);

    const page = await browserFor(null);
    await page.goto(`${api.url}${path}`);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe(path);
    await signIn(page, officer.email, path);
    await expect(page.locator('h1').textContent()).resolves.toBe('Reminder link check');
  });

  it('changes the reader’s name and makes, copies and remakes their calendar link on /me', async () => {
    const page = officerPage;
    await page.goto(`${api.url}/follow-ups`);
    await Promise.all([page.waitForURL('**/me'), page.locator('a.user-name').click()]);
    await page.getByLabel('Your name').fill('   ');
    await submit(page, page.getByRole('button', { name: 'Save name' }));
    await expect(page.locator('#me-name-error').textContent()).resolves.toContain('Enter your name.');
    await page.getByLabel('Your name').fill('Amina W. Wanjiru');
    await Promise.all([page.waitForURL('**/me?saved=name*'), page.getByRole('button', { name: 'Save name' }).click()]);
    await expect(page.locator('a.user-name').textContent()).resolves.toBe('Amina W. Wanjiru');

    await submit(page, page.getByRole('button', { name: 'Make a calendar link' }));
    const first = await page.getByLabel('Your calendar link').inputValue();
    expect(first).toMatch(/\/api\/follow-ups\.ics\?token=\S+$/);
    await expect(page.getByLabel('Your calendar link').getAttribute('readonly')).resolves.toBe('');
    await expect(page.getByRole('button', { name: 'Copy' }).count()).resolves.toBe(1);
    await shot('45-me-calendar', page);
    const feedOf = (url: string) => fetch(`${api.url}${new URL(url).pathname}${new URL(url).search}`);
    const feed = await feedOf(first);
    expect(feed.status).toBe(200);
    // Its events lead to the follow-ups' pages.
    expect((await feed.text()).replace(/\r\n /g, '')).toMatch(
      /\r\nURL:https?:\/\/[^/\r]+\/follow-ups\/[0-9a-f-]{36}\r\n/,
    );

    await submit(page, page.getByRole('button', { name: 'Make a new link' }));
    const second = await page.getByLabel('Your calendar link').inputValue();
    expect(second).not.toBe(first);
    expect((await feedOf(first)).status).toBe(401);
    expect((await feedOf(second)).status).toBe(200);
    // Coming back later, the page says a link exists but cannot show it again.
    await page.goto(`${api.url}/me`);
    await expect(page.getByLabel('Your calendar link').count()).resolves.toBe(0);
    await expect(page.locator('#calendar').textContent()).resolves.toContain('You have a calendar link.');
  });

  it('lays the new pages out at phone width without sideways scrolling', async () => {
    const fu = await newFollowUp({ title: 'Phone width check' });
    const pages: [string, string, string][] = [
      [officer.email, '/follow-ups', '46-phone-follow-ups'],
      [officer.email, `/follow-ups/${fu.id}`, '47-phone-follow-up'],
      [africaOfficer.email, '/follow-ups?view=team', '48-phone-follow-ups-team'],
      [officer.email, '/me', '49-phone-me'],
    ];
    const phones = new Map<string, Page>();
    for (const [email, path, name] of pages) {
      if (!phones.has(email)) phones.set(email, await browserFor(email, { width: 390, height: 844 }));
      const p = phones.get(email)!;
      await p.goto(api.url + path);
      const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect({ path, overflow }).toEqual({ path, overflow: 0 });
      await shot(name, p);
    }
  });

  it('ran without a script error', () => {
    expect(problems).toEqual([]);
  });
});
