import { startApi, TestApi } from './support/api';

type Schema = {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  required?: string[];
};

/** The OpenAPI document at /docs-json describes what the server actually sends. */
describe('the OpenAPI document', () => {
  let api: TestApi;
  let doc: { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, Schema> } };
  beforeAll(async () => {
    api = await startApi();
    doc = (await api.request('GET', '/docs-json', { token: null })).body;
  });
  afterAll(async () => {
    await api.close();
  });

  const resolve = (s: Schema): Schema => {
    const ref = s.$ref ? doc.components.schemas[s.$ref.split('/').pop()!] : s;
    if (!ref.allOf) return ref;
    const parts = ref.allOf.map(resolve);
    return { type: 'object', properties: Object.assign({}, ...parts.map((p) => p.properties), ref.properties) };
  };

  /** Fails naming every field the server sends that the document does not describe, and the reverse. */
  const mismatches = (value: unknown, schema: Schema, path = '$'): string[] => {
    const s = resolve(schema);
    if (Array.isArray(value)) return value.slice(0, 3).flatMap((v, i) => mismatches(v, s.items!, `${path}[${i}]`));
    if (value === null || typeof value !== 'object' || !s.properties) return [];
    const documented = Object.keys(s.properties);
    const sent = Object.keys(value);
    return [
      ...sent.filter((k) => !documented.includes(k)).map((k) => `${path}.${k} sent but not documented`),
      ...documented.filter((k) => !sent.includes(k)).map((k) => `${path}.${k} documented but not sent`),
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
        '/api/auth/login',
        '/api/me',
        '/api/states',
        '/api/states/{code}',
        '/api/states/{code}/events',
        '/api/states/{code}/implementation/{track}',
        '/api/stats/parties',
        '/api/users',
        '/api/users/{id}',
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
  });

  it.each([
    ['/api/states', 'get', '200', '/api/states'],
    ['/api/states/{code}', 'get', '200', '/api/states/BDI'],
    ['/api/stats/parties', 'get', '200', '/api/stats/parties'],
    ['/api/me', 'get', '200', '/api/me'],
    ['/api/users', 'get', '200', '/api/users'],
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

  it('documents the request bodies with their constraints', () => {
    const event = resolve(doc.components.schemas.CreateTreatyEventDto);
    expect(Object.keys(event.properties!).sort()).toEqual(['date', 'instrument', 'note', 'source', 'type']);
    expect(event.required?.sort()).toEqual(['date', 'instrument', 'type']);
  });
});
