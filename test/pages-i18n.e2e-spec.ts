import { signUp, startApi, TestApi } from './support/api';
import { ADMIN } from './support/test-env';
import { WebClient } from './support/web-client';

/** The stat of the state page's summary: its figure and the words under it. */
const stat = (html: string, label: RegExp): string | undefined =>
  [...html.matchAll(/<span class="stat-value">([^<]*)<\/span><span class="stat-label">([^<]*)<\/span>/g)]
    .map((m) => `${m[1]} ${m[2]}`)
    .find((text) => label.test(text));

describe('the world, region and state pages in the reader’s language', () => {
  let api: TestApi;
  let english: WebClient;
  beforeAll(async () => {
    api = await startApi();
    english = new WebClient(api.url);
    expect((await english.signIn(ADMIN.email, ADMIN.password)).status).toBe(303);
  });
  afterAll(async () => {
    await api.close();
  });

  const logAction = async (stateCode: string) => {
    const logged = await api.request('POST', '/api/actions', {
      body: { stateCode, type: 'meeting', date: new Date().toISOString().slice(0, 10), title: 'Met the ministry' },
    });
    expect(logged.status).toBe(201);
  };

  /** A colleague who chose a language on their own page (PATCH /api/me), signed in to the pages. */
  const reader = async (locale: string): Promise<WebClient> => {
    const user = await signUp(api, { role: 'campaign-officer', regions: ['africa'] });
    const chosen = await api.request('PATCH', '/api/me', { token: user.token, body: { locale } });
    expect(chosen.status).toBe(200);
    const web = new WebClient(api.url);
    expect((await web.signIn(user.email, 'a-long-enough-password')).status).toBe(303);
    return web;
  };

  it('shows Kenya right to left in Arabic: its Arabic name, its stage and the page’s words in Arabic', async () => {
    const page = await (await reader('ar')).get('/states/KEN');
    expect(page.status).toBe(200);
    expect(page.html).toContain('<html lang="ar" dir="rtl">');
    expect(page.html).toContain('<h1>كينيا <span class="badge badge-large stage-party">نظام روما الأساسي: دولة طرف');
    expect(page.html).toContain('<h2 id="status-title">الوضع التعاهدي</h2>');
    expect(page.html).toContain('<a href="/regions/africa">أفريقيا</a>');
    expect(page.html).not.toContain('Treaty status');
  });

  it('shows Kenya in French, with the French stage labels', async () => {
    const page = await (await reader('fr')).get('/states/KEN');
    expect(page.status).toBe(200);
    expect(page.html).toContain('<html lang="fr" dir="ltr">');
    expect(page.html).toContain('<h1>Kenya <span class="badge badge-large stage-party">Statut de Rome\u00a0: Partie');
    expect(page.html).toContain('<h2 id="status-title">Situation conventionnelle</h2>');
    expect(page.html).toContain('Non accepté');
  });

  it('names a count with the noun its language needs: 1 action, 2 actions, in English and French', async () => {
    const french = await reader('fr');
    const actions = /action/;
    // Botswana has no action in a fresh database.
    expect(stat((await english.get('/states/BWA')).html, actions)).toBe('0 actions in the last 30 days');
    expect(stat((await french.get('/states/BWA')).html, actions)).toBe('0 action au cours des 30 derniers jours');
    await logAction('BWA');
    expect(stat((await english.get('/states/BWA')).html, actions)).toBe('1 action in the last 30 days');
    expect(stat((await french.get('/states/BWA')).html, actions)).toBe('1 action au cours des 30 derniers jours');
    await logAction('BWA');
    expect(stat((await english.get('/states/BWA')).html, actions)).toBe('2 actions in the last 30 days');
    expect(stat((await french.get('/states/BWA')).html, actions)).toBe('2 actions au cours des 30 derniers jours');
  });

  it('draws the world and a region in Arabic, right to left, with the map and chart laid out left to right', async () => {
    const arabic = await reader('ar');
    const world = await arabic.get('/');
    expect(world.status).toBe(200);
    expect(world.html).toContain('<html lang="ar" dir="rtl">');
    expect(world.html).toContain('<h1>نظرة عامة على العالم</h1>');
    expect(world.html).toContain('<svg class="map" direction="ltr"');
    expect(world.html).toContain('<title>كينيا: دولة طرف');
    expect(world.html).toContain('<div class="chart-frame" dir="ltr"><svg class="chart" direction="ltr"');
    const region = await arabic.get('/regions/africa');
    expect(region.status).toBe(200);
    expect(region.html).toContain('<h1>أفريقيا</h1>');
    expect(region.html).toContain('<h2 id="states-title">دول منطقة أفريقيا</h2>');
    expect(region.html).toContain('>كينيا</a></th>');
    // The English map is drawn apart: a reader in one language never gets another's cached map.
    const englishWorld = await english.get('/');
    expect(englishWorld.html).toContain('<title>Kenya: Party');
  });
});
