import { randomUUID } from 'node:crypto';
import { signUp, startApi, TestApi } from './support/api';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const daysFromNow = (days: number) => new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);

/** A valid action body; each test overrides what it is about. */
const makeAction = (overrides: Record<string, unknown> = {}) => ({
  stateCode: 'KEN',
  type: 'meeting',
  date: '2025-03-14',
  title: 'Meeting with the Attorney General',
  ...overrides,
});

/** Newest first, as the api sorts: date, then id, both descending. */
const newestFirst = <T extends { date: string; id: string }>(items: T[]) =>
  [...items].sort((a, b) => (a.date === b.date ? (a.id < b.id ? 1 : -1) : a.date < b.date ? 1 : -1));

describe('advocacy actions and campaigns', () => {
  let api: TestApi;
  let admin: { id: string; name: string };
  beforeAll(async () => {
    api = await startApi();
    const me = (await api.request('GET', '/api/me')).body;
    admin = { id: me.id, name: me.name };
  });
  afterAll(async () => {
    await api.close();
  });

  const countOf = async (table: string) => Number((await api.db.query(`SELECT count(*) FROM ${table}`)).rows[0].count);
  const rowOf = async (id: string) => (await api.db.query('SELECT * FROM advocacy_action WHERE id = $1', [id])).rows[0];

  const logAction = async (overrides: Record<string, unknown> = {}, token?: string) => {
    const res = await api.request('POST', '/api/actions', { token, body: makeAction(overrides) });
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
    return res.body;
  };

  let campaignSeq = 0;
  const createCampaign = async (body: Record<string, unknown> = {}, token?: string) => {
    const res = await api.request('POST', '/api/campaigns', {
      token,
      body: { name: `Campaign ${++campaignSeq} ${randomUUID().slice(0, 8)}`, ...body },
    });
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
    return res.body;
  };

  /** Every page of a list, following nextCursor; fails on a repeated id. */
  const listAll = async (path: string, query: string, limit = 200, token?: string) => {
    const items: any[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const sep = query ? '&' : '';
      const after: string = cursor ? `&cursor=${cursor}` : '';
      const res = await api.request('GET', `${path}?${query}${sep}limit=${limit}${after}`, { token });
      expect({ query, status: res.status, body: res.status === 200 ? null : res.body }).toEqual({
        query,
        status: 200,
        body: null,
      });
      expect(res.body.items.length).toBeLessThanOrEqual(limit);
      items.push(...res.body.items);
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    const ids = items.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    return { items, pages };
  };

  describe('logging an action', () => {
    it('answers 201 with the state name, its region and who logged it, and GET returns the same', async () => {
      const campaign = await createCampaign();
      const res = await api.request('POST', '/api/actions', {
        body: {
          stateCode: 'ken',
          type: 'letter-minister',
          date: '2025-03-14',
          title: '  Letter to the Attorney General  ',
          summary: 'Asked for the ICC bill to be tabled this session.',
          target: 'Attorney General',
          outcome: 'Meeting promised',
          campaignId: campaign.id,
        },
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        stateCode: 'KEN',
        stateName: 'Kenya',
        region: 'africa',
        type: 'letter-minister',
        date: '2025-03-14',
        title: 'Letter to the Attorney General',
        summary: 'Asked for the ICC bill to be tabled this session.',
        target: 'Attorney General',
        outcome: 'Meeting promised',
        campaignId: campaign.id,
        loggedBy: admin,
        contactIds: [],
        organisationIds: [],
        createdAt: expect.stringMatching(ISO_INSTANT),
        updatedAt: expect.stringMatching(ISO_INSTANT),
      });
      const one = await api.request('GET', `/api/actions/${res.body.id}`);
      expect(one.status).toBe(200);
      expect(one.body).toEqual(res.body);
      // The list's JSON is written by PostgreSQL: the same action reads the same there, to the millisecond.
      const listed = await api.request('GET', `/api/actions?state=${res.body.stateCode}&limit=200`);
      expect(listed.body.items).toContainEqual(res.body);
      expect(await rowOf(res.body.id)).toMatchObject({ region: 'africa', logged_by: admin.id, deleted_at: null });
    });

    it('leaves the optional fields null, and stores blank optional text as null', async () => {
      const action = await logAction({ stateCode: 'pse', summary: '   ' });
      expect(action).toMatchObject({
        stateCode: 'PSE',
        stateName: 'State of Palestine',
        region: 'mena',
        summary: null,
        target: null,
        outcome: null,
        campaignId: null,
      });
    });

    it('accepts a planned action up to a year ahead and one on 1995-01-01', async () => {
      expect((await logAction({ date: daysFromNow(300) })).date).toBe(daysFromNow(300));
      expect((await logAction({ date: '1995-01-01' })).date).toBe('1995-01-01');
    });

    it.each([
      [201, 'admin', []],
      [201, 'campaign-officer', []],
      [201, 'campaign-officer', ['europe']],
      [201, 'regional-officer', ['africa']],
      [403, 'regional-officer', ['europe', 'mena']],
      [403, 'regional-officer', []],
      [403, 'steering-committee', ['africa']],
      [403, 'viewer', ['africa']],
    ])('answers %i when a user with role %s and regions %j logs an action for Kenya', async (status, role, regions) => {
      const user = await signUp(api, { role, regions, name: `A ${role}` });
      const before = await countOf('advocacy_action');
      const res = await api.request('POST', '/api/actions', { token: user.token, body: makeAction() });
      expect(res.status).toBe(status);
      if (status === 201) {
        expect(res.body.loggedBy).toEqual({ id: user.id, name: `A ${role}` });
        expect(await countOf('advocacy_action')).toBe(before + 1);
      } else {
        expect(res.body).toMatchObject({ error: 'Forbidden', code: 'not-allowed' });
        expect(res.body.message).toContain(`role ${role} may`);
        expect(await countOf('advocacy_action')).toBe(before);
      }
    });

    it('names the regions a regional officer is limited to when refusing', async () => {
      const officer = await signUp(api, { role: 'regional-officer', regions: ['europe', 'mena'] });
      const res = await api.request('POST', '/api/actions', { token: officer.token, body: makeAction() });
      expect(res.status).toBe(403);
      expect(res.body.message).toBe(
        'role regional-officer may log or change advocacy actions only for states in europe, mena, not africa',
      );
    });

    it.each([
      ['no stateCode', { stateCode: undefined }, 'stateCode must be an ISO 3166-1 alpha-3 code such as UKR'],
      ['a state name for a code', { stateCode: 'KENYA' }, 'stateCode must be an ISO 3166-1 alpha-3 code such as UKR'],
      [
        'an unknown type',
        { type: 'lunch' },
        'type must be one of letter-head-of-state, letter-minister, meeting, call',
      ],
      ['29 February 2025', { date: '2025-02-29' }, 'date must be a real date written YYYY-MM-DD'],
      ['a date written 14/03/2025', { date: '14/03/2025' }, 'date must be a real date written YYYY-MM-DD'],
      ['no date', { date: undefined }, 'date must be a real date written YYYY-MM-DD'],
      ['a date before 1995', { date: '1994-12-31' }, 'date 1994-12-31 is before 1995-01-01'],
      [
        'a date more than a year ahead',
        { date: daysFromNow(400) },
        `date ${daysFromNow(400)} is more than one year in the future`,
      ],
      ['no title', { title: undefined }, 'title must be a string'],
      ['a blank title', { title: '   ' }, 'title must not be blank'],
      ['a 301-character title', { title: 'x'.repeat(301) }, 'title must be shorter than or equal to 300 characters'],
      ['a number for summary', { summary: 42 }, 'summary must be a string'],
      [
        'a 4001-character outcome',
        { outcome: 'x'.repeat(4001) },
        'outcome must be shorter than or equal to 4000 characters',
      ],
      ['a campaign name for its id', { campaignId: 'spring-campaign' }, 'campaignId must be a campaign id (UUID)'],
      ['someone else as the author', { loggedBy: randomUUID() }, 'property loggedBy should not exist'],
      ['an unknown field', { colour: 'red' }, 'property colour should not exist'],
    ])('refuses %s with 400 naming the field, saving nothing', async (_what, overrides, message) => {
      const before = await countOf('advocacy_action');
      const res = await api.request('POST', '/api/actions', { body: makeAction(overrides) });
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('Bad Request');
      expect(JSON.stringify(res.body.message)).toContain(message);
      expect(await countOf('advocacy_action')).toBe(before);
    });

    it('answers 404 naming an unknown state or campaign, saving nothing', async () => {
      const before = await countOf('advocacy_action');
      const state = await api.request('POST', '/api/actions', { body: makeAction({ stateCode: 'xyz' }) });
      expect(state.status).toBe(404);
      expect(state.body).toMatchObject({ error: 'Not Found', message: 'state XYZ not found' });
      const missing = randomUUID();
      const campaign = await api.request('POST', '/api/actions', { body: makeAction({ campaignId: missing }) });
      expect(campaign.status).toBe(404);
      expect(campaign.body.message).toBe(`campaign ${missing} not found`);
      expect(await countOf('advocacy_action')).toBe(before);
    });
  });

  describe('listing actions', () => {
    it('filters by state, region, type, campaign, date range and who logged them', async () => {
      const logger = await signUp(api, { role: 'campaign-officer', name: 'Filter Officer' });
      const other = await signUp(api, { role: 'campaign-officer' });
      const campaign = await createCampaign();
      const ours = [
        await logAction(
          { stateCode: 'UKR', type: 'meeting', date: '2024-01-10', campaignId: campaign.id },
          logger.token,
        ),
        await logAction({ stateCode: 'UKR', type: 'call', date: '2024-02-20' }, logger.token),
        await logAction(
          { stateCode: 'KEN', type: 'meeting', date: '2024-03-05', campaignId: campaign.id },
          logger.token,
        ),
        await logAction({ stateCode: 'BRA', type: 'media', date: '2024-03-05' }, logger.token),
        await logAction({ stateCode: 'JPN', type: 'event', date: '2023-12-31' }, logger.token),
        await logAction(
          { stateCode: 'UKR', type: 'meeting', date: '2024-02-01', campaignId: campaign.id },
          other.token,
        ),
      ];
      const cases: [string, (a: any) => boolean, string?][] = [
        ['state=ukr', (a) => a.stateCode === 'UKR'],
        ['region=europe', (a) => a.region === 'europe'],
        ['type=meeting', (a) => a.type === 'meeting'],
        [`campaign=${campaign.id}`, (a) => a.campaignId === campaign.id],
        ['from=2024-02-01&to=2024-03-04', (a) => a.date >= '2024-02-01' && a.date <= '2024-03-04'],
        ['to=2023-12-31', (a) => a.date <= '2023-12-31'],
        ['from=2024-03-05', (a) => a.date >= '2024-03-05'],
        [`loggedBy=${logger.id}`, (a) => a.loggedBy.id === logger.id],
        ['loggedBy=me', (a) => a.loggedBy.id === logger.id, logger.token],
        [
          `state=UKR&type=meeting&campaign=${campaign.id}`,
          (a) => a.stateCode === 'UKR' && a.type === 'meeting' && a.campaignId === campaign.id,
        ],
        ['region=africa&from=2024-03-01', (a) => a.region === 'africa' && a.date >= '2024-03-01'],
      ];
      const ourIds = new Set(ours.map((a) => a.id));
      for (const [query, keep, token] of cases) {
        const { items } = await listAll('/api/actions', query, 200, token);
        expect({ query, wrong: items.filter((a) => !keep(a)).map((a) => a.id) }).toEqual({ query, wrong: [] });
        expect({ query, ours: items.filter((a) => ourIds.has(a.id)).map((a) => a.id) }).toEqual({
          query,
          ours: newestFirst(ours.filter(keep)).map((a) => a.id),
        });
        expect(items).toEqual(newestFirst(items));
      }
      // Where the filter alone picks exactly ours, the whole answer is known.
      expect((await listAll('/api/actions', `campaign=${campaign.id}`)).items).toEqual(
        newestFirst(ours.filter((a) => a.campaignId === campaign.id)),
      );
      expect((await listAll('/api/actions', `loggedBy=${logger.id}`)).items).toEqual(
        newestFirst(ours.filter((a) => a.loggedBy.id === logger.id)),
      );
    });

    it('pages newest first without repeats or gaps, breaking ties on the date by id', async () => {
      const pager = await signUp(api, { role: 'campaign-officer' });
      const logged: any[] = [];
      for (let i = 0; i < 23; i++) {
        logged.push(await logAction({ date: `2022-0${1 + (i % 4)}-15`, title: `Paged ${i}` }, pager.token));
      }
      const { items, pages } = await listAll('/api/actions', `loggedBy=${pager.id}`, 5);
      expect(pages).toBe(5);
      expect(items).toEqual(newestFirst(logged));

      // The whole list, seven at a time, is the same as in one page.
      const whole = await api.request('GET', '/api/actions?limit=200');
      expect(whole.body.nextCursor).toBeNull();
      expect((await listAll('/api/actions', '', 7)).items).toEqual(whole.body.items);
    });

    it('keeps paging correctly when an action already seen is deleted between pages', async () => {
      const pager = await signUp(api, { role: 'campaign-officer' });
      const logged: any[] = [];
      for (let i = 0; i < 6; i++) logged.push(await logAction({ date: '2021-06-01' }, pager.token));
      const first = await api.request('GET', `/api/actions?loggedBy=${pager.id}&limit=3`);
      expect(first.body.items).toEqual(newestFirst(logged).slice(0, 3));
      await api.request('DELETE', `/api/actions/${first.body.items[2].id}`, { token: pager.token });
      const second = await api.request(
        'GET',
        `/api/actions?loggedBy=${pager.id}&limit=3&cursor=${first.body.nextCursor}`,
      );
      expect(second.body).toEqual({ items: newestFirst(logged).slice(3), nextCursor: null });
    });

    it('defaults to 50 items a page', async () => {
      const res = await api.request('GET', '/api/actions');
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBe(Math.min(50, await countOf('advocacy_action WHERE deleted_at IS NULL')));
    });

    it('refuses every bad filter with 400 naming it', async () => {
      const foreignCursor = Buffer.from(JSON.stringify(['2024-01-01', 'not-a-uuid'])).toString('base64url');
      const cases: [string, string][] = [
        ['state=UKRA', 'state must be an ISO 3166-1 alpha-3 code such as UKR'],
        ['state=XYZ', 'state XYZ is not a known state code'],
        ['region=oceania', 'region must be one of africa, americas, asia-pacific, europe, mena'],
        ['type=lunch', 'type must be one of letter-head-of-state'],
        ['type=meeting&type=call', 'type must be one of letter-head-of-state'],
        ['campaign=spring', 'campaign must be a campaign id (UUID)'],
        ['loggedBy=someone', 'loggedBy must be "me" or a user id (UUID)'],
        ['from=2024-02-30', 'from must be a real date written YYYY-MM-DD'],
        ['to=yesterday', 'to must be a real date written YYYY-MM-DD'],
        ['from=2024-05-01&to=2024-04-01', 'from (2024-05-01) must not be after to (2024-04-01)'],
        ['limit=0', 'limit must not be less than 1'],
        ['limit=201', 'limit must not be greater than 200'],
        ['cursor=garbage', 'cursor is not one this server issued'],
        [`cursor=${foreignCursor}`, 'cursor is not one this server issued'],
        ['sort=date', 'property sort should not exist'],
      ];
      for (const [query, message] of cases) {
        const res = await api.request('GET', `/api/actions?${query}`);
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
        expect({ query, message: JSON.stringify(res.body.message) }).toEqual({
          query,
          message: expect.stringContaining(message.replace(/"/g, '\\"')),
        });
      }
    });

    it('lets every signed-in user read actions, and nobody without a token', async () => {
      const action = await logAction();
      const viewer = await signUp(api, { role: 'viewer' });
      expect((await api.request('GET', '/api/actions', { token: viewer.token })).status).toBe(200);
      expect((await api.request('GET', `/api/actions/${action.id}`, { token: viewer.token })).status).toBe(200);
      expect((await api.request('GET', '/api/actions', { token: null })).status).toBe(401);
    });

    it('answers 404 for an unknown action and 400 for an id that is not a UUID', async () => {
      const missing = randomUUID();
      const res = await api.request('GET', `/api/actions/${missing}`);
      expect(res.status).toBe(404);
      expect(res.body.message).toBe(`action ${missing} not found`);
      const bad = await api.request('GET', '/api/actions/latest');
      expect(bad.status).toBe(400);
      expect(bad.body.message).toBe('id must be a UUID');
    });
  });

  describe('changing and deleting an action', () => {
    it('lets the author change any field but the state, clearing optional ones with null', async () => {
      const author = await signUp(api, { role: 'regional-officer', regions: ['africa'], name: 'Author' });
      const campaign = await createCampaign();
      const action = await logAction({ summary: 'First draft', target: 'AG' }, author.token);
      const res = await api.request('PATCH', `/api/actions/${action.id}`, {
        token: author.token,
        body: {
          type: 'call',
          date: '2025-03-15',
          title: 'Call with the Attorney General',
          summary: null,
          outcome: 'Agreed to table the bill',
          campaignId: campaign.id,
        },
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        ...action,
        type: 'call',
        date: '2025-03-15',
        title: 'Call with the Attorney General',
        summary: null,
        target: 'AG',
        outcome: 'Agreed to table the bill',
        campaignId: campaign.id,
        updatedAt: expect.stringMatching(ISO_INSTANT),
      });
      expect(res.body.updatedAt > action.updatedAt).toBe(true);
      expect((await api.request('GET', `/api/actions/${action.id}`)).body).toEqual(res.body);

      const cleared = await api.request('PATCH', `/api/actions/${action.id}`, {
        token: author.token,
        body: { campaignId: null },
      });
      expect(cleared.body.campaignId).toBeNull();
    });

    it('lets an admin change anyone’s action', async () => {
      const author = await signUp(api, { role: 'regional-officer', regions: ['africa'] });
      const action = await logAction({}, author.token);
      const res = await api.request('PATCH', `/api/actions/${action.id}`, { body: { outcome: 'Checked' } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ outcome: 'Checked', loggedBy: { id: author.id } });
    });

    it('answers an empty change with the action as it is', async () => {
      const action = await logAction();
      const res = await api.request('PATCH', `/api/actions/${action.id}`, { body: {} });
      expect(res.status).toBe(200);
      expect(res.body).toEqual(action);
    });

    it.each([
      ['another regional officer of the region', 'regional-officer', ['africa'], 'only the author'],
      ['a campaign officer', 'campaign-officer', [], 'only the author'],
      ['a steering committee member', 'steering-committee', [], 'may not log or change advocacy actions'],
      ['a viewer', 'viewer', [], 'may not log or change advocacy actions'],
    ])('refuses %s changing or deleting it with 403, changing nothing', async (_who, role, regions, message) => {
      const author = await signUp(api, { role: 'regional-officer', regions: ['africa'] });
      const action = await logAction({}, author.token);
      const user = await signUp(api, { role, regions });
      const before = await rowOf(action.id);
      const patch = await api.request('PATCH', `/api/actions/${action.id}`, {
        token: user.token,
        body: { title: 'Hijacked' },
      });
      expect(patch.status).toBe(403);
      expect(patch.body.message).toContain(message);
      const del = await api.request('DELETE', `/api/actions/${action.id}`, { token: user.token });
      expect(del.status).toBe(403);
      expect(await rowOf(action.id)).toEqual(before);
    });

    it('refuses the author once they may no longer log actions for the state’s region', async () => {
      const author = await signUp(api, { role: 'regional-officer', regions: ['africa'] });
      const action = await logAction({}, author.token);
      await api.request('PATCH', `/api/users/${author.id}`, { body: { regions: ['europe'] } });
      const res = await api.request('PATCH', `/api/actions/${action.id}`, {
        token: author.token,
        body: { title: 'Too late' },
      });
      expect(res.status).toBe(403);
      expect(res.body.message).toContain('only for states in europe, not africa');
    });

    it.each([
      ['moving it to another state', { stateCode: 'UGA' }, 400, 'property stateCode should not exist'],
      ['a null title', { title: null }, 400, 'title must be a string'],
      ['a blank title', { title: ' ' }, 400, 'title must not be blank'],
      ['a null type', { type: null }, 400, 'type must be one of'],
      ['an unknown type', { type: 'lunch' }, 400, 'type must be one of'],
      ['a null date', { date: null }, 400, 'date must be a real date written YYYY-MM-DD'],
      ['a date before 1995', { date: '1990-05-05' }, 400, 'date 1990-05-05 is before 1995-01-01'],
      ['a date more than a year ahead', { date: daysFromNow(400) }, 400, 'is more than one year in the future'],
      ['a malformed campaignId', { campaignId: 'spring' }, 400, 'campaignId must be a campaign id (UUID)'],
      ['another author', { loggedBy: randomUUID() }, 400, 'property loggedBy should not exist'],
      [
        'an unknown campaign',
        { campaignId: '00000000-0000-4000-8000-000000000000' },
        404,
        'campaign 00000000-0000-4000-8000-000000000000 not found',
      ],
    ])('refuses %s with %i naming the field, changing nothing', async (_what, body, status, message) => {
      const action = await logAction();
      const before = await rowOf(action.id);
      const res = await api.request('PATCH', `/api/actions/${action.id}`, { body });
      expect(res.status).toBe(status);
      expect(JSON.stringify(res.body.message)).toContain(message);
      expect(await rowOf(action.id)).toEqual(before);
    });

    it('soft-deletes for the author: 204, then 404 on every route, a second delete included', async () => {
      const author = await signUp(api, { role: 'campaign-officer' });
      const action = await logAction({ stateCode: 'GTM' }, author.token);
      const del = await api.request('DELETE', `/api/actions/${action.id}`, { token: author.token });
      expect(del.status).toBe(204);
      expect(del.text).toBe('');
      expect((await api.request('GET', `/api/actions/${action.id}`)).status).toBe(404);
      const again = await api.request('DELETE', `/api/actions/${action.id}`, { token: author.token });
      expect(again.status).toBe(404);
      expect(again.body.message).toBe(`action ${action.id} not found`);
      const patch = await api.request('PATCH', `/api/actions/${action.id}`, { body: { title: 'Back' } });
      expect(patch.status).toBe(404);
      const listed = await listAll('/api/actions', `loggedBy=${author.id}`);
      expect(listed.items).toEqual([]);
      expect((await listAll('/api/actions', 'state=GTM')).items.map((a) => a.id)).not.toContain(action.id);
      // The row stays, marked deleted, so that what points at it keeps working.
      const row = await rowOf(action.id);
      expect(row.deleted_at).toBeInstanceOf(Date);
      expect(row.title).toBe(action.title);
    });

    it('lets an admin delete anyone’s action', async () => {
      const author = await signUp(api, { role: 'regional-officer', regions: ['africa'] });
      const action = await logAction({}, author.token);
      expect((await api.request('DELETE', `/api/actions/${action.id}`)).status).toBe(204);
      expect((await api.request('GET', `/api/actions/${action.id}`)).status).toBe(404);
    });

    it('answers 404 for changing or deleting an unknown action', async () => {
      const missing = randomUUID();
      expect((await api.request('PATCH', `/api/actions/${missing}`, { body: { title: 'x' } })).status).toBe(404);
      expect((await api.request('DELETE', `/api/actions/${missing}`)).status).toBe(404);
    });
  });

  describe('campaigns', () => {
    it('creates a campaign with its states, sorted and without duplicates, and returns it by id', async () => {
      const res = await api.request('POST', '/api/campaigns', {
        body: {
          name: ' Kampala amendments 2026 ',
          description: 'Ratification of the aggression amendments',
          instrument: 'amendment-aggression',
          stateCodes: ['ukr', 'KEN', 'ken'],
          startsOn: '2026-01-01',
          endsOn: '2026-12-31',
        },
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        name: 'Kampala amendments 2026',
        description: 'Ratification of the aggression amendments',
        instrument: 'amendment-aggression',
        stateCodes: ['KEN', 'UKR'],
        startsOn: '2026-01-01',
        endsOn: '2026-12-31',
        // A new campaign is running, with no goal until one is set.
        goal: null,
        status: 'active',
        createdBy: admin,
        createdAt: expect.stringMatching(ISO_INSTANT),
      });
      const one = await api.request('GET', `/api/campaigns/${res.body.id}`);
      expect(one.status).toBe(200);
      expect(one.body).toEqual(res.body);
    });

    it('creates a campaign from a name alone', async () => {
      const res = await api.request('POST', '/api/campaigns', { body: { name: 'Universal ratification' } });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        description: null,
        instrument: null,
        stateCodes: [],
        startsOn: null,
        endsOn: null,
      });
    });

    it('refuses a second campaign with the same name in any case with 409, saving nothing', async () => {
      await createCampaign({ name: 'Article 8 amendments' });
      const before = await countOf('campaign');
      const res = await api.request('POST', '/api/campaigns', {
        body: { name: 'ARTICLE 8 Amendments', stateCodes: ['FRA'] },
      });
      expect(res.status).toBe(409);
      expect(res.body.message).toBe('a campaign named "ARTICLE 8 Amendments" already exists');
      expect(await countOf('campaign')).toBe(before);
    });

    it.each([
      ['no name', { name: undefined }, 'name must be a string'],
      ['an empty name', { name: '' }, 'name must be longer than or equal to 1 characters'],
      ['a blank name', { name: '   ' }, 'name must not be blank'],
      ['an unknown instrument', { instrument: 'kampala' }, 'instrument must be one of rome-statute, apic'],
      ['one code for stateCodes', { stateCodes: 'UKR' }, 'stateCodes must be an array'],
      ['a two-letter code', { stateCodes: ['UK'] }, 'stateCodes must each be an ISO 3166-1 alpha-3 code such as UKR'],
      ['unknown state codes', { stateCodes: ['UKR', 'xyz', 'QQQ'] }, 'stateCodes has unknown state codes: QQQ, XYZ'],
      ['30 February', { startsOn: '2026-02-30' }, 'startsOn must be a real date written YYYY-MM-DD'],
      ['an end in words', { endsOn: 'next year' }, 'endsOn must be a real date written YYYY-MM-DD'],
      [
        'an end before the start',
        { startsOn: '2026-06-01', endsOn: '2026-01-01' },
        'endsOn (2026-01-01) must not be before startsOn (2026-06-01)',
      ],
      ['someone else as the creator', { createdBy: randomUUID() }, 'property createdBy should not exist'],
    ])('refuses %s with 400 naming the field, saving nothing', async (_what, overrides, message) => {
      const before = [await countOf('campaign'), await countOf('campaign_state')];
      const res = await api.request('POST', '/api/campaigns', {
        body: { name: `Refused ${randomUUID()}`, stateCodes: ['KEN'], ...overrides },
      });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.message)).toContain(message);
      expect([await countOf('campaign'), await countOf('campaign_state')]).toEqual(before);
    });

    it.each([
      [201, 'admin', []],
      [201, 'campaign-officer', []],
      [403, 'regional-officer', ['africa', 'europe']],
      [403, 'steering-committee', []],
      [403, 'viewer', []],
    ])('answers %i when a user with role %s and regions %j creates a campaign', async (status, role, regions) => {
      const user = await signUp(api, { role, regions });
      const before = [await countOf('campaign'), await countOf('campaign_state')];
      const res = await api.request('POST', '/api/campaigns', {
        token: user.token,
        body: { name: `By a ${role} ${randomUUID()}`, stateCodes: ['KEN'] },
      });
      expect(res.status).toBe(status);
      if (status === 201) {
        expect(res.body.createdBy.id).toBe(user.id);
      } else {
        expect(res.body.message).toBe(`role ${role} may not manage campaigns`);
        expect([await countOf('campaign'), await countOf('campaign_state')]).toEqual(before);
      }
    });

    it('lists campaigns by name whatever the case, page by page without repeats', async () => {
      const tag = randomUUID().slice(0, 6);
      for (const name of ['delta', 'Alpha', 'charlie', 'Bravo', 'echo'])
        await createCampaign({ name: `${name}${tag}` });
      const whole = await api.request('GET', '/api/campaigns?limit=200');
      expect(whole.status).toBe(200);
      expect(whole.body.nextCursor).toBeNull();
      const { items, pages } = await listAll('/api/campaigns', '', 2);
      expect(items).toEqual(whole.body.items);
      expect(pages).toBe(Math.ceil(items.length / 2));
      expect(items.map((c) => c.name).filter((n: string) => n.endsWith(tag))).toEqual(
        ['Alpha', 'Bravo', 'charlie', 'delta', 'echo'].map((n) => `${n}${tag}`),
      );
    });

    it('lets every signed-in user read campaigns', async () => {
      const campaign = await createCampaign();
      const viewer = await signUp(api, { role: 'viewer' });
      expect((await api.request('GET', '/api/campaigns', { token: viewer.token })).status).toBe(200);
      expect((await api.request('GET', `/api/campaigns/${campaign.id}`, { token: viewer.token })).body).toEqual(
        campaign,
      );
    });

    it('answers 404 for an unknown campaign and 400 for bad ids, limits and cursors', async () => {
      const missing = randomUUID();
      const res = await api.request('GET', `/api/campaigns/${missing}`);
      expect(res.status).toBe(404);
      expect(res.body.message).toBe(`campaign ${missing} not found`);
      for (const [path, message] of [
        ['/api/campaigns/current', 'id must be a UUID'],
        ['/api/campaigns?limit=0', 'limit must not be less than 1'],
        ['/api/campaigns?cursor=garbage', 'cursor is not one this server issued'],
        ['/api/campaigns?name=x', 'property name should not exist'],
      ]) {
        const bad = await api.request('GET', path);
        expect({ path, status: bad.status }).toEqual({ path, status: 400 });
        expect(JSON.stringify(bad.body.message)).toContain(message);
      }
    });
  });
});
