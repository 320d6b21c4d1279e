import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { earliestDueOn, remindAtForDueDate } from '@app/follow-ups';
import { formatDate } from '../apps/api/src/pages/labels';
import { signUp, startApi, TestApi } from './support/api';

/** Debian's chromium package; .ci/run installs it when missing. */
const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** The policy the api's security headers set: nothing inline, everything from the site itself. */
const STRICT_CSP = "default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";
/** Screenshots of every page the suite visits, for people to look at (git ignores the folder). */
const ARTIFACTS = resolve(__dirname, '..', 'test-artifacts', 'pages');

const day = (days: number) => new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);
/** The api's DIGEST_TZ (its default): follow-ups given a day are reminded at 09:00 there. */
const TIME_ZONE = 'Europe/Amsterdam';
const dayBefore = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - 86400_000).toISOString().slice(0, 10);
/** Right-to-left override (U+202E): without isolation it reverses whatever follows it on the line. */
const RLO = '\u202e';

describe('the web pages in headless Chromium', () => {
  let api: TestApi;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let officer: { token: string; id: string; email: string };
  const problems: string[] = [];
  const title = `Briefing of the justice committee ${Date.now().toString(36)}`;

  const shot = (name: string, p: Page = page) => p.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
    mkdirSync(ARTIFACTS, { recursive: true });
    api = await startApi();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    // A reader in Nairobi: times must be shown in their zone, not the server's.
    context = await browser.newContext({
      viewport: { width: 1366, height: 900 },
      locale: 'en-GB',
      timezoneId: 'Africa/Nairobi',
    });
    // Every answer carries the strict policy, so that an inline script or style shows as a refusal below.
    await context.route('**/*', async (route) => {
      const response = await route.fetch({ maxRedirects: 0 });
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': STRICT_CSP } });
    });
    page = await context.newPage();
    page.on('console', (m) => {
      // A form refused for its input comes back as a 400 page, which Chromium reports; that one is expected.
      if (m.type() === 'error' && !/status of 400/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('signs in through the form and lands on the page asked for', async () => {
    officer = await signUp(api, { role: 'campaign-officer', regions: ['africa'], name: 'Amina Wanjiru' });
    await page.goto(`${api.url}/regions/africa`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await shot('01-sign-in');
    await page.getByLabel('Email').fill(officer.email);
    await page.getByLabel('Password').fill('a-long-enough-password');
    await Promise.all([page.waitForURL('**/regions/africa'), page.getByRole('button', { name: 'Sign in' }).click()]);
    await expect(page.locator('h1').textContent()).resolves.toBe('Africa');
    await expect(page.locator('.user-name').textContent()).resolves.toBe('Amina Wanjiru');
  });

  it('shows the world: a map coloured by stage, the counts, parties over time and recent changes', async () => {
    await page.goto(`${api.url}/`);
    const figures = (await api.request('GET', '/api/dashboards/global')).body;
    await expect(page.locator('h1').textContent()).resolves.toBe('World overview');
    expect(await page.locator('svg.map a path').count()).toBeGreaterThan(150);
    expect(await page.locator('svg.map a circle.island').count()).toBeGreaterThan(20);
    expect(await page.locator('svg.map path.stage-party').count()).toBeGreaterThan(80);
    const legendParty = await page.locator('.legend li', { hasText: 'Party' }).textContent();
    expect(legendParty).toContain(String(figures.instruments[0].stages.party));
    const romeRow = page.locator('table.counts tr', { has: page.locator('th', { hasText: 'Rome Statute' }) });
    await expect(romeRow.locator('td').nth(3).textContent()).resolves.toBe(String(figures.instruments[0].stages.party));
    expect(await page.locator('svg.chart .series-line').count()).toBe(1);
    expect(await page.locator('.changes li').count()).toBe(10);
    await shot('02-world');
  });

  it('shows a region whose table of states sorts by any column', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Africa', exact: true }).click();
    await page.waitForURL('**/regions/africa');
    const rows = page.locator('table.states tbody tr');
    expect(await rows.count()).toBe(49);
    await expect(rows.first().locator('th').textContent()).resolves.toBe('Angola');
    await page.locator('table.states thead th', { hasText: 'State' }).getByRole('button').click();
    await expect(rows.first().locator('th').textContent()).resolves.toBe('Zimbabwe');
    await expect(page.locator('table.states thead th').first().getAttribute('aria-sort')).resolves.toBe('descending');
    // By stage: the states furthest from the Statute first.
    await page.locator('table.states thead th', { hasText: 'Rome Statute' }).getByRole('button').click();
    await expect(rows.first().locator('td').first().textContent()).resolves.toContain('Not signed');
    await shot('03-region-africa');
  });

  it('frames the Europe map on Europe: France at a readable size, without French Guiana', async () => {
    await page.goto(`${api.url}/regions/europe`);
    const map = (await page.locator('svg.map').boundingBox())!;
    const france = (await page.locator('svg.map a[href="/states/FRA"] path').boundingBox())!;
    // Framed on all of Russia and on Guiana, France was a sliver reaching down to South America.
    expect(france.width).toBeGreaterThan(map.width * 0.06);
    expect(france.width).toBeLessThan(map.width * 0.2);
    expect(france.height).toBeLessThan(map.height * 0.3);
    await page.locator('svg.map').screenshot({ path: `${ARTIFACTS}/12-europe-map.png` });
    await shot('12-region-europe');
  });

  it('refuses an impossible date next to its field, keeping what was typed', async () => {
    await page.goto(`${api.url}/states/KEN`);
    await expect(page.locator('h1').textContent()).resolves.toContain('Kenya');
    const form = page.locator('#log-action form');
    await form.getByLabel('Kind of action').selectOption('parliamentary-briefing');
    await form.getByLabel('Date', { exact: true }).fill('1990-06-01');
    await form.getByLabel('Title').fill(title);
    await form.getByLabel('Aimed at').fill('Justice and Legal Affairs Committee');
    await form.getByLabel('Set a follow-up for this action').check();
    await form.getByLabel('Due on').fill(day(3));
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      form.getByRole('button', { name: 'Log action' }).click(),
    ]);
    await page.waitForLoadState();

    await expect(page.locator('#action-date-error').textContent()).resolves.toContain(
      'Date 1990-06-01 is before 1995-01-01, when the campaign began.',
    );
    await expect(page.locator('#action-date').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('#action-title').inputValue()).resolves.toBe(title);
    await expect(page.locator('#action-followUp').isChecked()).resolves.toBe(true);
    // The summary of what to correct takes the focus, for keyboard and screen reader users.
    await page.waitForFunction(() => document.activeElement?.classList.contains('error-summary'));
    await expect(page.title()).resolves.toMatch(/^Error: Kenya/);
    await shot('04-state-bad-date');
  });

  it('logs the action with a follow-up through the form and lists both', async () => {
    await page.locator('#action-date').fill(day(0));
    await page.locator('#log-action').getByRole('button', { name: 'Log action' }).click();
    await page.waitForURL('**/states/KEN?saved=action-follow-up#actions');
    await expect(page.locator('.notice').textContent()).resolves.toBe('Action logged, with its follow-up.');
    const action = page.locator('.actions-list li').first();
    await expect(action.locator('.action-title').textContent()).resolves.toBe(title);
    await expect(action.textContent()).resolves.toContain('Parliamentary briefing');
    await expect(action.textContent()).resolves.toContain('Logged by Amina Wanjiru');
    await expect(page.locator('#follow-ups .follow-up-title').first().textContent()).resolves.toContain(
      `Follow up: ${title}`,
    );
    await shot('05-state-action-logged');
  });

  it('lists the follow-up under My follow-ups, in the reader’s time zone, and marks it done', async () => {
    await page.getByRole('link', { name: 'My follow-ups' }).click();
    await page.waitForURL('**/follow-ups');
    const item = page.locator('#due-soon li', { hasText: title });
    await expect(item.count()).resolves.toBe(1);
    // Reminded at 09:00 Amsterdam time, shown at Nairobi time with its zone; the UTC text stays as a tooltip.
    const time = item.locator('time');
    await expect(time.textContent()).resolves.toMatch(/GMT\+3|EAT/);
    await expect(time.getAttribute('title')).resolves.toMatch(/UTC$/);
    await shot('06-follow-ups');

    await item.getByRole('button', { name: /Mark done/ }).click();
    await page.waitForURL('**/follow-ups?saved=done&undo=*');
    await expect(page.locator('.notice').textContent()).resolves.toBe('Follow-up marked done.');
    await expect(page.locator('.follow-up-group li', { hasText: title }).count()).resolves.toBe(0);
    const { rows } = await api.db.query(`SELECT status FROM follow_up WHERE title = $1`, [`Follow up: ${title}`]);
    expect(rows).toEqual([{ status: 'done' }]);
    await shot('07-follow-ups-done');
  });

  it('works from the keyboard: the skip link first, then the main content', async () => {
    await page.goto(`${api.url}/states/KEN`);
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Skip to main content');
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');
  });

  it('keeps the sign-in on this site when next= hides another origin behind a tab or a line break', async () => {
    const origin = new URL(api.url).origin;
    const visitor = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB' });
    try {
      const p = await visitor.newPage();
      for (const [next, name] of [
        ['/%09/evil.example/', '13-next-with-tab'],
        ['/%0D%0A/evil.example/', '13-next-with-line-break'],
      ]) {
        const form = await p.goto(`${api.url}/login?next=${next}`);
        expect({ next, status: form!.status() }).toEqual({ next, status: 200 });
        await p.getByLabel('Email').fill(officer.email);
        await p.getByLabel('Password').fill('a-long-enough-password');
        await Promise.all([
          // Wherever the sign-in sends the browser, as long as it leaves the form (an outside origin included).
          p.waitForURL((url) => url.origin !== origin || url.pathname !== '/login'),
          p.getByRole('button', { name: 'Sign in' }).click(),
        ]);
        await p.waitForLoadState();
        // Chromium drops a tab in a URL, so `/\t/evil.example/` would have become `//evil.example/`: another site.
        expect({ next, origin: new URL(p.url()).origin }).toEqual({ next, origin });
        await expect(p.locator('.user-name').textContent()).resolves.toBe('Amina Wanjiru');
        await shot(name, p);
        await visitor.clearCookies();
      }
    } finally {
      await visitor.close();
    }
  });

  it('shows titles and names holding a right-to-left override isolated from the text around them', async () => {
    const title = `${RLO}Call the ministry back`;
    const target = `Minister ${RLO}of Justice`;
    const action = await api.request('POST', '/api/actions', {
      token: officer.token,
      body: { stateCode: 'KEN', type: 'meeting', date: day(0), title, target },
    });
    expect(action.status).toBe(201);
    const followUp = await api.request('POST', '/api/follow-ups', {
      token: officer.token,
      body: {
        stateCode: 'KEN',
        title,
        remindAt: remindAtForDueDate(earliestDueOn(TIME_ZONE), TIME_ZONE).toISOString(),
        assigneeId: officer.id,
      },
    });
    expect(followUp.status).toBe(201);

    // How Chromium lays each text out: the element holding it, and whether that element isolates its direction.
    const holders = (text: string) =>
      page.evaluate((t) => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        const found: { tag: string; unicodeBidi: string }[] = [];
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (n.textContent !== t) continue;
          const el = n.parentElement!;
          // A hidden copy (the button's label for screen readers) is isolated too, but not laid out to be seen.
          if (el.closest('.visually-hidden')) continue;
          found.push({ tag: el.tagName.toLowerCase(), unicodeBidi: getComputedStyle(el).unicodeBidi });
        }
        return found;
      }, text);

    await page.goto(`${api.url}/states/KEN`);
    expect(await holders(title)).toEqual([
      { tag: 'bdi', unicodeBidi: 'isolate' }, // the action's title
      { tag: 'bdi', unicodeBidi: 'isolate' }, // the open follow-up's title
    ]);
    expect(await holders(target)).toEqual([{ tag: 'bdi', unicodeBidi: 'isolate' }]);
    // The override stays inside its name: the label before it still reads first, on its left.
    const item = page.locator('.actions-list li', {
      has: page.locator('.action-title bdi', { hasText: 'Call the ministry back' }),
    });
    const aimed = item.locator('p.small', { hasText: 'Aimed at' });
    const label = await aimed.evaluate((p) => {
      const range = document.createRange();
      range.setStart(p.firstChild!, 0);
      range.setEnd(p.firstChild!, 'Aimed at:'.length);
      return { label: range.getBoundingClientRect().right, name: p.querySelector('bdi')!.getBoundingClientRect().left };
    });
    expect(label.label).toBeLessThanOrEqual(label.name);
    await item.screenshot({ path: `${ARTIFACTS}/14-bidi-action.png` });

    await page.goto(`${api.url}/follow-ups`);
    expect(await holders(title)).toEqual([{ tag: 'bdi', unicodeBidi: 'isolate' }]);
    await page.locator(`#follow-up-${followUp.body.id}`).screenshot({ path: `${ARTIFACTS}/14-bidi-follow-up.png` });
  });

  it('reschedules with the browser’s own date picker, from the earliest day, and refuses an earlier one', async () => {
    const earliest = earliestDueOn(TIME_ZONE);
    const { rows } = await api.db.query(`SELECT id, remind_at FROM follow_up WHERE title = $1`, [
      `${RLO}Call the ministry back`,
    ]);
    const id = rows[0].id as string;
    await page.goto(`${api.url}/follow-ups`);
    const input = page.locator(`#reschedule-${id}-dueOn`);
    // Chromium's own picker, in the reader's format: no YYYY-MM-DD to type, no day before the earliest offered.
    await expect(input.evaluate((el: HTMLInputElement) => el.type)).resolves.toBe('date');
    await expect(input.getAttribute('min')).resolves.toBe(earliest);
    const hint = await page.locator('#reschedule-hint').textContent();
    expect(hint).toContain(`09:00 ${TIME_ZONE}`);
    expect(hint).toContain(formatDate(earliest));
    expect(hint).not.toMatch(/YYYY/i);
    await expect(input.getAttribute('aria-describedby')).resolves.toContain('reschedule-hint');

    await input.fill(dayBefore(earliest));
    await expect(input.evaluate((el: HTMLInputElement) => el.validity.rangeUnderflow)).resolves.toBe(true);
    await shot('15-reschedule-picker');
    // The form does not rely on the browser (novalidate): the server refuses the day, next to the field.
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.locator(`#follow-up-${id}`).getByRole('button', { name: 'Reschedule' }).click(),
    ]);
    await page.waitForLoadState();
    await expect(page.locator(`#reschedule-${id}-dueOn-error`).textContent()).resolves.toContain(
      `Choose ${formatDate(earliest)} or a later date`,
    );
    await expect(page.locator(`#reschedule-${id}-dueOn`).getAttribute('aria-invalid')).resolves.toBe('true');
    const after = await api.db.query(`SELECT remind_at FROM follow_up WHERE id = $1`, [id]);
    expect(after.rows[0].remind_at).toEqual(rows[0].remind_at);
    await shot('15-reschedule-refused');
  });

  it('refuses a follow-up due on a day already past on the action form, next to its date', async () => {
    const earliest = earliestDueOn(TIME_ZONE);
    const pastTitle = `Letter with a late follow-up ${Date.now().toString(36)}`;
    await page.goto(`${api.url}/states/KEN`);
    const form = page.locator('#log-action form');
    await form.getByLabel('Kind of action').selectOption('letter-minister');
    await form.getByLabel('Date', { exact: true }).fill(day(0));
    await form.getByLabel('Title').fill(pastTitle);
    await form.getByLabel('Set a follow-up for this action').check();
    await expect(form.getByLabel('Due on').getAttribute('min')).resolves.toBe(earliest);
    await form.getByLabel('Due on').fill(dayBefore(earliest));
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      form.getByRole('button', { name: 'Log action' }).click(),
    ]);
    await page.waitForLoadState();

    const error = await page.locator('#action-followUpDueOn-error').textContent();
    // The API's refusal, named after the form's field (the page writes the first letter in capitals).
    expect(error).toMatch(new RegExp(`dueOn ${dayBefore(earliest)} has passed`, 'i'));
    expect(error).toContain(`choose ${earliest} or later`);
    await expect(page.locator('#action-followUpDueOn').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('#action-title').inputValue()).resolves.toBe(pastTitle);
    // Neither the action nor its follow-up was saved.
    const saved = await api.db.query(`SELECT count(*)::int AS n FROM advocacy_action WHERE title = $1`, [pastTitle]);
    expect(saved.rows).toEqual([{ n: 0 }]);
    await shot('16-action-past-due-refused');
  });

  it('reads on a phone without sideways scrolling of the page', async () => {
    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      storageState: await context.storageState(),
    });
    try {
      const p = await phone.newPage();
      for (const [path, name] of [
        ['/', '08-phone-world'],
        ['/regions/africa', '09-phone-region'],
        ['/regions/europe', '09-phone-region-europe'],
        ['/states/KEN', '10-phone-state'],
        ['/follow-ups', '11-phone-follow-ups'],
      ]) {
        await p.goto(api.url + path);
        const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect({ path, overflow }).toEqual({ path, overflow: 0 });
        await shot(name, p);
      }
    } finally {
      await phone.close();
    }
    // Five full-page screenshots at twice the pixels: tens of seconds when the suite shares two cores.
  }, 120_000);

  it('ran without a script error or a refused resource', () => {
    expect(problems).toEqual([]);
  });
});
