import { INestApplicationContext } from '@nestjs/common';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { signUp, startApi, TestApi } from './support/api';
import { SmtpSink } from './support/smtp-sink';
import { ADMIN } from './support/test-env';
import { startWorker } from './support/worker';

jest.setTimeout(120_000);

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'];
const ARTIFACTS = resolve(__dirname, '..', 'test-artifacts', 'pages');
const PASSWORD = 'a-long-enough-password';
const INVITATION_SUBJECT = 'Your account on the Rome Statute campaign tracker';
const LAPTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

const day = (days: number) => new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);

/**
 * The daily tasks of admins and readers, done through the pages in Chromium: accounts, the outbox, a record's
 * history, the digest of a past week, a corrected treaty event, a state as it was; and the pages at phone width.
 */
describe('admin and record pages in headless Chromium', () => {
  let api: TestApi;
  let sink: SmtpSink;
  let worker: INestApplicationContext | undefined;
  let browser: Browser;
  let admin: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  const suffix = Date.now().toString(36);
  const invitee = { name: 'Wanjiku Mwangi', email: `wanjiku.${suffix}@tracker.test` };

  /** Both widths of a page, for people to look at. */
  const shots = async (name: string, p: Page = page) => {
    await p.screenshot({ path: `${ARTIFACTS}/admin-${name}-1280.png`, fullPage: true });
    await p.setViewportSize(PHONE);
    await p.screenshot({ path: `${ARTIFACTS}/admin-${name}-390.png`, fullPage: true });
    await p.setViewportSize(LAPTOP);
  };

  const submit = (p: Page, button: ReturnType<Page['getByRole']>) =>
    Promise.all([p.waitForResponse((r) => r.request().method() === 'POST'), button.click()]).then(() =>
      p.waitForLoadState(),
    );

  async function signIn(context: BrowserContext, email: string, password: string): Promise<Page> {
    const p = await context.newPage();
    p.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await p.goto(`${api.url}/login`);
    await p.getByLabel('Email').fill(email);
    await p.getByLabel('Password').fill(password);
    await Promise.all([p.waitForURL(`${api.url}/`), p.getByRole('button', { name: 'Sign in' }).click()]);
    return p;
  }

  const userRow = (name: string) =>
    page.locator('table.users tbody tr', { has: page.locator('th', { hasText: name }) });

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
    mkdirSync(ARTIFACTS, { recursive: true });
    sink = await new SmtpSink().start();
    api = await startApi({ SMTP_URL: sink.url });
    worker = await startWorker();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    admin = await browser.newContext({ viewport: LAPTOP, locale: 'en-GB' });
    page = await signIn(admin, ADMIN.email, ADMIN.password);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await api?.close();
    await sink?.stop();
  });

  it('invites a user, saying every wrong field at once; the invitation arrives by email', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
    await page.waitForURL('**/admin/users');
    const form = page.locator('#invite form');
    await form.getByLabel('Email').fill('not-an-address');
    await submit(page, form.getByRole('button', { name: 'Send the invitation' }));
    await expect(page.locator('#invite-email-error').textContent()).resolves.toContain(
      'Enter an email address such as name@example.org.',
    );
    await expect(page.locator('#invite-name-error').textContent()).resolves.toContain('Enter the name.');
    await expect(page.locator('#invite-role-error').textContent()).resolves.toContain('Choose a role.');
    await expect(page.title()).resolves.toMatch(/^Error: Users/);

    await form.getByLabel('Name').fill(invitee.name);
    await form.getByLabel('Email').fill(invitee.email);
    await form.getByLabel('Role').selectOption('campaign-officer');
    await form.getByLabel('Africa', { exact: true }).check();
    await Promise.all([
      page.waitForURL('**/admin/users?saved=invited*'),
      form.getByRole('button', { name: 'Send the invitation' }).click(),
    ]);
    await expect(page.locator('.notice').textContent()).resolves.toContain('Invitation sent');
    const row = userRow(invitee.name);
    await expect(row.textContent()).resolves.toMatch(/Campaign officer\s*Africa/);
    await expect(row.textContent()).resolves.toContain('Invited');
    await sink.waitFor(() => sink.to(invitee.email).length === 1);
    expect(sink.to(invitee.email)[0].subject).toBe(INVITATION_SUBJECT);

    // The same address again is refused next to the email field.
    await form.getByLabel('Name').fill('Someone else');
    await form.getByLabel('Email').fill(invitee.email.toUpperCase());
    await form.getByLabel('Role').selectOption('viewer');
    await submit(page, form.getByRole('button', { name: 'Send the invitation' }));
    await expect(page.locator('#invite-email-error').textContent()).resolves.toContain('already exists');
  });

  it('changes the role and regions, sends the invitation again, then deactivates the account', async () => {
    await page.goto(`${api.url}/admin/users`);
    const row = userRow(invitee.name);
    await row.getByText('Role and regions').click();
    await row.getByLabel('Role').selectOption('regional-officer');
    await row.getByLabel('Africa', { exact: true }).uncheck();
    await row.getByLabel('Europe').check();
    await Promise.all([
      page.waitForURL('**/admin/users?saved=role*'),
      row.getByRole('button', { name: /Save/ }).click(),
    ]);
    await expect(userRow(invitee.name).textContent()).resolves.toMatch(/Regional officer\s*Europe/);
    const { body } = await api.request('GET', '/api/users?limit=200');
    expect(body.items.find((u: { email: string }) => u.email === invitee.email)).toMatchObject({
      role: 'regional-officer',
      regions: ['europe'],
    });

    await Promise.all([
      page.waitForURL('**/admin/users?saved=reinvited*'),
      userRow(invitee.name)
        .getByRole('button', { name: /Resend invitation/ })
        .click(),
    ]);
    await sink.waitFor(() => sink.to(invitee.email).length === 2);
    await shots('users');

    await Promise.all([
      page.waitForURL('**/admin/users?saved=deactivated*'),
      userRow(invitee.name)
        .getByRole('button', { name: /Deactivate/ })
        .click(),
    ]);
    await expect(userRow(invitee.name).textContent()).resolves.toContain('Deactivated');
    await expect(
      userRow(invitee.name)
        .getByRole('button', { name: /Resend invitation/ })
        .count(),
    ).resolves.toBe(0);

    // Its history says who did what: the deactivation is the newest change.
    await Promise.all([
      page.waitForURL('**/audit?entity=user*'),
      userRow(invitee.name)
        .getByRole('link', { name: /History/ })
        .click(),
    ]);
    const newest = page.locator('.history-entry').first();
    await expect(newest.locator('.history-head').textContent()).resolves.toContain('Changed by Administrator');
    // Fields go by the names a person reads, not the code's.
    await expect(newest.locator('tr', { hasText: 'Active' }).textContent()).resolves.toMatch(/Active\s*true\s*false/);
    await expect(page.locator('.history-entry').count()).resolves.toBe(3);
  });

  it('refuses deactivating the last admin beside their row', async () => {
    await page.goto(`${api.url}/admin/users`);
    const row = userRow('Administrator');
    await submit(page, row.getByRole('button', { name: /Deactivate/ }));
    await expect(userRow('Administrator').locator('.field-error').textContent()).resolves.toContain(
      'last active admin',
    );
  });

  it('sends again an email that failed, from the outbox page', async () => {
    // The email is written while no worker runs, then recorded as given up on, as after its last failed attempt.
    await worker?.close();
    worker = undefined;
    const second = { name: 'Tomás Ortega', email: `tomas.${suffix}@tracker.test` };
    const created = await api.request('POST', '/api/users', {
      body: { name: second.name, email: second.email, role: 'viewer' },
    });
    expect(created.status).toBe(201);
    await api.db.query(
      `UPDATE outbox_email SET status = 'failed', attempts = 10, last_error = '550 5.1.1 mailbox unavailable'
        WHERE recipient = $1`,
      [second.email],
    );
    worker = await startWorker();

    await page.goto(`${api.url}/admin/users`);
    await page
      .getByRole('navigation', { name: 'Administration' })
      .getByRole('link', { name: 'Emails not delivered' })
      .click();
    await page.waitForURL('**/admin/outbox');
    const row = page.locator('table.outbox tbody tr', { hasText: second.email });
    await expect(row.textContent()).resolves.toContain('550 5.1.1 mailbox unavailable');
    await expect(row.textContent()).resolves.toContain('Failed');
    await shots('outbox');
    expect(sink.to(second.email)).toHaveLength(0);
    await Promise.all([
      page.waitForURL('**/admin/outbox?saved=resent'),
      row.getByRole('button', { name: /Resend/ }).click(),
    ]);
    await sink.waitFor(() => sink.to(second.email).length === 1);
    expect(sink.to(second.email)[0].subject).toBe(INVITATION_SUBJECT);
    await page.reload();
    await expect(page.locator('table.outbox tbody tr', { hasText: second.email }).count()).resolves.toBe(0);
  });

  it('corrects a treaty event with a reason, never overwriting it, and reads both in the history', async () => {
    await page.goto(`${api.url}/states/KEN`);
    const signature = page.locator('.timeline li', { hasText: 'Signature' }).filter({ hasText: '11 Aug 1999' });
    await Promise.all([
      page.waitForURL('**/states/KEN?correct=*'),
      signature.getByRole('link', { name: /Correct/ }).click(),
    ]);
    const form = page.locator('#correct-event form');
    await expect(form.getByLabel('Date').inputValue()).resolves.toBe('1999-08-11');
    await form.getByLabel('Date').fill('');
    await submit(page, form.getByRole('button', { name: 'Record the correction' }));
    // Every error of the form at once, each next to its field.
    await expect(page.locator('#correct-date-error').textContent()).resolves.toContain('Choose the date of the step.');
    await expect(page.locator('#correct-reason-error').textContent()).resolves.toContain(
      'Enter why the earlier record was wrong.',
    );

    await form.getByLabel('Date').fill('1999-08-12');
    await form.getByLabel('Reason for the correction').fill('The depositary notification gives 12 August 1999.');
    await Promise.all([
      page.waitForURL('**/states/KEN?saved=correction*'),
      form.getByRole('button', { name: 'Record the correction' }).click(),
    ]);
    await expect(page.locator('.notice').textContent()).resolves.toContain('Correction recorded');
    const corrected = page.locator('.timeline li', { hasText: 'Signature' });
    await expect(corrected.count()).resolves.toBe(1);
    await expect(corrected.locator('time').textContent()).resolves.toBe('12 Aug 1999');
    await expect(corrected.textContent()).resolves.toContain(
      'Corrects the earlier record (signature on 1999-08-11): The depositary notification gives 12 August 1999.',
    );
    await shots('state-corrected');

    await Promise.all([
      page.waitForURL('**/audit?entity=treaty-event*'),
      corrected.getByRole('link', { name: /History/ }).click(),
    ]);
    await expect(page.locator('h1').textContent()).resolves.toBe('Treaty event');
    const created = page.locator('.history-entry').first();
    await expect(created.locator('.history-head').textContent()).resolves.toContain('Created by Administrator');
    await expect(created.locator('tr', { hasText: 'Reason for the correction' }).textContent()).resolves.toContain(
      'The depositary notification gives 12 August 1999.',
    );
    await shots('audit');
    await Promise.all([
      page.waitForURL('**/audit?entity=treaty-event*'),
      created.getByRole('link', { name: 'The event corrected' }).click(),
    ]);
    const superseded = page.locator('.history-entry').first();
    await expect(superseded.locator('.history-head').textContent()).resolves.toContain('Changed by Administrator');
    await expect(superseded.locator('tr', { hasText: 'date' }).count()).resolves.toBe(0);
    await expect(superseded.getByRole('link', { name: 'The correcting event' }).count()).resolves.toBe(1);
    await Promise.all([
      page.waitForURL('**/states/KEN'),
      page.getByRole('link', { name: 'Back to the record' }).click(),
    ]);
  });

  it('shows a state, its region and the world as they were on a past day, with the way back to today', async () => {
    await page.goto(`${api.url}/states/KEN`);
    await expect(page.locator('h1 .badge').textContent()).resolves.toContain('Party');
    await page.getByLabel('See the status as of').fill('2003-01-01');
    await Promise.all([
      page.waitForURL('**/states/KEN?asOf=2003-01-01'),
      page.getByRole('button', { name: 'Show' }).click(),
    ]);
    await expect(page.locator('.as-of-banner').textContent()).resolves.toContain('Status as it was on 1 Jan 2003.');
    await expect(page.locator('h1 .badge').textContent()).resolves.toContain('Signed');
    await expect(page.locator('.timeline li', { hasText: 'Ratification' }).count()).resolves.toBe(0);
    // Nothing is recorded from a past day.
    await expect(page.locator('#correct-event').count()).resolves.toBe(0);
    await expect(page.locator('#log-action form').count()).resolves.toBe(0);
    await shots('state-as-of');
    await Promise.all([
      page.waitForURL('**/states/KEN'),
      page.getByRole('note').getByRole('link', { name: 'Back to today' }).click(),
    ]);
    await expect(page.locator('.as-of-banner').count()).resolves.toBe(0);
    await expect(page.locator('h1 .badge').textContent()).resolves.toContain('Party');

    const then = (await api.request('GET', '/api/states?stage=party,withdrawing&asOf=2002-12-31')).body.length;
    const now = (await api.request('GET', '/api/states?stage=party,withdrawing')).body.length;
    expect(then).toBeLessThan(now);
    await page.goto(`${api.url}/?asOf=2002-12-31`);
    await expect(page.locator('.as-of-banner').textContent()).resolves.toContain('31 Dec 2002');
    await expect(page.locator('.summary').textContent()).resolves.toContain(String(then));
    await page.goto(`${api.url}/regions/africa?asOf=2002-12-31`);
    await expect(page.locator('.as-of-banner').textContent()).resolves.toContain('31 Dec 2002');
    await expect(page.locator('table.states a[href="/states/KEN?asOf=2002-12-31"]').count()).resolves.toBe(1);
    await expect(page.locator('#stalled').count()).resolves.toBe(0);
    const future = await page.goto(`${api.url}/states/KEN?asOf=${day(30)}`);
    expect(future?.status()).toBe(400);
    await expect(page.locator('.lede').textContent()).resolves.toContain('is in the future');
  });

  it("previews a past week's digest, this week by default", async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Digest' }).click();
    await page.waitForURL('**/digest');
    await expect(page.locator('.meta').first().textContent()).resolves.toContain('This week is not over');
    const pastDay = day(-21);
    await page.getByLabel('Any day of the week').fill(pastDay);
    await Promise.all([
      page.waitForURL(`**/digest?weekOf=${pastDay}`),
      page.getByRole('button', { name: 'Show that week' }).click(),
    ]);
    const heading = await page.locator('h1').textContent();
    expect(heading).toMatch(/^Week \d{4}-W\d{2}: /);
    const weekId = /(\d{4}-W\d{2})/.exec(heading!)![1];
    await expect(page.locator('.meta').first().textContent()).resolves.not.toContain('This week is not over');
    const digest = page.frameLocator('iframe.digest-frame');
    await expect(digest.locator('h1').textContent()).resolves.toMatch(/^Weekly status: /);
    await expect(digest.locator('body').textContent()).resolves.toContain(`Week ${weekId}, Monday to Sunday`);
    await shots('digest');
    // A week that has not begun is refused next to the field.
    const ahead = await page.goto(`${api.url}/digest?weekOf=${day(21)}`);
    expect(ahead?.status()).toBe(400);
    await expect(page.locator('#digest-weekOf-error').textContent()).resolves.toContain('has not started');
  });

  it('refuses /admin/users to a non-admin, page and forced post alike', async () => {
    const officer = await signUp(api, { role: 'campaign-officer', regions: ['africa'], name: 'Grace Achieng' });
    const context = await browser.newContext({ viewport: LAPTOP });
    const officerPage = await signIn(context, officer.email, PASSWORD);
    await expect(
      officerPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).count(),
    ).resolves.toBe(0);
    const answer = await officerPage.goto(`${api.url}/admin/users`);
    expect(answer?.status()).toBe(403);
    await expect(officerPage.locator('h1').textContent()).resolves.toBe('Not allowed');
    await expect(officerPage.locator('.lede').textContent()).resolves.toContain('may not manage users');
    expect((await officerPage.goto(`${api.url}/admin/outbox`))?.status()).toBe(403);
    expect((await officerPage.goto(`${api.url}/audit?entity=user&id=${officer.id}`))?.status()).toBe(403);

    // A forged form with a valid token of the officer's own session: refused as the API refuses it.
    await officerPage.goto(`${api.url}/states/KEN`);
    const csrf = await officerPage.locator('input[name="_csrf"]').first().inputValue();
    const forced = await officerPage.request.post(`${api.url}/admin/users`, {
      form: { _csrf: csrf, email: `forced.${suffix}@tracker.test`, name: 'Forced', role: 'admin' },
      maxRedirects: 0,
    });
    expect(forced.status()).toBe(403);
    const deactivate = await officerPage.request.post(`${api.url}/admin/users/${officer.id}/deactivate`, {
      form: { _csrf: csrf },
      maxRedirects: 0,
    });
    expect(deactivate.status()).toBe(403);
    const { rows } = await api.db.query(`SELECT count(*)::int AS n FROM app_user WHERE email = $1`, [
      `forced.${suffix}@tracker.test`,
    ]);
    expect(rows).toEqual([{ n: 0 }]);
    // The officer may record treaty steps in Africa, so Kenya's events offer a correction, but no history.
    await expect(
      officerPage
        .locator('.timeline')
        .getByRole('link', { name: /Correct/ })
        .count(),
    ).resolves.toBeGreaterThan(0);
    await expect(
      officerPage
        .locator('.timeline')
        .getByRole('link', { name: /History/ })
        .count(),
    ).resolves.toBe(0);
    await context.close();
  });

  it('keeps every main page within a phone’s width, with My follow-ups and the name in view', async () => {
    // On a laptop too, every entry of the navigation is in view, none scrolled away.
    await page.goto(`${api.url}/admin/users`);
    const hidden = await page.evaluate(() =>
      [...document.querySelectorAll('nav.main-nav a')]
        .filter((a) => a.getBoundingClientRect().right > window.innerWidth)
        .map((a) => a.textContent),
    );
    expect(hidden).toEqual([]);

    const phone = await browser.newContext({ viewport: PHONE, locale: 'en-GB' });
    const p = await signIn(phone, ADMIN.email, ADMIN.password);
    const pages = [
      '/',
      '/regions/africa',
      '/regions/europe',
      '/states/KEN',
      '/states/KEN?asOf=2003-01-01',
      '/follow-ups',
      '/campaigns',
      '/contacts',
      '/organisations',
      '/depositary',
      '/digest',
      '/admin/users',
      '/admin/outbox',
      `/audit?entity=user&id=${(await api.request('GET', '/api/me')).body.id}`,
    ];
    const overflowing: string[] = [];
    for (const path of pages) {
      await p.goto(`${api.url}${path}`);
      const fit = await p.evaluate(() => {
        const inView = (el: Element | null) => {
          if (!el) return null;
          const box = el.getBoundingClientRect();
          return box.width > 0 && box.left >= 0 && box.right <= window.innerWidth;
        };
        const nav = document.querySelector('nav.main-nav');
        const link = [...(nav?.querySelectorAll('a') ?? [])].find((a) => a.textContent === 'My follow-ups') ?? null;
        return {
          scrollWidth: document.scrollingElement!.scrollWidth,
          innerWidth: window.innerWidth,
          followUps: inView(link),
          name: inView(document.querySelector('.user-name')),
          search: inView(document.querySelector('nav form.search, header form.search')),
          navItems: [...(nav?.querySelectorAll('a') ?? [])].every((a) => inView(a)),
          // What reaches past the right edge, outside any box that scrolls: the culprits, if any.
          wide: [...document.querySelectorAll('body *')]
            .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
            .filter((el) => !el.closest('.table-scroll') && !el.closest('svg'))
            .slice(0, 4)
            .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`),
        };
      });
      if (fit.scrollWidth > fit.innerWidth || !fit.followUps || !fit.name || fit.search === false || !fit.navItems) {
        overflowing.push(`${path}: ${JSON.stringify(fit)}`);
      }
    }
    expect(overflowing).toEqual([]);

    // A wide table scrolls inside its own box, its first column staying put.
    await p.goto(`${api.url}/regions/africa`);
    const box = p.locator('.table-scroll', { has: p.locator('table.states') });
    const firstCell = p.locator('table.states tbody tr').first().locator('th');
    const before = (await firstCell.boundingBox())!;
    const scrolled = await box.evaluate((el) => {
      el.scrollLeft = 300;
      return el.scrollLeft;
    });
    expect(scrolled).toBeGreaterThan(0);
    const after = (await firstCell.boundingBox())!;
    expect(Math.abs(after.x - before.x)).toBeLessThan(1);
    await p.screenshot({ path: `${ARTIFACTS}/admin-region-table-scrolled-390.png` });
    await phone.close();
    expect(problems).toEqual([]);
  });
});
