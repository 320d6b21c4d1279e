import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { signUp, startApi, TestApi } from './support/api';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'];
const ARTIFACTS = resolve(__dirname, '..', 'test-artifacts', 'pages');
const day = (days: number) => new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);

/** Ten East and Southern African states the campaign writes to. */
const TARGETS = ['KEN', 'UGA', 'TZA', 'RWA', 'BDI', 'ETH', 'SOM', 'SSD', 'ZMB', 'MWI'];

describe('a campaign run from its pages in headless Chromium', () => {
  let api: TestApi;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const name = `APIC drive ${Date.now().toString(36)}`;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
    mkdirSync(ARTIFACTS, { recursive: true });
    api = await startApi();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB' });
    page = await context.newPage();
    page.setDefaultTimeout(8000);
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 400/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    const officer = await signUp(api, { role: 'campaign-officer', name: 'Amina Wanjiru' });
    await page.goto(`${api.url}/campaigns`);
    await page.getByLabel('Email').fill(officer.email);
    await page.getByLabel('Password').fill('a-long-enough-password');
    await Promise.all([page.waitForURL('**/campaigns'), page.getByRole('button', { name: 'Sign in' }).click()]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  const submit = async (form: ReturnType<Page['locator']>, button: string) => {
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      form.getByRole('button', { name: button }).click(),
    ]);
    await page.waitForLoadState();
  };

  it('creates a campaign with 10 target states, logs one letter to all of them, and shows the progress', async () => {
    const create = page.locator('#new-campaign form');
    await create.getByLabel('Name').fill(name);
    await create.getByLabel('Instrument').selectOption('apic');
    await create.getByLabel('Target states').fill(TARGETS.map((c) => c.toLowerCase()).join(', '));
    await create.getByLabel('Starts on').fill(day(-30));
    await submit(create, 'Create campaign');
    await expect(page.locator('h1').textContent()).resolves.toContain(name);
    await expect(page.locator('.notice, [role="status"]').first().textContent()).resolves.toContain('Campaign created');
    expect(await page.locator('table.campaign-states tbody tr').count()).toBe(10);

    const letter = page.locator('#letter form');
    await letter.getByLabel('Title').fill('Ratify the APIC before the Assembly');
    await letter
      .getByLabel('Text')
      .fill('The coalition asks you to deposit the Agreement on Privileges and Immunities.');
    await letter.getByLabel('Set a follow-up for me on each').check();
    await letter.getByLabel('Due on').fill(day(14));
    await submit(letter, 'Preview the states');
    expect(await page.locator('#letter-preview li').count()).toBe(10);
    await expect(page.locator('#letter-preview').textContent()).resolves.toContain('Kenya (KEN)');
    // Nothing is saved by a preview.
    await expect(page.locator('table.campaign-states').textContent()).resolves.toContain('Not contacted yet');
    await page.screenshot({ path: `${ARTIFACTS}/30-campaign-letter-preview.png`, fullPage: true });
    await submit(page.locator('#letter form'), 'Log for these 10 states');

    await expect(page.getByRole('list', { name: 'Key figures' }).textContent()).resolves.toMatch(
      /10\s*contacted\s*0 not yet/,
    );
    await expect(page.getByRole('list', { name: 'Key figures' }).textContent()).resolves.toMatch(
      /10\s*open follow-ups/,
    );
    expect(await page.locator('#timeline li').count()).toBe(10);
    await expect(page.locator('table.campaign-states').textContent()).resolves.not.toContain('Not contacted yet');
    await page.screenshot({ path: `${ARTIFACTS}/31-campaign-progress.png`, fullPage: true });

    await page.goto(`${api.url}/states/UGA`);
    await expect(page.locator('#campaigns').textContent()).resolves.toContain(name);
    expect(problems).toEqual([]);
  });

  it('shows a region’s stalled states with the next step, its pledges and outcomes', async () => {
    await api.request('POST', '/api/pledges', {
      body: { stateCode: 'BTN', instrument: 'rome-statute', madeOn: day(-10), occasion: 'Universal Periodic Review' },
    });
    await page.goto(`${api.url}/regions/asia-pacific`);
    const india = page.locator('#stalled tr', { hasText: 'India' }).first();
    await expect(india.textContent()).resolves.toContain('head of state');
    await expect(page.locator('#pledges').textContent()).resolves.toContain('Universal Periodic Review');
    await expect(page.locator('#outcomes').textContent()).resolves.toContain('median days');
    await page.screenshot({ path: `${ARTIFACTS}/32-region-stalled.png`, fullPage: true });
    await page.goto(`${api.url}/states/BTN`);
    await expect(page.locator('#pledges').textContent()).resolves.toContain('Open');
    expect(problems).toEqual([]);
  });

  it('refuses a goal date before the campaign began next to its field, then closes the campaign', async () => {
    await page.goto(`${api.url}/campaigns`);
    await page.getByRole('link', { name }).click();
    const edit = page.locator('#edit form');
    await edit.getByLabel('Instrument').selectOption('apic');
    await edit.getByLabel('Stage wanted').selectOption('party');
    await edit.getByLabel('By').fill(day(-60));
    await submit(edit, 'Save campaign');
    await expect(page.locator('#edit').textContent()).resolves.toContain('must not be before the campaign began');
    const again = page.locator('#edit form');
    await again.getByLabel('By').fill(day(300));
    await again.getByLabel('Status').selectOption('closed');
    await submit(again, 'Save campaign');
    await expect(page.locator('h1').textContent()).resolves.toContain('Closed');
    await expect(page.locator('#letter').textContent()).resolves.toContain('The campaign is closed.');
  });
});
