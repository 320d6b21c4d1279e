import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
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

describe('the web pages in headless Chromium', () => {
  let api: TestApi;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
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
    const officer = await signUp(api, { role: 'campaign-officer', regions: ['africa'], name: 'Amina Wanjiru' });
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
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), form.getByRole('button').click()]);
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
    await page.waitForURL('**/follow-ups?saved=done');
    await expect(page.locator('.notice').textContent()).resolves.toBe('Follow-up marked done.');
    await expect(page.locator('li', { hasText: title }).count()).resolves.toBe(0);
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
  });

  it('ran without a script error or a refused resource', () => {
    expect(problems).toEqual([]);
  });
});
