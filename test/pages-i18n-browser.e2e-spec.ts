import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { signUp, startApi, TestApi } from './support/api';

/** Debian's chromium package; .ci/run installs it when missing. */
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'];
/** Screenshots of the Arabic pages, for people to look at (git ignores the folder). */
const ARTIFACTS = resolve(__dirname, '..', 'test-artifacts', 'pages-i18n');

describe('the Arabic pages in headless Chromium: right to left, the map and charts still readable', () => {
  let api: TestApi;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const shot = (name: string, p: Page = page) => p.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
    mkdirSync(ARTIFACTS, { recursive: true });
    api = await startApi();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    const reader = await signUp(api, { role: 'campaign-officer', regions: ['africa'], name: 'أمينة' });
    expect((await api.request('PATCH', '/api/me', { token: reader.token, body: { locale: 'ar' } })).status).toBe(200);
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'ar' });
    page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(`${api.url}/login`);
    await page.locator('input[name="email"]').fill(reader.email);
    await page.locator('input[name="password"]').fill('a-long-enough-password');
    await Promise.all([page.waitForURL(`${api.url}/`), page.locator('form button[type="submit"]').first().click()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('lays the world page out right to left, with the map and the chart drawn left to right', async () => {
    await page.goto(`${api.url}/`);
    await expect(page.locator('html').getAttribute('dir')).resolves.toBe('rtl');
    await expect(page.locator('h1').textContent()).resolves.toBe('نظرة عامة على العالم');
    const direction = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((el) => getComputedStyle(el).direction);
    await expect(direction('main')).resolves.toBe('rtl');
    await expect(direction('svg.map')).resolves.toBe('ltr');
    await expect(direction('svg.chart')).resolves.toBe('ltr');
    // The brand starts the header on the right.
    const brand = (await page.locator('.brand').boundingBox())!;
    expect(brand.x + brand.width).toBeGreaterThan(1366 / 2);
    await shot('01-world-ar');
  });

  it('keeps a region’s state names in view on the right while its table scrolls, sorted in Arabic order', async () => {
    await page.goto(`${api.url}/regions/africa`);
    await expect(page.locator('h1').textContent()).resolves.toBe('أفريقيا');
    const table = (await page.locator('table.states').boundingBox())!;
    const firstName = (await page.locator('table.states tbody th').first().boundingBox())!;
    expect(firstName.x).toBeGreaterThan(table.x + table.width / 2);
    const names = await page.locator('table.states tbody th').allTextContents();
    expect(names).toEqual([...names].sort(new Intl.Collator('ar').compare));
    await shot('02-region-ar');
  });

  it('shows Kenya in Arabic, its summary and its notes starting on the right', async () => {
    await page.goto(`${api.url}/states/KEN`);
    await expect(page.locator('h1').textContent()).resolves.toContain('كينيا');
    // The heading's words end at the right edge of its box: where Arabic text starts.
    const gapOnTheRight = await page.locator('#status-title').evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return el.getBoundingClientRect().right - range.getBoundingClientRect().right;
    });
    expect(gapOnTheRight).toBeLessThan(2);
    await shot('03-state-ar');
    expect(problems).toEqual([]);
  });
});
