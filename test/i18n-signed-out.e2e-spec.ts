import { startApi, TestApi } from './support/api';
import { ADMIN } from './support/test-env';
import { csrfToken, WebClient } from './support/web-client';

jest.setTimeout(90_000);

const htmlTag = (html: string) => /<html[^>]*>/.exec(html)?.[0] ?? '';

/**
 * Signed-out pages speak the reader's language: the browser's first one we write, or the one picked with the
 * switcher, remembered by a cookie; and an admin invites a user in their own language.
 */
describe('pages in the reader’s language before signing in', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('follows Accept-Language: a Swiss French browser gets the sign-in page in French', async () => {
    const page = await new WebClient(api.url).get('/login', { 'accept-language': 'fr-CH, fr;q=0.9' });
    expect(page.status).toBe(200);
    expect(htmlTag(page.html)).toBe('<html lang="fr" dir="ltr">');
    expect(page.html).toContain('<h1>Connexion</h1>');
    expect(page.html).toContain('Mot de passe oublié ?');
    expect(page.html).toContain('<title>Connexion · Suivi du Statut de Rome</title>');
    // Nothing picked, nothing remembered.
    expect(page.headers.getSetCookie().some((c) => c.startsWith('tracker_lang='))).toBe(false);
  });

  it('answers a browser whose languages we do not write in English', async () => {
    const page = await new WebClient(api.url).get('/login', { 'accept-language': 'de-DE, de;q=0.9' });
    expect(htmlTag(page.html)).toBe('<html lang="en" dir="ltr">');
    expect(page.html).toContain('<h1>Sign in</h1>');
  });

  it('offers a switcher whose Arabic link turns the page right to left, and the next page follows it', async () => {
    const visitor = new WebClient(api.url);
    const english = await visitor.get('/login', { 'accept-language': 'en-GB' });
    expect(english.html).toContain('class="language-switcher"');
    const arabicLink = /<a href="([^"]+)" lang="ar"/.exec(english.html)?.[1];
    expect(arabicLink).toBe('/login?lang=ar');

    const arabic = await visitor.get(arabicLink!, { 'accept-language': 'en-GB' });
    expect(arabic.status).toBe(200);
    expect(htmlTag(arabic.html)).toBe('<html lang="ar" dir="rtl">');
    expect(arabic.html).toContain('<h1>تسجيل الدخول</h1>');
    expect(visitor.cookies.get('tracker_lang')).toBe('ar');

    // The next page, asked without ?lang= by an English browser, stays in Arabic.
    const forgot = await visitor.get('/forgot-password', { 'accept-language': 'en-GB' });
    expect(htmlTag(forgot.html)).toBe('<html lang="ar" dir="rtl">');
    expect(forgot.html).toContain('<h1>هل نسيت كلمة المرور؟</h1>');

    // So does a failed sign-in, its message included.
    const refused = await visitor.post(
      '/login',
      { _csrf: csrfToken(forgot.html), email: 'nobody@tracker.test', password: 'not-the-password' },
      { 'accept-language': 'en-GB' },
    );
    expect(refused.status).toBe(401);
    expect(htmlTag(refused.html)).toBe('<html lang="ar" dir="rtl">');
    expect(refused.html).toContain('البريد الإلكتروني أو كلمة المرور غير صحيحين');

    // Picking English again replaces the remembered language.
    const back = await visitor.get('/login?lang=en', { 'accept-language': 'en-GB' });
    expect(htmlTag(back.html)).toBe('<html lang="en" dir="ltr">');
    expect(visitor.cookies.get('tracker_lang')).toBe('en');
  });

  it('shows a page asked in a language we do not write in the negotiated one, not an error', async () => {
    const visitor = new WebClient(api.url);
    const page = await visitor.get('/login?lang=xx', { 'accept-language': 'es-MX, es;q=0.9' });
    expect(page.status).toBe(200);
    expect(htmlTag(page.html)).toBe('<html lang="es" dir="ltr">');
    expect(page.html).toContain('<h1>Iniciar sesión</h1>');
    expect(visitor.cookies.has('tracker_lang')).toBe(false);
    // The API, unlike the pages, refuses an unknown language.
    const api400 = await api.request('PATCH', '/api/me', { body: { locale: 'xx' } });
    expect(api400.status).toBe(400);
  });

  it('says a missing page in the reader’s language', async () => {
    const french = await new WebClient(api.url).get('/nowhere', { 'accept-language': 'fr' });
    expect(french.status).toBe(404);
    expect(french.html).toContain('<h1>Page introuvable</h1>');
    expect(french.html).toContain('Il n’y a aucune page à cette adresse.');
    const english = await new WebClient(api.url).get('/nowhere');
    expect(english.html).toContain('<h1>Page not found</h1>');
    expect(english.html).toContain('There is no page at this address.');
  });

  it('lets an admin invite a user in French, and the users list shows their language', async () => {
    const admin = new WebClient(api.url);
    expect((await admin.signIn(ADMIN.email, ADMIN.password)).status).toBe(303);
    const page = await admin.get('/admin/users');
    expect(page.html).toMatch(/<select id="invite-locale" name="locale"/);
    expect(page.html).toContain('<option value="fr">French</option>');

    const email = `camille.${Math.random().toString(36).slice(2, 8)}@tracker.test`;
    const sent = await admin.post('/admin/users', {
      _csrf: csrfToken(page.html),
      name: 'Camille Durand',
      email,
      role: 'viewer',
      locale: 'fr',
    });
    expect(sent.status).toBe(303);
    const { rows } = await api.db.query(`SELECT locale FROM app_user WHERE email = $1`, [email]);
    expect(rows).toEqual([{ locale: 'fr' }]);

    const listed = await admin.get(sent.location!);
    const row = new RegExp(`<tr id="user-[^"]+">\\s*<th scope="row"><bdi>Camille Durand</bdi>[\\s\\S]*?</tr>`).exec(
      listed.html,
    )?.[0];
    expect(row).toContain('<td>French</td>');
    // The admin's own row says English, the language accounts have by default.
    expect(listed.html).toContain('<td>English</td>');

    // A French reader of the same list reads each language named in French.
    const inFrench = await admin.get('/admin/users?lang=fr');
    expect(htmlTag(inFrench.html)).toBe('<html lang="fr" dir="ltr">');
    expect(inFrench.html).toContain('<h1>Utilisateurs</h1>');
    expect(inFrench.html).toContain('<td>français</td>');
  });

  it('refuses an invitation in a language we do not write, next to the field', async () => {
    const admin = new WebClient(api.url);
    await admin.signIn(ADMIN.email, ADMIN.password);
    const page = await admin.get('/admin/users?lang=en');
    const refused = await admin.post('/admin/users', {
      _csrf: csrfToken(page.html),
      name: 'Nobody',
      email: `nobody.${Math.random().toString(36).slice(2, 8)}@tracker.test`,
      role: 'viewer',
      locale: 'xx',
    });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('id="invite-locale-error"');
  });
});
