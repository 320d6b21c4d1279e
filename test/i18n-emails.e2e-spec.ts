import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { chromium } from 'playwright-core';
import { normalizeEmail } from '@app/accounts';
import { mimeParts, SmtpSink } from './support/smtp-sink';
import { startApi, TestApi } from './support/api';
import { startWorker } from './support/worker';

jest.setTimeout(150_000);

/** Debian's chromium package; .ci/run installs it when missing. Flags as the browser suites launch it. */
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
/** The Arabic digest as sent, and a picture of it, for people to look at (git ignores the folder). */
const ARTIFACTS = resolve(__dirname, '..', 'test-artifacts');

const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// A week of the past, Monday 31 March to Sunday 6 April 2025 in Europe/Amsterdam.
const WEEK = { id: '2025-W14', weekOf: '2025-04-02' };
const ENGLISH_SUBJECT = 'Rome Statute campaign: week 2025-W14 (31 Mar – 6 Apr 2025)';

describe('emails and the digest in the recipient’s language', () => {
  let api: TestApi;
  let worker: INestApplicationContext | undefined;
  const smtp = new SmtpSink();

  beforeAll(async () => {
    await smtp.start();
    api = await startApi({
      SMTP_URL: smtp.url,
      DIGEST_TZ: 'Europe/Amsterdam',
      DIGEST_EXTRA_RECIPIENTS: '',
      RECONCILE_EVERY_SECONDS: '5',
      QUEUE_MAIL_BACKOFF_MS: '500',
    });
    worker = await startWorker();
  });
  afterAll(async () => {
    await worker?.close();
    await api.close();
    await smtp.stop();
  });

  /** A user who reads in `locale`, with a password, signed in. */
  async function userIn(locale: string, role: string, regions: string[] = []) {
    const email = `${locale}.${role}.${Math.random().toString(36).slice(2, 10)}@tracker.test`;
    const password = 'a-long-enough-password';
    const created = await api.request('POST', '/api/users', {
      body: { email, name: `${locale} ${role}`, role, regions, password, locale },
    });
    expect({ status: created.status, locale: created.body.locale }).toEqual({ status: 201, locale });
    const login = await api.request('POST', '/api/auth/login', { token: null, body: { email, password } });
    expect(login.status).toBe(200);
    return { id: created.body.id as string, email, token: login.body.accessToken as string };
  }

  it('reminds a French user in French: subject, body, the date as French writes it, the state’s French name', async () => {
    const officer = await userIn('fr', 'regional-officer', ['africa']);
    const remindAt = inSeconds(2);
    const created = await api.request('POST', '/api/follow-ups', {
      token: officer.token,
      body: { stateCode: 'ZAF', title: 'Appeler le ministère de la Justice', remindAt },
    });
    expect(created.status).toBe(201);
    await smtp.waitFor(() => smtp.to(officer.email).length === 1);
    const [mail] = smtp.to(officer.email);
    expect(mail.subject).toBe('Suivi à faire : Appeler le ministère de la Justice (Afrique du Sud)');
    const parts = mimeParts(mail.raw);
    const text = parts['text/plain'];
    const date = new Intl.DateTimeFormat('fr-FR', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(created.body.remindAt));
    expect(date).toMatch(/^\d{1,2} (janv\.|févr\.|mars|avr\.|mai|juin|juil\.|août|sept\.|oct\.|nov\.|déc\.) \d{4}$/);
    const time = new Date(created.body.remindAt).toISOString().slice(11, 16);
    expect(text.split('\n')).toEqual(
      expect.arrayContaining([
        'Suivi à faire : Appeler le ministère de la Justice (Afrique du Sud)',
        'État : Afrique du Sud',
        'Suivi : Appeler le ministère de la Justice',
        `Échéance : ${date}, ${time} UTC`,
        'Vous recevez ce message parce que ce suivi vous est attribué dans l’outil de suivi de la campagne pour le Statut de Rome.',
      ]),
    );
    expect(text).not.toMatch(/Follow-up due|State:|South Africa/);
    expect(parts['text/html']).toContain('<html lang="fr">');
    expect(parts['text/html']).toContain('Un suivi pour Afrique du Sud arrive à échéance');
    expect(parts['text/html']).toContain('>Ouvrir le suivi</a>');
  });

  it('invites a Spanish user in Spanish', async () => {
    const email = `es.invited.${Math.random().toString(36).slice(2, 10)}@tracker.test`;
    const created = await api.request('POST', '/api/users', {
      body: { email, name: 'Ana Pérez', role: 'viewer', locale: 'es' },
    });
    expect(created.status).toBe(201);
    await smtp.waitFor(() => smtp.to(email).length === 1);
    const [mail] = smtp.to(email);
    expect(mail.subject).toBe('Su cuenta en la herramienta de seguimiento de la campaña por el Estatuto de Roma');
    const text = mimeParts(mail.raw)['text/plain'];
    expect(text).toContain('Estimado/a Ana Pérez:');
    expect(text).toMatch(
      /^\S.* ha creado una cuenta para usted en la herramienta de seguimiento de la campaña por el Estatuto de Roma \(función: lector\)\.$/m,
    );
    expect(text).toMatch(
      /^Elija su contraseña con el enlace que figura a continuación\. Solo funciona una vez, hasta el \d{1,2} \S+ \d{4}, \d{2}:\d{2} UTC\.$/m,
    );
    expect(text).toContain('/set-password?token=');
    expect(text).not.toMatch(/Dear|Choose your password/);
    expect(mimeParts(mail.raw)['text/html']).toContain('>Elegir su contraseña</a>');
  });

  it('sends the week’s digest in Arabic, right to left, to an Arabic reader, and in English to an English one', async () => {
    const arabic = await userIn('ar', 'steering-committee');
    const english = await userIn('en', 'steering-committee');
    // The week: Pakistan signs, and actions about Jordan and Tunisia.
    const signed = await api.request('POST', '/api/states/PAK/events', {
      body: { instrument: 'rome-statute', type: 'signature', date: '2025-04-02' },
    });
    expect(signed.status).toBe(201);
    for (const [stateCode, date] of [
      ['JOR', '2025-04-01'],
      ['JOR', '2025-04-03'],
      ['TUN', '2025-04-04'],
    ]) {
      const action = await api.request('POST', '/api/actions', {
        body: { stateCode, type: 'meeting', date, title: `Meeting ${stateCode} ${date}` },
      });
      expect(action.status).toBe(201);
    }

    const sent = await api.request('POST', '/api/digests/send', { body: { weekOf: WEEK.weekOf } });
    expect(sent.status).toBe(202);
    // The admin who signs in first is no steering-committee member: the two readers, and nobody else.
    expect(sent.body).toMatchObject({ week: WEEK.id, recipients: 2, queued: 2, alreadyComposed: 0 });
    await smtp.waitFor(() => smtp.to(arabic.email).length === 1 && smtp.to(english.email).length === 1);

    const [arMail] = smtp.to(arabic.email);
    expect(arMail.subject).toMatch(/^حملة نظام روما الأساسي: الأسبوع \u20662025-W14\u2069 \(.*مارس.*أبريل 2025\)$/u);
    const ar = mimeParts(arMail.raw);
    expect(ar['text/html']).toMatch(/<html lang="ar" dir="rtl">/);
    for (const words of ['حالة المعاهدات', 'أنشطة المناصرة', 'باكستان (نظام روما الأساسي): وقّعت', 'الأردن', 'تونس']) {
      expect(ar['text/html']).toContain(words);
      expect(ar['text/plain']).toContain(words);
    }
    expect(ar['text/plain']).toContain('3 أنشطة مسجّلة تخص دولتين.');
    expect(ar['text/plain']).not.toMatch(/Pakistan|Jordan|Treaty status|actions logged/);

    const [enMail] = smtp.to(english.email);
    expect(enMail.subject).toBe(ENGLISH_SUBJECT);
    const en = mimeParts(enMail.raw);
    expect(en['text/html']).toMatch(/<html lang="en">/);
    expect(en['text/html']).not.toContain('dir="rtl"');
    expect(en['text/plain']).toContain('  * Pakistan (Rome Statute): signed');
    expect(en['text/plain']).toContain('3 actions logged for 2 states.');
    expect(en['text/plain']).toContain('Most active states: Jordan 2, Tunisia 1');
    // English is what the preview shows, unchanged.
    const preview = await api.request('GET', `/api/digests/preview?weekOf=${WEEK.weekOf}`);
    expect(en['text/html']).toBe(preview.text);

    // One email per recipient and week, whatever the language, however often it is sent.
    const again = await api.request('POST', '/api/digests/send', { body: { weekOf: WEEK.weekOf } });
    expect(again.body).toMatchObject({ recipients: 2, queued: 0, alreadyComposed: 2 });
    await sleep(2000);
    expect(smtp.to(arabic.email)).toHaveLength(1);
    const rows = (
      await api.db.query(`SELECT idempotency_key FROM outbox_email WHERE kind = 'digest' ORDER BY idempotency_key`)
    ).rows;
    expect(rows.map((r: { idempotency_key: string }) => r.idempotency_key)).toEqual(
      [arabic.email, english.email].map((a) => `digest:${WEEK.id}:${normalizeEmail(a)}`).sort(),
    );

    // For people to look at: the Arabic digest as its reader's mail client shows it.
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(`${ARTIFACTS}/digest-ar.html`, ar['text/html']);
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 720, height: 900 }, locale: 'ar' });
      await page.setContent(ar['text/html'], { waitUntil: 'load' });
      expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe('rtl');
      await page.screenshot({ path: `${ARTIFACTS}/digest-ar.png`, fullPage: true });
    } finally {
      await browser.close();
    }
  });
});
