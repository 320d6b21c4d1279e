import { signUp, startApi, TestApi } from './support/api';

/** The API's names in the reader's language: `?lang=` on what returns names, the user's own locale on /api/me. */
describe('languages in the API', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('names the states in the language of ?lang=, ordered in it, with all four names kept', async () => {
    const french = await api.request('GET', '/api/states?region=europe&lang=fr');
    expect(french.status).toBe(200);
    const germany = french.body.find((s: { code: string }) => s.code === 'DEU');
    expect(germany.name).toBe('Allemagne');
    expect(germany.names).toMatchObject({ en: 'Germany', fr: 'Allemagne', es: 'Alemania' });
    const names = french.body.map((s: { name: string }) => s.name);
    expect(names).toEqual([...names].sort(new Intl.Collator('fr').compare));
    // Albanie before Allemagne in French; in English Germany sits among the Gs.
    expect(names.indexOf('Allemagne')).toBeLessThan(10);

    const arabic = await api.request('GET', '/api/states/KEN?lang=ar');
    expect(arabic.status).toBe(200);
    expect(arabic.body.name).toBe(arabic.body.names.ar);
    expect(arabic.body.name).toMatch(/[\u0600-\u06FF]/);

    const english = await api.request('GET', '/api/states/KEN');
    expect(english.body.name).toBe('Kenya');

    const instruments = await api.request('GET', '/api/instruments?lang=es');
    expect(instruments.status).toBe(200);
    expect(instruments.body.find((i: { code: string }) => i.code === 'rome-statute').name).toMatch(/Estatuto de Roma/);
  });

  it('refuses an unknown language with a 400 that names the parameter and the four it takes', async () => {
    for (const path of ['/api/states?lang=de', '/api/states/KEN?lang=xx', '/api/instruments?lang=english']) {
      const answer = await api.request('GET', path);
      expect({ path, status: answer.status }).toEqual({ path, status: 400 });
      expect(JSON.stringify(answer.body)).toContain('lang must be one of en, fr, es, ar');
    }
  });

  it('keeps a user’s language, set with PATCH /api/me, and refuses one it does not know', async () => {
    const user = await signUp(api, { role: 'viewer' });
    expect((await api.request('GET', '/api/me', { token: user.token })).body.locale).toBe('en');

    const bad = await api.request('PATCH', '/api/me', { token: user.token, body: { locale: 'de' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('locale must be one of en, fr, es, ar');

    const saved = await api.request('PATCH', '/api/me', { token: user.token, body: { locale: 'ar' } });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ id: user.id, locale: 'ar' });
    expect((await api.request('GET', '/api/me', { token: user.token })).body.locale).toBe('ar');

    // Only the name and the language: the role stays the administrators'.
    const role = await api.request('PATCH', '/api/me', { token: user.token, body: { role: 'admin' } });
    expect(role.status).toBe(400);
    expect((await api.request('GET', '/api/me', { token: user.token })).body.role).toBe('viewer');
  });
});
