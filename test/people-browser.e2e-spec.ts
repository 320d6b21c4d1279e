import { existsSync } from 'node:fs';
import { Browser, chromium, Page } from 'playwright-core';
import { signUp, startApi, TestApi } from './support/api';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'];
const today = () => new Date().toISOString().slice(0, 10);

/** Logging a meeting with a minister picked from the contact field, then finding it on the minister's page. */
describe('contacts in the browser', () => {
  let api: TestApi;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
    api = await startApi();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    const officer = await signUp(api, { role: 'campaign-officer', name: 'Joseph Otieno' });
    await page.goto(`${api.url}/login`);
    await page.getByLabel('Email').fill(officer.email);
    await page.getByLabel('Password').fill('a-long-enough-password');
    await Promise.all([page.waitForURL(`${api.url}/`), page.getByRole('button', { name: 'Sign in' }).click()]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('logs a meeting with a minister picked from the contact field, shown on the minister’s page', async () => {
    // The minister sits in Ghana; the meeting is logged on Kenya's page, so she is found by typing her name.
    const minister = await api.request('POST', '/api/contacts', {
      body: { name: 'Adwoa Boakye', position: 'Minister of Justice', stateCode: 'GHA', lawfulBasis: 'public-task' },
    });
    await page.goto(`${api.url}/states/KEN`);
    const field = page.getByLabel('People met or addressed');
    expect(await field.locator('option', { hasText: 'Adwoa' }).count()).toBe(0);
    // Search as you type: the script adds the names matching to the field.
    await page.getByLabel('Find a contact to pick').pressSequentially('boak');
    await field.locator(`option[value="${minister.body.id}"]`).waitFor({ state: 'attached' });
    await field.selectOption(minister.body.id);
    await page.getByLabel('Kind of action').selectOption('meeting');
    await page.getByLabel('Date', { exact: true }).fill(today());
    await page.getByLabel('Title').fill('Meeting with the minister on the cooperation bill');
    await Promise.all([
      page.waitForURL('**/states/KEN?saved=action*'),
      page.getByRole('button', { name: 'Log action' }).click(),
    ]);

    await page.goto(`${api.url}/contacts`);
    await Promise.all([
      page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/),
      page.getByRole('link', { name: 'Adwoa Boakye' }).click(),
    ]);
    await expect(page.locator('h1').textContent()).resolves.toBe('Adwoa Boakye');
    await expect(page.locator('#actions .action-title').allTextContents()).resolves.toEqual([
      'Meeting with the minister on the cooperation bill',
    ]);
    // Her details change through the page's form, which an officer sees.
    await page.getByText('Change details').click();
    await page.locator('#edit-contact').getByLabel('Position').fill('Attorney General and Minister of Justice');
    await Promise.all([page.waitForURL(/saved=1/), page.getByRole('button', { name: 'Save changes' }).click()]);
    await expect(page.locator('.details').textContent()).resolves.toContain('Attorney General and Minister of Justice');
    expect(problems).toEqual([]);
  }, 60_000);

  it('finds a contact without the script too: the Find button is a search step', async () => {
    const ambassador = await api.request('POST', '/api/contacts', {
      body: { name: 'Lars Lindqvist', position: 'Ambassador', stateCode: 'SWE', lawfulBasis: 'public-task' },
    });
    const bare = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await bare.context().addCookies(await page.context().cookies());
    await bare.goto(`${api.url}/states/KEN`);
    await bare.getByLabel('Find a contact to pick').fill('lindq');
    await Promise.all([bare.waitForURL('**contactQ=lindq*'), bare.getByRole('button', { name: 'Find' }).click()]);
    await bare.getByLabel('People met or addressed').selectOption(ambassador.body.id);
    await bare.getByLabel('Kind of action').selectOption('call');
    await bare.getByLabel('Date', { exact: true }).fill(today());
    await bare.getByLabel('Title').fill('Call with the ambassador');
    await Promise.all([
      bare.waitForURL('**/states/KEN?saved=action*'),
      bare.getByRole('button', { name: 'Log action' }).click(),
    ]);
    const listed = await api.request('GET', `/api/actions?contact=${ambassador.body.id}`);
    expect(listed.body.items.map((a: { title: string }) => a.title)).toEqual(['Call with the ambassador']);
  });
});
