import { signUp, startApi, TestApi } from './support/api';
import { csrfToken, WebClient } from './support/web-client';

jest.setTimeout(90_000);

const PASSWORD = 'a-long-enough-password';
const day = (days: number) => new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);

/** The text a reader sees of a page: tags dropped, entities the pages write decoded, spaces collapsed. */
const text = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

/**
 * The actions, campaign and import pages in the reader's own language: a French officer reads the list of actions
 * and a campaign in French, "1 action" and "2 actions" agreeing with their counts; a Spanish officer checks an
 * import in Spanish. Each reader's language is the one they set with PATCH /api/me.
 */
describe('action and campaign pages in the reader’s language', () => {
  let api: TestApi;
  let campaignId: string;

  /** A campaign officer for Africa who reads the pages in `locale`, signed in on a web client. */
  const officerIn = async (locale: string, name: string) => {
    const officer = await signUp(api, { role: 'campaign-officer', regions: ['africa'], name });
    const set = await api.request('PATCH', '/api/me', { token: officer.token, body: { locale } });
    expect(set.status).toBe(200);
    const web = new WebClient(api.url);
    expect((await web.signIn(officer.email, PASSWORD)).status).toBe(303);
    return { ...officer, web };
  };

  beforeAll(async () => {
    api = await startApi();
    const campaign = await api.request('POST', '/api/campaigns', {
      body: { name: 'Campagne APIC 2026', stateCodes: ['KEN', 'UGA', 'TZA'] },
    });
    expect(campaign.status).toBe(201);
    campaignId = campaign.body.id;
    // Kenya once, Uganda twice, Tanzania not yet: the campaign's table says "1 action", "2 actions" and "not yet".
    for (const [stateCode, title] of [
      ['KEN', 'Lettre au président du Kenya'],
      ['UGA', 'Lettre au président de l’Ouganda'],
      ['UGA', 'Réunion au ministère de la Justice'],
    ]) {
      const res = await api.request('POST', '/api/actions', {
        body: { stateCode, type: 'letter-head-of-state', date: day(-3), title, campaignId },
      });
      expect(res.status).toBe(201);
    }
  });
  afterAll(async () => {
    await api.close();
  });

  it('shows a French reader the list of actions in French, with its plurals', async () => {
    const { web } = await officerIn('fr', 'Aminata Diallo');

    const all = await web.get('/actions');
    expect(all.status).toBe(200);
    expect(all.html).toContain('<html lang="fr"');
    const page = text(all.html);
    expect(page).toContain('Toutes les actions de plaidoyer enregistrées');
    expect(page).toContain('Télécharger toutes les actions (CSV)');
    expect(page).toContain('Afficher les actions');
    expect(page).toContain('Type d’action');
    expect(page).toContain('Tous les États');
    expect(page).toContain('Ouganda');
    expect(page).not.toContain('Show actions');
    expect(page).not.toContain('Logged by');

    const kenya = text((await web.get('/actions?state=KEN')).html);
    expect(kenya).toContain('Actions correspondant aux filtres');
    expect(kenya).toContain('1 action sur cette page');
    const uganda = text((await web.get('/actions?state=UGA')).html);
    expect(uganda).toContain('2 actions sur cette page');
    expect(uganda).toContain('Télécharger ces actions (CSV)');

    const none = text((await web.get('/actions?state=TZA')).html);
    expect(none).toContain('Aucune action ne correspond à ces filtres.');
  });

  it('shows a French reader a campaign in French, one action and two agreeing with their counts', async () => {
    const { web } = await officerIn('fr', 'Jean-Baptiste Mukendi');
    const res = await web.get(`/campaigns/${campaignId}`);
    expect(res.status).toBe(200);
    const page = text(res.html);
    expect(page).toContain('États ciblés');
    expect(res.html).toContain('aria-label="Chiffres clés"');
    expect(page).toContain('Chronologie');
    expect(page).toContain('Écrire à plusieurs États');
    expect(page).toContain('1 pas encore');
    expect(page).toContain('Pas encore contacté');
    expect(page).not.toContain('Not contacted yet');

    const rows = [
      ...res.html.matchAll(/<tr>\s*<th scope="row"><a href="\/states\/([A-Z]{3})">([^<]+)<\/a><\/th>([\s\S]*?)<\/tr>/g),
    ];
    const byCode = Object.fromEntries(rows.map((m) => [m[1], { name: m[2], cells: text(m[3]) }]));
    expect(byCode.KEN.cells).toContain('1 action ');
    expect(byCode.UGA).toMatchObject({ name: 'Ouganda' });
    expect(byCode.UGA.cells).toContain('2 actions');
    expect(byCode.TZA).toMatchObject({ name: 'Tanzanie' });

    // The preview of a letter to every target state counts them in French too.
    const preview = await web.post(`/campaigns/${campaignId}/letter`, {
      _csrf: csrfToken(res.html),
      type: 'letter-head-of-state',
      date: day(0),
      title: 'Ratifier l’APIC',
      stateCodes: '',
      step: 'preview',
    });
    expect(preview.status).toBe(200);
    expect(text(preview.html)).toContain('Cela enregistrera 3 actions, une pour chacun des États suivants :');
    expect(text(preview.html)).toContain('Enregistrer pour ces 3 États');

    const list = text((await web.get('/campaigns')).html);
    expect(list).toContain('Toutes les campagnes');
    expect(list).toContain('En cours');
  });

  it('shows a Spanish reader the import page and its check in Spanish', async () => {
    const { web } = await officerIn('es', 'Lucía Fernández');
    const form = await web.get('/actions/import');
    expect(form.status).toBe(200);
    expect(form.html).toContain('<html lang="es"');
    expect(text(form.html)).toContain('Importar acciones');
    expect(text(form.html)).toContain('Pegue la hoja guardada como CSV');

    const today = day(0);
    const bad = `stateCode,type,date,title\nKEN,meeting,${today},Reunión con el ministro\nKEN,meeting,no-es-fecha,Otra reunión\n`;
    const checked = await web.post('/actions/import', { _csrf: csrfToken(form.html), csv: bad, step: 'check' });
    expect(checked.status).toBe(200);
    const report = text(checked.html);
    expect(report).toContain('Comprobación');
    expect(report).toContain('1 fila está lista para importar; 1 problema; 0 duplicados.');
    expect(report).toContain('Corrija el archivo y vuelva a comprobarlo');
    expect(report).toContain('Problema');

    const good = bad.split('\n').slice(0, 2).join('\n');
    const ready = await web.post('/actions/import', { _csrf: csrfToken(form.html), csv: good, step: 'check' });
    expect(text(ready.html)).toContain('Importar 1 acción');
    const done = await web.post('/actions/import', { _csrf: csrfToken(ready.html), csv: good, step: 'import' });
    expect(done.location).toBe('/actions/import?saved=1');
    expect(text((await web.get(done.location!)).html)).toContain('1 acción importada.');

    const empty = await web.post('/actions/import', { _csrf: csrfToken(form.html), csv: ' ', step: 'check' });
    expect(empty.status).toBe(400);
    expect(text(empty.html)).toContain('No se guardó nada');
    expect(text(empty.html)).toContain('Pegue el texto CSV o elija un archivo CSV');
  });
});
