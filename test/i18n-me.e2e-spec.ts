import { signUp, startApi, TestApi } from './support/api';
import { csrfToken, WebClient } from './support/web-client';

jest.setTimeout(90_000);

const PASSWORD = 'a-long-enough-password';

describe('a reader’s language, chosen on /me', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api.close();
  });

  /** A campaign officer signed in to the pages, with their API token. */
  const officer = async (name: string) => {
    const user = await signUp(api, { role: 'campaign-officer', name });
    const web = new WebClient(api.url);
    expect((await web.signIn(user.email, PASSWORD)).status).toBe(303);
    return { ...user, web };
  };
  const followUp = (token: string, title: string, daysAhead: number) =>
    api.request('POST', '/api/follow-ups', {
      token,
      body: { stateCode: 'KEN', title, remindAt: new Date(Date.now() + daysAhead * 86400_000).toISOString() },
    });

  it('shows the next page at once in Arabic, right to left, with the notice and the follow-ups in Arabic', async () => {
    const layla = await officer('Layla Haddad');
    expect((await followUp(layla.token, 'Call the ministry', 2)).status).toBe(201);
    const me = await layla.web.get('/me');
    expect(me.html).toContain('lang="en" dir="ltr"');
    expect(me.html).toContain('<option value="ar">العربية</option>');

    const saved = await layla.web.post('/me', { _csrf: csrfToken(me.html), name: 'Layla Haddad', locale: 'ar' });
    expect({ status: saved.status, location: saved.location }).toEqual({ status: 303, location: '/me?saved=language' });
    const page = await layla.web.get(saved.location!);
    expect(page.html).toContain('<html lang="ar" dir="rtl">');
    expect(page.html).toContain('<p class="notice" role="status">حُفظت لغتك');
    expect(page.html).toContain('<h1>حسابك</h1>');
    expect(page.html).toContain('<option value="ar" selected>العربية</option>');
    expect((await api.request('GET', '/api/me', { token: layla.token })).body.locale).toBe('ar');

    const list = await layla.web.get('/follow-ups');
    expect(list.html).toContain('<html lang="ar" dir="rtl">');
    expect(list.html).toContain('<h1>متابعاتي</h1>');
    // The state's name in Arabic, what the user wrote as written.
    expect(list.html).toContain('>كينيا</a>');
    expect(list.html).toContain('<bdi>Call the ministry</bdi>');
    expect(list.html).toMatch(/تستحق خلال [7٧] أيام/);
  });

  it('refuses a language it does not write, by the field, and keeps the one chosen', async () => {
    const omar = await officer('Omar Benali');
    const me = await omar.web.get('/me');
    const refused = await omar.web.post('/me', { _csrf: csrfToken(me.html), name: 'Omar Benali', locale: 'xx' });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('id="me-locale-error"');
    expect((await api.request('GET', '/api/me', { token: omar.token })).body.locale).toBe('en');
  });

  it('sets the language through PATCH /api/me, refusing an unknown one with a 400 that names locale', async () => {
    const ines = await officer('Inés Romero');
    const bad = await api.request('PATCH', '/api/me', { token: ines.token, body: { locale: 'xx' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.message)).toContain('locale');
    const good = await api.request('PATCH', '/api/me', { token: ines.token, body: { locale: 'es' } });
    expect(good.status).toBe(200);
    expect(good.body.locale).toBe('es');
    expect((await api.request('GET', '/api/me', { token: ines.token })).body.locale).toBe('es');
  });

  it('counts follow-ups in Spanish with the plural each count takes', async () => {
    const ines = await officer('Inés Romero');
    expect((await api.request('PATCH', '/api/me', { token: ines.token, body: { locale: 'es' } })).status).toBe(200);
    const stat = (html: string, label: string) =>
      new RegExp(`<span class="stat-value">(\\d+)</span><span class="stat-label">${label}</span>`).exec(html)?.[1];

    expect((await followUp(ines.token, 'Llamar al ministerio', 2)).status).toBe(201);
    const one = (await ines.web.get('/follow-ups')).html;
    expect(one).toContain('<html lang="es" dir="ltr">');
    expect(one).toContain('<h1>Mis seguimientos</h1>');
    expect(stat(one, 'abierto en total')).toBe('1');
    expect(stat(one, 'vence en 7 días')).toBe('1');
    expect(stat(one, 'con retraso')).toBe('0');
    expect(one).toContain('Vencen en 7 días');

    expect((await followUp(ines.token, 'Enviar la ley modelo', 3)).status).toBe(201);
    const two = (await ines.web.get('/follow-ups')).html;
    expect(stat(two, 'abiertos en total')).toBe('2');
    expect(stat(two, 'vencen en 7 días')).toBe('2');
    expect(two).not.toContain('abierto en total');
  });
});
