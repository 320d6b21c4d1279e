import { startApi, TestApi } from './support/api';

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  nullable?: boolean;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  required?: string[];
};

/** The string formats the document names, as OpenAPI defines them (RFC 3339). */
const FORMATS: Record<string, RegExp> = {
  'date-time': /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/,
  date: /^\d{4}-\d\d-\d\d$/,
};

/** The OpenAPI document at /docs-json describes what the server actually sends. */
describe('the OpenAPI document', () => {
  let api: TestApi;
  let doc: { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, Schema> } };
  beforeAll(async () => {
    api = await startApi();
    doc = (await api.request('GET', '/docs-json', { token: null })).body;
    // One campaign and one action with every field set, so that the list checks below compare real items.
    const campaign = await api.request('POST', '/api/campaigns', {
      body: { name: 'Documented campaign', instrument: 'apic', stateCodes: ['IND'], startsOn: '2025-01-01' },
    });
    await api.request('POST', '/api/actions', {
      body: {
        stateCode: 'IND',
        type: 'meeting',
        date: '2025-05-05',
        title: 'Documented action',
        summary: 'Summary',
        target: 'Target',
        outcome: 'Outcome',
        campaignId: campaign.body.id,
      },
    });
    // Follow-ups with every field set, one closed and one open, so the list compares real values of each type.
    const action = await api.request('POST', '/api/actions', {
      body: { stateCode: 'IND', type: 'call', date: '2025-05-07', title: 'Action followed up' },
    });
    const remindAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const done = await api.request('POST', '/api/follow-ups', {
      body: { stateCode: 'IND', title: 'Documented follow-up', note: 'A note', remindAt, actionId: action.body.id },
    });
    // As if reminded and escalated a while ago, so those fields hold instants too.
    await api.db.query(
      `UPDATE follow_up SET remind_at = now() - interval '5 days', reminder_for = now() - interval '5 days',
                            escalated_for = now() - interval '5 days' WHERE id = $1`,
      [done.body.id],
    );
    await api.request('PATCH', `/api/follow-ups/${done.body.id}`, { body: { status: 'done' } });
    await api.request('POST', '/api/follow-ups', { body: { stateCode: 'IND', title: 'Open follow-up', remindAt } });
    // Depositary proposals of each kind: a new deposit for India, and the recorded parties missing from this table.
    await api.request('POST', '/api/depositary/status-tables', {
      body: { instrument: 'amendment-art8-2019', text: 'Participant\tRatification\nIndia\t5 May 2025' },
    });
  });
  afterAll(async () => {
    await api.close();
  });

  const resolve = (s: Schema): Schema => {
    const ref = s.$ref ? doc.components.schemas[s.$ref.split('/').pop()!] : s;
    // A nullable reference is written as { allOf: [{ $ref }], nullable: true }: the wrapper says null is allowed.
    const nullable = s.nullable || ref.nullable ? { nullable: true } : {};
    if (!ref.allOf) return { ...ref, ...nullable };
    const parts = ref.allOf.map(resolve);
    return {
      type: 'object',
      properties: Object.assign({}, ...parts.map((p) => p.properties), ref.properties),
      required: [...parts.flatMap((p) => p.required ?? []), ...(ref.required ?? [])],
      ...nullable,
    };
  };

  /** What JSON Schema type a sent value has. */
  const typeOf = (value: unknown): string =>
    Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;

  /** The value against the documented type, nullability, enum and string format; empty when they agree. */
  const typeMismatch = (value: unknown, s: Schema, path: string): string[] => {
    if (value === null) return s.nullable ? [] : [`${path} sent null but not documented as nullable`];
    const documented = s.type ?? (s.properties ? 'object' : s.items ? 'array' : undefined);
    if (documented === undefined) return [`${path} has no documented type`];
    const sent = typeOf(value);
    if (sent !== documented && !(documented === 'number' && sent === 'integer'))
      return [`${path} sent ${sent} but documented as ${documented}`];
    if (s.enum && !s.enum.includes(value))
      return [`${path} sent ${JSON.stringify(value)}, not one of ${s.enum.join(', ')}`];
    const format = s.format === undefined ? undefined : FORMATS[s.format];
    if (format && !format.test(value as string)) return [`${path} sent ${JSON.stringify(value)}, not a ${s.format}`];
    return [];
  };

  /**
   * Fails naming every field the server sends that the document does not describe, and the reverse, and every
   * value whose type (or nullability, enum, format) is not the documented one.
   */
  const mismatches = (value: unknown, schema: Schema, path = '$'): string[] => {
    const s = resolve(schema);
    const wrongType = typeMismatch(value, s, path);
    if (wrongType.length > 0) return wrongType;
    if (Array.isArray(value)) return value.slice(0, 3).flatMap((v, i) => mismatches(v, s.items!, `${path}[${i}]`));
    if (value === null || typeof value !== 'object' || !s.properties) return [];
    const documented = Object.keys(s.properties);
    const sent = Object.keys(value);
    return [
      ...sent.filter((k) => !documented.includes(k)).map((k) => `${path}.${k} sent but not documented`),
      ...documented
        .filter((k) => !sent.includes(k) && (s.required ?? []).includes(k))
        .map((k) => `${path}.${k} documented as required but not sent`),
      ...sent
        .filter((k) => documented.includes(k))
        .flatMap((k) => mismatches((value as Record<string, unknown>)[k], s.properties![k], `${path}.${k}`)),
    ];
  };

  const responseSchema = (path: string, method: string, status: string): Schema => {
    const op = doc.paths[path][method] as {
      responses: Record<string, { content: Record<string, { schema: Schema }> }>;
    };
    return op.responses[status].content['application/json'].schema;
  };

  it('lists every route of the contract', () => {
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/api/actions',
        '/api/actions.csv',
        '/api/actions/import',
        '/api/actions/{id}',
        '/api/audit',
        '/api/auth/login',
        '/api/auth/logout',
        '/api/auth/password-reset',
        '/api/auth/set-password',
        '/api/campaigns',
        '/api/campaigns/{id}',
        '/api/contacts',
        '/api/contacts.csv',
        '/api/contacts/{id}',
        '/api/contacts/{id}/export',
        '/api/contacts/import',
        '/api/organisations',
        '/api/organisations.csv',
        '/api/organisations/{id}',
        '/api/organisations/import',
        '/api/campaigns/{id}/actions',
        '/api/campaigns/{id}/progress',
        '/api/digests/preview',
        '/api/digests/send',
        '/api/dashboards/global',
        '/api/dashboards/regions/{region}',
        '/api/dashboards/states/{code}',
        '/api/depositary/notifications',
        '/api/depositary/proposals',
        '/api/depositary/proposals/{id}/accept',
        '/api/depositary/proposals/{id}/reject',
        '/api/depositary/status-tables',
        '/api/follow-ups',
        '/api/follow-ups.csv',
        '/api/follow-ups.ics',
        '/api/follow-ups/{id}',
        '/api/instruments',
        '/api/me',
        '/api/me/calendar-link',
        '/api/insights/outcomes',
        '/api/insights/stalled',
        '/api/playbook',
        '/api/pledges',
        '/api/pledges.csv',
        '/api/pledges/{id}',
        '/api/states',
        '/api/states.csv',
        '/api/states/{code}',
        '/api/states/{code}/events',
        '/api/states/{code}/events/{id}/corrections',
        '/api/outbox',
        '/api/outbox/{id}/resend',
        '/api/states/{code}/implementation/{track}',
        '/api/stats/parties',
        '/api/users',
        '/api/users/{id}',
        '/api/users/{id}/invitation',
        '/health',
        '/health/ready',
      ].sort(),
    );
  });

  it('resolves the documented fields down to each instrument (so the checks below compare real lists)', () => {
    const state = resolve(resolve(responseSchema('/api/states', 'get', '200')).items!);
    expect(Object.keys(state.properties!)).toEqual(
      expect.arrayContaining(['code', 'names', 'instruments', 'implementation']),
    );
    const instruments = resolve(state.properties!.instruments);
    expect(Object.keys(resolve(instruments.properties!['rome-statute']).properties!)).toContain(
      'withdrawalEffectiveOn',
    );
    expect(mismatches({ code: 'X', extra: 1 }, state)).toContain('$.extra sent but not documented');
    expect(mismatches({ code: 'X' }, state)).toContain('$.name documented as required but not sent');
    expect(mismatches({ code: 3 }, state)).toContain('$.code sent integer but documented as string');
    expect(mismatches({ code: null }, state)).toContain('$.code sent null but not documented as nullable');
  });

  it('walks a follow-up list of real items, comparing the type of every field', async () => {
    const list = await api.request('GET', '/api/follow-ups?status=done');
    const open = await api.request('GET', '/api/follow-ups?status=open');
    const [done] = list.body.items;
    expect(done).toMatchObject({ title: 'Documented follow-up', note: 'A note', closedAt: expect.any(String) });
    expect([done.reminderSentFor, done.escalatedFor]).toEqual([expect.any(String), expect.any(String)]);
    expect(open.body.items).toEqual([expect.objectContaining({ title: 'Open follow-up', closedAt: null, note: null })]);
    const schema = responseSchema('/api/follow-ups', 'get', '200');
    expect(mismatches(list.body, schema)).toEqual([]);
    expect(mismatches(open.body, schema)).toEqual([]);
    // The walk reaches the items' fields: a wrong type in one is named.
    const broken = { ...list.body, items: [{ ...done, closedAt: 17, assignee: { ...done.assignee, id: null } }] };
    expect(mismatches(broken, schema).sort()).toEqual([
      '$.items[0].assignee.id sent null but not documented as nullable',
      '$.items[0].closedAt sent integer but documented as string',
    ]);
  });

  it.each([
    ['/api/states', 'get', '200', '/api/states'],
    ['/api/states/{code}', 'get', '200', '/api/states/BDI'],
    ['/api/states/{code}', 'get', '200', '/api/states/USA'],
    ['/api/instruments', 'get', '200', '/api/instruments'],
    ['/api/depositary/proposals', 'get', '200', '/api/depositary/proposals'],
    ['/api/stats/parties', 'get', '200', '/api/stats/parties'],
    ['/api/me', 'get', '200', '/api/me'],
    ['/api/follow-ups', 'get', '200', '/api/follow-ups'],
    ['/api/users', 'get', '200', '/api/users'],
    ['/api/actions', 'get', '200', '/api/actions'],
    ['/api/campaigns', 'get', '200', '/api/campaigns'],
    ['/api/audit', 'get', '200', '/api/audit'],
    ['/api/dashboards/global', 'get', '200', '/api/dashboards/global'],
    ['/api/dashboards/regions/{region}', 'get', '200', '/api/dashboards/regions/europe'],
    ['/api/dashboards/states/{code}', 'get', '200', '/api/dashboards/states/UKR'],
  ])('describes exactly the fields of %s', async (path, method, status, url) => {
    const res = await api.request('GET', url);
    expect(mismatches(res.body, responseSchema(path, method, status))).toEqual([]);
  });

  it('describes exactly the fields of a recorded event and an implementation change', async () => {
    const event = await api.request('POST', '/api/states/IND/events', {
      body: { instrument: 'rome-statute', type: 'accession', date: '2026-01-05' },
    });
    expect(mismatches(event.body, responseSchema('/api/states/{code}/events', 'post', '201'))).toEqual([]);
    const change = await api.request('PUT', '/api/states/IND/implementation/crimes', { body: { stage: 'drafting' } });
    expect(mismatches(change.body, responseSchema('/api/states/{code}/implementation/{track}', 'put', '200'))).toEqual(
      [],
    );
  });

  it('describes exactly the fields of an action and a campaign: created, changed and read alone', async () => {
    const campaign = await api.request('POST', '/api/campaigns', { body: { name: 'Bare campaign' } });
    expect(mismatches(campaign.body, responseSchema('/api/campaigns', 'post', '201'))).toEqual([]);
    const one = await api.request('GET', `/api/campaigns/${campaign.body.id}`);
    expect(mismatches(one.body, responseSchema('/api/campaigns/{id}', 'get', '200'))).toEqual([]);
    const action = await api.request('POST', '/api/actions', {
      body: { stateCode: 'IND', type: 'call', date: '2025-05-06', title: 'Bare action' },
    });
    expect(mismatches(action.body, responseSchema('/api/actions', 'post', '201'))).toEqual([]);
    const changed = await api.request('PATCH', `/api/actions/${action.body.id}`, {
      body: { campaignId: campaign.body.id },
    });
    expect(mismatches(changed.body, responseSchema('/api/actions/{id}', 'patch', '200'))).toEqual([]);
    const read = await api.request('GET', `/api/actions/${action.body.id}`);
    expect(mismatches(read.body, responseSchema('/api/actions/{id}', 'get', '200'))).toEqual([]);
    const patched = await api.request('PATCH', `/api/campaigns/${campaign.body.id}`, {
      body: { stateCodes: ['IND', 'KEN'], goal: { instrument: 'rome-statute', stage: 'party' } },
    });
    expect(mismatches(patched.body, responseSchema('/api/campaigns/{id}', 'patch', '200'))).toEqual([]);
    const letters = await api.request('POST', `/api/campaigns/${campaign.body.id}/actions`, {
      body: {
        type: 'letter-minister',
        date: '2025-05-06',
        title: 'Bare letter',
        followUp: { dueOn: new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10) },
      },
    });
    expect(letters.body.followUps).toHaveLength(2);
    expect(mismatches(letters.body, responseSchema('/api/campaigns/{id}/actions', 'post', '201'))).toEqual([]);
    const progress = await api.request('GET', `/api/campaigns/${campaign.body.id}/progress`);
    expect(progress.body.states).toHaveLength(2);
    expect(mismatches(progress.body, responseSchema('/api/campaigns/{id}/progress', 'get', '200'))).toEqual([]);
    const pledge = await api.request('POST', '/api/pledges', {
      body: {
        stateCode: 'IND',
        instrument: 'apic',
        madeOn: '2025-05-06',
        occasion: 'ASP 24',
        targetDate: '2026-12-31',
      },
    });
    expect(mismatches(pledge.body, responseSchema('/api/pledges', 'post', '201'))).toEqual([]);
    const pledgeList = await api.request('GET', '/api/pledges?state=IND');
    expect(pledgeList.body.items).toHaveLength(1);
    expect(mismatches(pledgeList.body, responseSchema('/api/pledges', 'get', '200'))).toEqual([]);
    const pledgeChanged = await api.request('PATCH', `/api/pledges/${pledge.body.id}`, { body: { source: null } });
    expect(mismatches(pledgeChanged.body, responseSchema('/api/pledges/{id}', 'patch', '200'))).toEqual([]);
    const stalled = await api.request('GET', '/api/insights/stalled?region=asia-pacific&instrument=rome-statute');
    expect(stalled.body.length).toBeGreaterThan(0);
    expect(mismatches(stalled.body, responseSchema('/api/insights/stalled', 'get', '200'))).toEqual([]);
    const outcomes = await api.request('GET', `/api/insights/outcomes?from=2000-01-01&region=africa`);
    expect(outcomes.body.states.length).toBeGreaterThan(0);
    expect(mismatches(outcomes.body, responseSchema('/api/insights/outcomes', 'get', '200'))).toEqual([]);
    const playbook = await api.request('GET', '/api/playbook');
    const put = await api.request('PUT', '/api/playbook', { body: playbook.body });
    expect(put.body).toEqual(playbook.body);
    expect(mismatches(put.body, responseSchema('/api/playbook', 'put', '200'))).toEqual([]);
    const badEntry = await api.request('PUT', '/api/playbook', {
      body: [{ instrument: 'rome-statute', stage: 'none', suggestion: 'x', extra: 1 }],
    });
    expect(badEntry.status).toBe(400);
    // The lists checked above hold real items.
    expect((await api.request('GET', '/api/actions')).body.items.length).toBeGreaterThan(0);
    expect((await api.request('GET', '/api/campaigns')).body.items.length).toBeGreaterThan(0);
  });

  it('describes exactly the fields of an organisation, a contact (live and erased), its export and a linked action', async () => {
    const organisation = await api.request('POST', '/api/organisations', {
      body: {
        name: 'Documented coalition',
        kind: 'national-coalition',
        stateCode: 'IND',
        website: 'https://coalition.example',
        email: 'info@coalition.example',
        memberSince: '2002-07-01',
      },
    });
    expect(mismatches(organisation.body, responseSchema('/api/organisations', 'post', '201'))).toEqual([]);
    const bare = await api.request('POST', '/api/organisations', { body: { name: 'Bare network', kind: 'other' } });
    expect(mismatches(bare.body, responseSchema('/api/organisations', 'post', '201'))).toEqual([]);
    const changed = await api.request('PATCH', `/api/organisations/${bare.body.id}`, { body: { region: 'europe' } });
    expect(mismatches(changed.body, responseSchema('/api/organisations/{id}', 'patch', '200'))).toEqual([]);
    const one = await api.request('GET', `/api/organisations/${organisation.body.id}`);
    expect(mismatches(one.body, responseSchema('/api/organisations/{id}', 'get', '200'))).toEqual([]);
    const list = await api.request('GET', '/api/organisations');
    expect(list.body.items.length).toBe(2);
    expect(mismatches(list.body, responseSchema('/api/organisations', 'get', '200'))).toEqual([]);

    const contact = await api.request('POST', '/api/contacts', {
      body: {
        name: 'Documented Person',
        position: 'Minister of Law',
        stateCode: 'IND',
        organisationId: organisation.body.id,
        email: 'person@example.org',
        phone: '+91 11 0000 0000',
        languages: ['hi', 'en'],
        notes: 'A note',
        lawfulBasis: 'public-task',
      },
    });
    expect(mismatches(contact.body, responseSchema('/api/contacts', 'post', '201'))).toEqual([]);
    const bareContact = await api.request('POST', '/api/contacts', { body: { name: 'Bare', lawfulBasis: 'consent' } });
    expect(mismatches(bareContact.body, responseSchema('/api/contacts', 'post', '201'))).toEqual([]);
    const contacts = await api.request('GET', '/api/contacts');
    expect(contacts.body.items.length).toBe(2);
    expect(mismatches(contacts.body, responseSchema('/api/contacts', 'get', '200'))).toEqual([]);
    const patched = await api.request('PATCH', `/api/contacts/${contact.body.id}`, { body: { notes: null } });
    expect(mismatches(patched.body, responseSchema('/api/contacts/{id}', 'patch', '200'))).toEqual([]);

    const action = await api.request('POST', '/api/actions', {
      body: {
        stateCode: 'IND',
        type: 'meeting',
        date: '2025-05-08',
        title: 'Linked action',
        contactIds: [contact.body.id],
        organisationIds: [organisation.body.id],
      },
    });
    expect(mismatches(action.body, responseSchema('/api/actions', 'post', '201'))).toEqual([]);
    const exported = await api.request('GET', `/api/contacts/${contact.body.id}/export`);
    expect(exported.body.actions).toHaveLength(1);
    expect(exported.body.history.length).toBe(2);
    expect(mismatches(exported.body, responseSchema('/api/contacts/{id}/export', 'get', '200'))).toEqual([]);
    const erased = await api.request('DELETE', `/api/contacts/${contact.body.id}`);
    expect(erased.body.name).toBeNull();
    expect(mismatches(erased.body, responseSchema('/api/contacts/{id}', 'delete', '200'))).toEqual([]);
    const read = await api.request('GET', `/api/contacts/${contact.body.id}`);
    expect(mismatches(read.body, responseSchema('/api/contacts/{id}', 'get', '200'))).toEqual([]);
  });

  it('describes the digest routes: HTML for the preview, the fields of a send', async () => {
    const preview = doc.paths['/api/digests/preview'].get as {
      parameters: { name: string; in: string; required: boolean }[];
      responses: Record<string, { content: Record<string, unknown> }>;
    };
    expect(preview.parameters).toEqual([expect.objectContaining({ name: 'weekOf', in: 'query', required: false })]);
    expect(Object.keys(preview.responses['200'].content)).toEqual(['text/html']);
    const html = await api.request('GET', '/api/digests/preview?weekOf=2025-05-07');
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const send = await api.request('POST', '/api/digests/send', { body: { weekOf: '2025-05-07' } });
    expect(send.status).toBe(202);
    expect(mismatches(send.body, responseSchema('/api/digests/send', 'post', '202'))).toEqual([]);
    const body = resolve(doc.components.schemas.SendDigestDto);
    expect(Object.keys(body.properties!)).toEqual(['weekOf']);
    expect(body.required ?? []).toEqual([]);
  });

  it('documents the request bodies with their constraints', () => {
    const event = resolve(doc.components.schemas.CreateTreatyEventDto);
    expect(Object.keys(event.properties!).sort()).toEqual([
      'confidence',
      'date',
      'instrument',
      'note',
      'reference',
      'source',
      'sourceUrl',
      'type',
    ]);
    expect(event.required?.sort()).toEqual(['date', 'instrument', 'type']);
    const action = resolve(doc.components.schemas.CreateActionDto);
    expect(Object.keys(action.properties!).sort()).toEqual(
      [
        'campaignId',
        'contactIds',
        'date',
        'followUp',
        'organisationIds',
        'outcome',
        'stateCode',
        'summary',
        'target',
        'title',
        'type',
      ].sort(),
    );
    expect(action.required?.sort()).toEqual(['date', 'stateCode', 'title', 'type']);
    expect(resolve(doc.components.schemas.UpdateActionDto).required ?? []).toEqual([]);
    const campaign = resolve(doc.components.schemas.CreateCampaignDto);
    expect(campaign.required).toEqual(['name']);
  });
});
