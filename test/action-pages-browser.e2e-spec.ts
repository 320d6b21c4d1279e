import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { signUp, startApi, TestApi } from './support/api';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'];
/** Screenshots for people to look at (git ignores the folder). */
const ARTIFACTS = resolve(__dirname, '..', 'test-artifacts', 'pages');
const LAPTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const PASSWORD = 'a-long-enough-password';

const day = (days: number) => new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);

/** The list of actions, an action's page and the search box, as an officer and a viewer use them. */
describe('actions and search in the browser', () => {
  let api: TestApi;
  let browser: Browser;
  let officerContext: BrowserContext;
  let page: Page;
  let officer: { token: string; id: string; email: string };
  let viewer: { token: string; id: string; email: string };
  let meetingId: string;
  const problems: string[] = [];

  /** A full-page screenshot of what `p` shows, at laptop and at phone width. */
  const shots = async (p: Page, name: string) => {
    for (const [width, viewport] of [
      ['1280', LAPTOP],
      ['390', PHONE],
    ] as const) {
      await p.setViewportSize(viewport);
      await p.screenshot({ path: `${ARTIFACTS}/${name}-${width}.png`, fullPage: true });
    }
    await p.setViewportSize(LAPTOP);
  };

  const signIn = async (context: BrowserContext, email: string): Promise<Page> => {
    const p = await context.newPage();
    p.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await p.goto(`${api.url}/login`);
    await p.getByLabel('Email').fill(email);
    await p.getByLabel('Password').fill(PASSWORD);
    await Promise.all([p.waitForURL(`${api.url}/`), p.getByRole('button', { name: 'Sign in' }).click()]);
    return p;
  };

  const logAction = async (body: Record<string, unknown>) => {
    const res = await api.request('POST', '/api/actions', { token: officer.token, body });
    if (res.status !== 201) throw new Error(`POST /api/actions answered ${res.status}: ${res.text}`);
    return res.body.id as string;
  };

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
    mkdirSync(ARTIFACTS, { recursive: true });
    api = await startApi();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    officer = await signUp(api, { role: 'campaign-officer', regions: ['africa'], name: 'Amina Wanjiru' });
    viewer = await signUp(api, { role: 'viewer', name: 'Vera Viewer' });

    // 22 letters to Kenya (a page and two more), a letter to Uganda, and a meeting with a minister in Kenya.
    for (let i = 1; i <= 22; i++) {
      await logAction({ stateCode: 'KEN', type: 'letter-head-of-state', date: day(-30 - i), title: `Letter ${i}` });
    }
    await logAction({ stateCode: 'UGA', type: 'letter-head-of-state', date: day(-5), title: 'Letter to Uganda' });
    const minister = await api.request('POST', '/api/contacts', {
      token: officer.token,
      body: { name: 'Adwoa Boakye', position: 'Minister of Justice', stateCode: 'KEN', lawfulBasis: 'public-task' },
    });
    meetingId = await logAction({
      stateCode: 'KEN',
      type: 'meeting',
      date: day(-2),
      title: 'Meeting on the cooperation bill',
      summary: 'Discussed the draft with the ministry.',
      contactIds: [minister.body.id],
    });

    officerContext = await browser.newContext({ viewport: LAPTOP });
    page = await signIn(officerContext, officer.email);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  }, 120_000);

  it("lists Kenya's letters with filters, and pages forward and back keeping them", async () => {
    await page.goto(`${api.url}/actions`);
    await page.getByLabel('State', { exact: true }).selectOption('KEN');
    await page.getByLabel('Kind of action').selectOption('letter-head-of-state');
    await Promise.all([page.waitForURL(/\/actions\?state=KEN&type=letter/), page.getByText('Show actions').click()]);
    const rows = page.locator('.actions-table tbody tr');
    await expect(rows.count()).resolves.toBe(20);
    await expect(rows.first().locator('th').textContent()).resolves.toBe('Letter 1');
    expect(new Set(await rows.locator('td:nth-child(3)').allTextContents())).toEqual(new Set(['Kenya']));
    await shots(page, 'actions-list');
    // The download link carries the same filters: every Kenyan letter, not only this page's twenty.
    const csvHref = await page.getByRole('link', { name: 'Download these actions (CSV)' }).getAttribute('href');
    expect(csvHref).toBe('/actions.csv?state=KEN&type=letter-head-of-state');
    const csv = await page.evaluate(async (href) => (await fetch(href)).text(), csvHref!);
    const lines = csv.trim().split('\r\n').slice(1);
    expect(lines.length).toBeGreaterThan(20);
    expect(lines.every((l) => l.includes('KEN') && l.includes('letter-head-of-state'))).toBe(true);

    await Promise.all([page.waitForURL(/cursor=/), page.getByRole('link', { name: 'Next' }).click()]);
    expect(new URL(page.url()).searchParams.get('state')).toBe('KEN');
    await expect(rows.locator('th').allTextContents()).resolves.toEqual(['Letter 21', 'Letter 22']);
    await expect(page.getByRole('link', { name: 'Next' }).count()).resolves.toBe(0);

    await Promise.all([page.waitForURL(/type=letter/), page.getByRole('link', { name: 'Previous' }).click()]);
    await expect(rows.count()).resolves.toBe(20);
    await expect(rows.first().locator('th').textContent()).resolves.toBe('Letter 1');
    await expect(page.getByLabel('State', { exact: true }).inputValue()).resolves.toBe('KEN');
  }, 120_000);

  it('says a filter that cannot be next to its field, and an empty list plainly', async () => {
    await page.goto(`${api.url}/actions?state=KEN&from=${day(-1)}&to=${day(-10)}`);
    await expect(page.locator('#filter-from-error').textContent()).resolves.toContain('must not be after to');
    await page.goto(`${api.url}/actions?state=NOR`);
    await expect(page.locator('#list .empty').textContent()).resolves.toBe('No action matches these filters.');
  }, 120_000);

  it('opens an action, shows an error next to its field, saves it fixed and says what changed', async () => {
    await page.goto(`${api.url}/actions?type=meeting`);
    await Promise.all([
      page.waitForURL(`**/actions/${meetingId}`),
      page.getByRole('link', { name: 'Meeting on the cooperation bill' }).click(),
    ]);
    await expect(page.locator('#details').textContent()).resolves.toContain('Adwoa Boakye');
    await expect(page.locator('#details').textContent()).resolves.toContain('Amina Wanjiru');
    await shots(page, 'action');

    const form = page.locator('#edit');
    await form.getByLabel('Title').fill(' ');
    await form.getByLabel('Outcome').fill('The minister will table the bill.');
    await Promise.all([page.waitForURL(/#edit$/), form.getByText('Save changes').click()]);
    await expect(page.locator('#edit-title-error').textContent()).resolves.toContain('Enter a title.');
    // What was typed stays, and nothing was saved.
    await expect(form.getByLabel('Outcome').inputValue()).resolves.toBe('The minister will table the bill.');
    const unchanged = await api.request('GET', `/api/actions/${meetingId}`, { token: officer.token });
    expect(unchanged.body.outcome).toBeNull();
    await shots(page, 'action-error');

    await form.getByLabel('Title').fill('Meeting with the Minister of Justice');
    await Promise.all([page.waitForURL(/saved=title,outcome/), form.getByText('Save changes').click()]);
    await expect(page.locator('.notice').textContent()).resolves.toBe('Action saved: title and outcome changed.');
    await expect(page.locator('h1').textContent()).resolves.toBe('Meeting with the Minister of Justice');
    const saved = await api.request('GET', `/api/actions/${meetingId}`, { token: officer.token });
    expect(saved.body).toMatchObject({
      title: 'Meeting with the Minister of Justice',
      outcome: 'The minister will table the bill.',
      summary: 'Discussed the draft with the ministry.',
      contactIds: unchanged.body.contactIds,
    });
  }, 120_000);

  it('shows a viewer the action without its forms, and refuses a forced edit or withdrawal as the API does', async () => {
    const viewerPage = await signIn(await browser.newContext({ viewport: LAPTOP }), viewer.email);
    await viewerPage.goto(`${api.url}/actions/${meetingId}`);
    await expect(viewerPage.locator('h1').textContent()).resolves.toBe('Meeting with the Minister of Justice');
    await expect(viewerPage.locator('#edit').count()).resolves.toBe(0);
    await expect(viewerPage.getByRole('link', { name: /withdraw/i }).count()).resolves.toBe(0);
    await expect(viewerPage.locator('main').textContent()).resolves.toContain(
      'Only Amina Wanjiru, who logged it, or an administrator can change or withdraw this action.',
    );

    const csrf = await viewerPage.locator('input[name="_csrf"]').first().inputValue();
    const edit = await viewerPage.request.post(`${api.url}/actions/${meetingId}`, {
      form: { _csrf: csrf, type: 'meeting', date: day(-2), title: 'Renamed by a viewer' },
      maxRedirects: 0,
    });
    expect(edit.status()).toBe(403);
    const withdraw = await viewerPage.request.post(`${api.url}/actions/${meetingId}/withdraw`, {
      form: { _csrf: csrf },
      maxRedirects: 0,
    });
    expect(withdraw.status()).toBe(403);
    // The API refuses the viewer the same way.
    const patched = await api.request('PATCH', `/api/actions/${meetingId}`, {
      token: viewer.token,
      body: { title: 'Renamed by a viewer' },
    });
    expect(patched.status).toBe(403);
    const still = await api.request('GET', `/api/actions/${meetingId}`, { token: officer.token });
    expect(still.body.title).toBe('Meeting with the Minister of Justice');
    await viewerPage.context().close();
  }, 120_000);

  it('finds a state by its French name, an action by its title and a contact by name, without the script', async () => {
    const bare = await (await browser.newContext({ javaScriptEnabled: false, viewport: LAPTOP })).newPage();
    await bare.context().addCookies(await officerContext.cookies());
    await bare.goto(`${api.url}/states/KEN`);
    await bare.locator('#site-search').fill('Allemagne');
    await Promise.all([bare.waitForURL('**/search?q=Allemagne'), bare.locator('#site-search').press('Enter')]);
    const states = bare.locator('#states');
    await expect(states.getByRole('link', { name: 'Germany' }).getAttribute('href')).resolves.toBe('/states/DEU');
    await expect(states.textContent()).resolves.toContain('French: Allemagne');

    await bare.locator('#site-search').fill('minister');
    await Promise.all([bare.waitForURL('**/search?q=minister'), bare.locator('#site-search').press('Enter')]);
    await expect(bare.locator('#actions').getByRole('link').allTextContents()).resolves.toEqual([
      'Meeting with the Minister of Justice',
    ]);
    await expect(bare.locator('#states').count()).resolves.toBe(0);
    await shots(bare, 'search');

    await bare.goto(`${api.url}/search?q=${encodeURIComponent('boakye')}`);
    await Promise.all([
      bare.waitForURL(/\/contacts\/[0-9a-f-]{36}$/),
      bare.locator('#contacts').getByRole('link', { name: 'Adwoa Boakye' }).click(),
    ]);
    await bare.goto(`${api.url}/search?q=zzqx`);
    await expect(bare.locator('.empty').textContent()).resolves.toContain('Nothing found for');
    await bare.context().close();
  }, 120_000);

  it('withdraws the action after a confirmation step, and no list shows it again', async () => {
    await page.goto(`${api.url}/actions/${meetingId}`);
    await Promise.all([page.waitForURL(/\/withdraw/), page.getByText('Withdraw this action').click()]);
    await expect(page.locator('#withdraw h2').textContent()).resolves.toBe('Withdraw this action?');
    await shots(page, 'action-withdraw');
    // Still there until confirmed.
    expect((await api.request('GET', `/api/actions/${meetingId}`, { token: officer.token })).status).toBe(200);
    await Promise.all([page.waitForURL(/saved=withdrawn/), page.getByText('Withdraw the action').click()]);
    await expect(page.locator('.notice').textContent()).resolves.toContain('Action withdrawn');
    expect((await api.request('GET', `/api/actions/${meetingId}`, { token: officer.token })).status).toBe(404);
    await page.goto(`${api.url}/actions?type=meeting`);
    await expect(page.locator('#list .empty').textContent()).resolves.toBe('No action matches these filters.');
    expect(problems).toEqual([]);
  }, 120_000);
});
