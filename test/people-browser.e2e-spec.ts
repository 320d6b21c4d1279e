import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Browser, chromium, Page } from 'playwright-core';
import { signUp, startApi, TestApi } from './support/api';
import { ADMIN } from './support/test-env';
import { csrfToken, WebClient } from './support/web-client';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'];
const today = () => new Date().toISOString().slice(0, 10);

/** Logging a meeting with a minister picked from the contact field, then finding it on the minister's page. */
describe('contacts in the browser', () => {
  let api: TestApi;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  let officerEmail = '';

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
    api = await startApi();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    const officer = await signUp(api, { role: 'campaign-officer', name: 'Joseph Otieno' });
    officerEmail = officer.email;
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

  it('changes an organisation through its page, all errors shown, and refuses the form to a viewer', async () => {
    const org = await api.request('POST', '/api/organisations', {
      body: { name: 'Coalition nationale du Burkina Faso', kind: 'national-coalition', stateCode: 'BFA' },
    });
    await page.goto(`${api.url}/organisations/${org.body.id}`);
    await page.getByText('Change details').click();
    const form = page.locator('#edit-organisation');
    await form.getByLabel('Name').fill('');
    await form.getByLabel('Email').fill('not an address');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect(form.locator('.field-error').count()).resolves.toBe(2);
    await form.getByLabel('Name').fill('Coalition burkinabè pour la CPI');
    await form.getByLabel('Email').fill('info@cpi-burkina.example.org');
    await Promise.all([page.waitForURL(/saved=1/), form.getByRole('button', { name: 'Save changes' }).click()]);
    await expect(page.locator('h1').textContent()).resolves.toBe('Coalition burkinabè pour la CPI');
    const saved = await api.request('GET', `/api/organisations/${org.body.id}`);
    expect(saved.body).toMatchObject({
      name: 'Coalition burkinabè pour la CPI',
      email: 'info@cpi-burkina.example.org',
    });

    const viewer = await signUp(api, { role: 'viewer' });
    const web = new WebClient(api.url);
    await web.signIn(viewer.email, 'a-long-enough-password');
    const shown = await web.get(`/organisations/${org.body.id}`);
    expect(shown.html).not.toContain('id="edit-organisation"');
    const forced = await web.post(`/organisations/${org.body.id}`, {
      _csrf: csrfToken(shown.html),
      name: 'Taken over',
      kind: 'national-coalition',
    });
    expect(forced.status).toBe(403);
    expect((await api.request('GET', `/api/organisations/${org.body.id}`)).body.name).toBe(
      'Coalition burkinabè pour la CPI',
    );
  }, 60_000);

  it('lets an admin download what is held on a person and erase it after confirming; an officer sees neither', async () => {
    const person = await api.request('POST', '/api/contacts', {
      body: {
        name: 'Mariam Traoré',
        position: 'Adviser',
        stateCode: 'MLI',
        email: 'm.traore@example.org',
        lawfulBasis: 'consent',
      },
    });
    const id = person.body.id as string;
    // The officer signed in above is not an admin: no export link, no erase form, and a forced post is refused.
    await page.goto(`${api.url}/contacts/${id}`);
    await expect(page.locator('#personal-data').count()).resolves.toBe(0);
    const officer = new WebClient(api.url);
    await officer.signIn(officerEmail, 'a-long-enough-password');
    const shown = await officer.get(`/contacts/${id}`);
    expect((await officer.get(`/contacts/${id}/export`)).status).toBe(403);
    expect((await officer.post(`/contacts/${id}/erase`, { _csrf: csrfToken(shown.html), confirm: 'yes' })).status).toBe(
      403,
    );

    const admin = await browser.newPage();
    await admin.goto(`${api.url}/login`);
    await admin.getByLabel('Email').fill(ADMIN.email);
    await admin.getByLabel('Password').fill(ADMIN.password);
    await Promise.all([admin.waitForURL(`${api.url}/`), admin.getByRole('button', { name: 'Sign in' }).click()]);
    await admin.goto(`${api.url}/contacts/${id}`);
    const [download] = await Promise.all([
      admin.waitForEvent('download'),
      admin.getByRole('link', { name: 'Download everything held on this person' }).click(),
    ]);
    const held = JSON.parse(await readFile(await download.path(), 'utf8'));
    expect(held.contact).toMatchObject({ name: 'Mariam Traoré', email: 'm.traore@example.org' });
    expect(held.history.length).toBeGreaterThan(0);

    await admin.getByRole('button', { name: 'Erase personal data' }).click();
    await expect(admin.locator('#erase-error').textContent()).resolves.toContain('Tick the box');
    expect((await api.request('GET', `/api/contacts/${id}`)).body.name).toBe('Mariam Traoré');
    await admin.getByLabel("I confirm this person's data is to be erased").check();
    await Promise.all([
      admin.waitForURL(/erased=1/),
      admin.getByRole('button', { name: 'Erase personal data' }).click(),
    ]);
    await expect(admin.locator('h1').textContent()).resolves.toBe('Erased contact');
    const erased = (await api.request('GET', `/api/contacts/${id}`)).body;
    expect(erased).toMatchObject({ name: null, email: null, position: null });
    await admin.screenshot({ path: 'test-artifacts/pages/40-contact-erased.png', fullPage: true });
    await admin.close();
    expect(problems).toEqual([]);
  }, 60_000);
});
