import { existsSync } from 'node:fs';
import { Browser, chromium, Page } from 'playwright-core';
import { signUp, startApi, TestApi } from './support/api';
import { ADMIN } from './support/test-env';
import { csrfToken, WebClient } from './support/web-client';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'];
const ARTIFACTS = 'test-artifacts/pages';
const day = (offset: number) => new Date(Date.now() + offset * 86400_000).toISOString().slice(0, 10);
const PASSWORD = 'a-long-enough-password';

/** Pledges recorded on a state's page, and the playbook changed on its own page, as the API allows each. */
describe('pledges and the playbook in the browser', () => {
  let api: TestApi;
  let browser: Browser;
  const problems: string[] = [];

  const signedIn = async (email: string, password: string): Promise<Page> => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(`${api.url}/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await Promise.all([page.waitForURL(`${api.url}/`), page.getByRole('button', { name: 'Sign in' }).click()]);
    return page;
  };

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
    api = await startApi();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('records a pledge on the state page, every error shown at once, and lists it as open', async () => {
    const officer = await signUp(api, { role: 'regional-officer', regions: ['asia-pacific'] });
    const page = await signedIn(officer.email, PASSWORD);
    await page.goto(`${api.url}/states/IND`);
    await page.getByText('Record a pledge').click();
    const form = page.locator('#pledges form');
    await form.getByLabel('Commitment').selectOption('rome-statute');
    await form.getByLabel('Made on').fill(day(30));
    await form.getByRole('button', { name: 'Record pledge' }).click();
    // The occasion is missing and the day is in the future: both said next to their fields.
    await expect(form.locator('.field-error').allTextContents()).resolves.toEqual([
      expect.stringMatching(/Enter the occasion/),
    ]);
    await form.getByLabel('Occasion').fill('Universal Periodic Review, 41st session');
    await form.getByRole('button', { name: 'Record pledge' }).click();
    await expect(form.locator('.field-error').textContent()).resolves.toMatch(/must not be in the future/);
    await form.getByLabel('Made on').fill(day(-3));
    await form.getByLabel('To be kept by').fill(day(365));
    await Promise.all([page.waitForURL(/saved=pledge/), form.getByRole('button', { name: 'Record pledge' }).click()]);
    await expect(page.locator('.notice').textContent()).resolves.toBe('Pledge recorded.');
    const row = page.locator('#pledges table.pledges tbody tr');
    await expect(row.allTextContents()).resolves.toEqual([expect.stringContaining('Universal Periodic Review')]);
    await expect(row.locator('td').last().textContent()).resolves.toBe('Open');
    await page.screenshot({ path: `${ARTIFACTS}/50-state-pledge.png`, fullPage: true });

    // Kenya is a party: the API's 409 is said atop the form, and an officer of another region sees no form there.
    await page.goto(`${api.url}/states/KEN`);
    await expect(page.getByText('Record a pledge').count()).resolves.toBe(0);
    await page.close();
    const admin = await signedIn(ADMIN.email, ADMIN.password);
    await admin.goto(`${api.url}/states/KEN`);
    await admin.getByText('Record a pledge').click();
    const kenya = admin.locator('#pledges form');
    await kenya.getByLabel('Commitment').selectOption('rome-statute');
    await kenya.getByLabel('Occasion').fill('Assembly of States Parties, 24th session');
    await kenya.getByRole('button', { name: 'Record pledge' }).click();
    await expect(kenya.locator('.error-summary').textContent()).resolves.toMatch(/already party/);
    const saved = await api.request('GET', '/api/pledges?state=KEN');
    expect(saved.body.items).toEqual([]);
    await admin.close();
    expect(problems).toEqual([]);
  }, 90_000);

  it('lets an admin change the playbook on its page, shown to all; a viewer reads it and cannot post', async () => {
    const admin = await signedIn(ADMIN.email, ADMIN.password);
    await admin.goto(`${api.url}/playbook`);
    const field = admin.getByLabel('Next step: Rome Statute, Not signed');
    await field.fill('Invite the justice minister to the regional seminar on the Rome Statute.');
    await Promise.all([admin.waitForURL(/saved=1/), admin.getByRole('button', { name: 'Save playbook' }).click()]);
    await expect(admin.locator('.notice').textContent()).resolves.toMatch(/^Playbook saved: \d+ suggestions\.$/);
    await admin.screenshot({ path: `${ARTIFACTS}/51-playbook.png`, fullPage: true });
    await admin.close();
    const playbook = (await api.request('GET', '/api/playbook')).body as { instrument: string; stage: string }[];
    expect(playbook).toContainEqual({
      instrument: 'rome-statute',
      stage: 'none',
      suggestion: 'Invite the justice minister to the regional seminar on the Rome Statute.',
    });

    const viewer = await signUp(api, { role: 'viewer' });
    const web = new WebClient(api.url);
    await web.signIn(viewer.email, PASSWORD);
    const shown = await web.get('/playbook');
    expect(shown.html).toContain('Invite the justice minister to the regional seminar on the Rome Statute.');
    expect(shown.html).not.toContain('Save playbook');
    const forced = await web.post('/playbook', { _csrf: csrfToken(shown.html), 's:rome-statute:none': 'Taken over' });
    expect(forced.status).toBe(403);
    expect((await api.request('GET', '/api/playbook')).body).toEqual(playbook);
  }, 60_000);
});
