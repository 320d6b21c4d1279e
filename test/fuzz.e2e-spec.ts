import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { signUp, startApi, TestApi } from './support/api';

// 5,000 requests to some 70 operations, each write checked against a checksum of every table: about 160 s on a quiet
// two-core machine, so room for a busy one.
jest.setTimeout(360_000);

/**
 * Thousands of random and malformed requests at every endpoint the OpenAPI document lists (so endpoints added
 * later are covered without touching this file): wrong types, huge strings, unicode, negative and enormous
 * numbers, extra fields, malformed JSON, no or bad credentials, ids of other users' records, garbage ids.
 * No answer may be a 5xx, and no rejected request (4xx) nor any read may change the database.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 5_000);
const BATCH = 25;
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  nullable?: boolean;
};
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  schema?: Schema;
}
interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: Schema;
}
interface FuzzRequest {
  op: Operation;
  auth: string;
  path: string;
  query: string;
  body?: { text: string; contentType: string };
}

describe('fuzzing every endpoint', () => {
  let api: TestApi;
  let doc: { paths: Record<string, Record<string, any>>; components: { schemas: Record<string, Schema> } };
  const tokens: Record<string, string | null> = {};
  const fixtures: { id: string; role: string; regions: string[]; token: string }[] = [];
  const ids: string[] = [];
  const idsOf: Record<string, string[]> = {};
  const emails: string[] = [];

  beforeAll(async () => {
    // First, so that a run that fails or hangs anywhere can be repeated.
    console.log(
      `fuzz: seed ${SEED}, ${RUNS} requests (repeat with FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} npm run test:fuzz)`,
    );
    api = await startApi();
    doc = (await api.request('GET', '/docs-json', { token: null })).body;
    const me = (await api.request('GET', '/api/me')).body;
    fixtures.push({ id: me.id, role: 'admin', regions: [], token: api.adminToken });
    emails.push(me.email);
    for (const [role, regions] of [
      ['viewer', []],
      ['steering-committee', []],
      ['regional-officer', ['africa']],
      ['campaign-officer', ['europe']],
    ] as const) {
      const user = await signUp(api, { role, regions: [...regions] });
      fixtures.push({ id: user.id, role, regions: [...regions], token: user.token });
      emails.push(user.email);
    }
    for (const f of fixtures) tokens[f.role] = f.token;
    tokens.none = null;
    tokens.unknown = randomBytes(32).toString('base64url');
    const gone = await signUp(api, { role: 'campaign-officer', regions: ['mena'] });
    await api.request('PATCH', `/api/users/${gone.id}`, { body: { active: false } });
    tokens.deactivated = gone.token;

    // Records of several owners, so that requests name other users' ids.
    const campaign = await api.request('POST', '/api/campaigns', {
      body: { name: 'Fuzz campaign', stateCodes: ['KEN'] },
    });
    expect(campaign.status).toBe(201);
    const dueOn = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    for (const f of fixtures.filter((u) => ['admin', 'regional-officer', 'campaign-officer'].includes(u.role))) {
      const action = await api.request('POST', '/api/actions', {
        token: f.token,
        body: {
          stateCode: 'KEN',
          type: 'meeting',
          date: '2025-05-05',
          title: `Meeting by ${f.role}`,
          campaignId: campaign.body.id,
          followUp: { dueOn },
        },
      });
      expect(action.status).toBe(201);
    }
    // Ids by the path segment that names their kind, so that /api/actions/{id} mostly gets action ids.
    for (const [segment, table] of [
      ['users', 'app_user'],
      ['actions', 'advocacy_action'],
      ['follow-ups', 'follow_up'],
      ['campaigns', 'campaign'],
    ]) {
      idsOf[segment] = (await api.db.query(`SELECT id::text FROM ${table}`)).rows.map((r: { id: string }) => r.id);
      ids.push(...idsOf[segment]);
    }
  });
  afterAll(async () => {
    await api.close();
  });

  // ---- what the database holds, table by table -------------------------------------------------------
  let checksumSql = '';
  const checksum = async (): Promise<Record<string, string>> => {
    if (!checksumSql) {
      const tables = (
        await api.db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)
      ).rows.map((r: { tablename: string }) => r.tablename);
      checksumSql = `SELECT ${tables
        .map(
          (t: string) =>
            `(SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM "${t}" x) AS "${t}"`,
        )
        .join(', ')}`;
    }
    return (await api.db.query(checksumSql)).rows[0];
  };

  /** Puts the fixture users back as they were (a fuzzed PATCH may have changed them) and their tokens valid. */
  const restoreFixtures = async () => {
    for (const f of fixtures) {
      await api.db.query('UPDATE app_user SET role = $2, regions = $3, active = true WHERE id = $1', [
        f.id,
        f.role,
        f.regions,
      ]);
      await api.db.query(
        `INSERT INTO access_token (token_hash, user_id, expires_at) VALUES ($1, $2, now() + interval '1 hour')
         ON CONFLICT (token_hash) DO NOTHING`,
        [createHash('sha256').update(f.token).digest(), f.id],
      );
    }
  };

  // ---- generators ------------------------------------------------------------------------------------
  const resolve = (s: Schema | undefined): Schema | undefined => {
    if (!s) return s;
    if (s.$ref) return resolve(doc.components.schemas[s.$ref.split('/').pop()!]);
    if (s.allOf) {
      const parts = s.allOf.map(resolve) as Schema[];
      return {
        type: 'object',
        properties: Object.assign({}, ...parts.map((p) => p.properties), s.properties),
        required: parts.flatMap((p) => p.required ?? []),
      };
    }
    return s;
  };

  const huge = fc.integer({ min: 1_000, max: 300_000 }).map((n) => 'é'.repeat(n));
  const hostile = fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\ud800',
    '💥🏳️‍🌈',
    'ﷺ',
    '../../etc/passwd',
    "' OR '1'='1' --",
    "'; DROP TABLE app_user; --",
    '<script>alert(1)</script>',
    '%00',
    '%',
    'null',
    'undefined',
    'NaN',
    '-1',
    '0',
    '1e309',
    '9'.repeat(40),
    '2025-02-30',
    '0000-00-00',
    '9999-12-31',
    '2025-01-01T00:00:00',
    '2025-01-01T00:00:00Z',
    '+275760-09-13T00:00:00Z',
    '__proto__',
    'constructor',
    'me',
  );
  const garbageString = fc.oneof(
    { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 3, arbitrary: hostile },
    { weight: 1, arbitrary: huge },
  );
  const nastyNumber = fc.oneof(
    fc.integer(),
    fc.double(),
    fc.constantFrom(-1, 0, 1.5, Number.MAX_SAFE_INTEGER, 2 ** 53 + 1, 1e308, -1e308, 2 ** 31, -(2 ** 31) - 1),
  );
  const nasty: fc.Arbitrary<unknown> = fc.oneof(
    { weight: 4, arbitrary: garbageString },
    { weight: 2, arbitrary: nastyNumber },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.array(fc.oneof(garbageString, nastyNumber), { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
  const stateCode = fc.constantFrom('UKR', 'ken', 'PSE', 'COK', 'USA', 'DEU', 'BDI', 'XYZ');
  const knownId = () => fc.constantFrom(...ids);
  // Mostly around today, where the date rules (not before 1995, at most a year or two ahead) are decided.
  const nearToday = fc
    .oneof(
      { weight: 4, arbitrary: fc.integer({ min: -800, max: 800 }).map((days) => Date.now() + days * 86_400_000) },
      { weight: 1, arbitrary: fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }) },
    )
    .map((ms) => new Date(ms));
  const isoDate = nearToday.map((d) => d.toISOString().slice(0, 10));
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  /**
   * Instants shaped like ISO 8601 whose parts may be out of range (month 13, day 32, hour 25, minute 61, offset
   * +99:99) or name a day that does not exist (30 February), which JavaScript's Date rolls over or cannot read.
   */
  const oddInstant = fc
    .record({
      year: fc.integer({ min: 1900, max: 2200 }),
      month: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.constantFrom(0, 13, 99)),
      day: fc.oneof(fc.integer({ min: 1, max: 28 }), fc.constantFrom(0, 29, 30, 31, 32, 99)),
      hour: fc.oneof(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 24, max: 99 })),
      minute: fc.oneof(fc.integer({ min: 0, max: 59 }), fc.integer({ min: 60, max: 99 })),
      second: fc.option(fc.oneof(fc.integer({ min: 0, max: 59 }), fc.integer({ min: 60, max: 99 }))),
      fraction: fc.option(fc.integer({ min: 0, max: 999_999 })),
      offset: fc.oneof(
        fc.constant('Z'),
        fc
          .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
          .map(([sign, h, m]) => `${sign}${pad(h)}:${pad(m)}`),
      ),
    })
    .map(
      (t) =>
        `${t.year}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}` +
        (t.second === null ? '' : `:${pad(t.second)}${t.fraction === null ? '' : `.${pad(t.fraction, 6)}`}`) +
        t.offset,
    );
  const isoInstant = fc.oneof(
    { weight: 3, arbitrary: nearToday.map((d) => d.toISOString()) },
    { weight: 2, arbitrary: oddInstant },
  );
  /** A sort-key part as the lists put them in cursors (PostgreSQL's timestamptz text, dates, ids), or nearly. */
  const cursorPart: fc.Arbitrary<unknown> = fc.oneof(
    oddInstant.map((i) => i.replace('T', ' ').replace('Z', '+00')),
    nearToday.map((d) => d.toISOString().replace('T', ' ').replace('Z', '+00')),
    isoDate,
    oddInstant.map((i) => i.slice(0, 10)),
    fc.uuid(),
    fc.constantFrom('x', 'y', '1', '99999999999999999999', 'a\u0000b', '\ud800', 'ann@example.org', ''),
    garbageString,
    nastyNumber,
    fc.constant(null),
    fc.jsonValue({ maxDepth: 1 }),
  );
  /**
   * What a client might send back as a list's `cursor`: valid base64url JSON of the wrong shape (["x","y"], a
   * day that does not exist, an id that is not one, too few or too many parts), or not base64 JSON at all.
   */
  const cursor = fc.oneof(
    {
      weight: 7,
      arbitrary: fc
        .oneof(
          { weight: 6, arbitrary: fc.array(cursorPart, { minLength: 0, maxLength: 3 }) },
          { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
        )
        .map((key) => Buffer.from(JSON.stringify(key) ?? 'null').toString('base64url')),
    },
    { weight: 1, arbitrary: fc.base64String({ maxLength: 40 }) },
  );
  /** Text that validation accepts but that is hard to store or show: NUL, unpaired surrogates, RTL marks, markup. */
  const freeText = (min: number, max: number) =>
    fc.oneof(
      { weight: 4, arbitrary: fc.string({ minLength: min, maxLength: max }) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: min, maxLength: max }) },
      {
        weight: 1,
        arbitrary: fc.constantFrom('a\u0000b', 'x\ud800y', '💥 Côte d’Ivoire', '<b>x</b>', "O'Brien; --", 'ﷺ\u202ex'),
      },
    );

  /**
   * A value the schema accepts (`valid`), or nearly: mutated objects lose fields, gain unknown ones and hold
   * nasty values, so requests reach past validation as well as into it.
   */
  const plausible = (name: string, raw: Schema | undefined, valid: boolean, depth = 0): fc.Arbitrary<unknown> => {
    const s = resolve(raw) ?? {};
    if (s.enum) return fc.constantFrom(...s.enum);
    if (s.oneOf) return fc.oneof(...s.oneOf.map((o) => plausible(name, o, valid, depth)));
    if (s.type === 'object' || s.properties) return depth > 2 ? fc.constant({}) : objectOf(s, valid, depth + 1);
    if (s.type === 'array') return fc.array(plausible(name, s.items, valid, depth + 1), { maxLength: 4 });
    if (s.type === 'boolean') return fc.boolean();
    if (s.type === 'integer' || s.type === 'number') {
      return fc.integer({ min: Math.max(s.minimum ?? -5, -5), max: Math.min(s.maximum ?? 300, 300) });
    }
    if (/^(assignee|loggedBy)$/.test(name)) return fc.oneof(fc.constant('me'), knownId());
    if (s.format === 'date') return isoDate;
    if (s.format === 'date-time' || /At$|Before$/.test(name)) return isoInstant;
    if (s.format === 'uuid' || /(^id$|Id$|^campaign$)/.test(name)) return fc.oneof(knownId(), fc.uuid());
    if (/code|^state$/i.test(name) || s.pattern === '^[A-Za-z]{3}$') return stateCode;
    if (/email/i.test(name)) return fc.oneof(fc.constantFrom(...emails), fc.emailAddress());
    if (/password/i.test(name)) return fc.constantFrom('a-long-enough-password', 'short', 'another long password');
    if (name === 'token') return fc.constantFrom(randomBytes(32).toString('base64url'), tokens.admin!);
    if (name === 'cursor') return cursor;
    if (/date|^from$|^to$|asOf|On$/.test(name)) return isoDate;
    return freeText(s.minLength ?? 1, Math.min(s.maxLength ?? 30, 30));
  };

  const objectOf = (s: Schema, valid: boolean, depth: number): fc.Arbitrary<Record<string, unknown>> => {
    const required = new Set(s.required ?? []);
    const entries = Object.entries(s.properties ?? {}).map(([name, prop]) => {
      const value = valid
        ? plausible(name, prop, true, depth)
        : fc.oneof({ weight: 3, arbitrary: plausible(name, prop, false, depth) }, { weight: 1, arbitrary: nasty });
      const present = valid && required.has(name) ? 1 : valid ? 0.5 : 0.67;
      return fc.oneof(
        { weight: Math.round(present * 100), arbitrary: value.map((v) => [name, v] as const) },
        { weight: Math.round((1 - present) * 100), arbitrary: fc.constant(null) },
      );
    });
    const extra = valid
      ? fc.constant(null)
      : fc.oneof(
          { weight: 7, arbitrary: fc.constant(null) },
          { weight: 3, arbitrary: fc.tuple(fc.constantFrom('extra', 'isAdmin', 'role', 'id', 'loggedBy'), nasty) },
        );
    return fc.tuple(fc.tuple(...entries), extra).map(([fields, more]) => {
      const out: Record<string, unknown> = {};
      for (const f of fields) if (f) out[f[0]] = f[1];
      if (more) out[more[0]] = more[1];
      return out;
    });
  };

  const malformedBody = fc.oneof(
    fc.constantFrom(
      { text: '{"title": ', contentType: 'application/json' },
      { text: 'not json at all', contentType: 'application/json' },
      { text: '{"__proto__": {"role": "admin"}}', contentType: 'application/json' },
      { text: '{"constructor": {"prototype": {"role": "admin"}}}', contentType: 'application/json' },
      { text: 'title=x&date=2025-01-01', contentType: 'application/x-www-form-urlencoded' },
      { text: '<xml/>', contentType: 'text/xml' },
      { text: '[]', contentType: 'application/json' },
      { text: 'null', contentType: 'application/json' },
      { text: '"a string"', contentType: 'application/json' },
      { text: '12345678901234567890123', contentType: 'application/json' },
      { text: '{}', contentType: 'text/plain' },
    ),
    fc.integer({ min: 1_048_000, max: 1_100_000 }).map((n) => ({
      text: JSON.stringify({ note: 'x'.repeat(n) }),
      contentType: 'application/json',
    })),
    fc.integer({ min: 1, max: 2_000 }).map((n) => ({
      text: '['.repeat(n) + ']'.repeat(n),
      contentType: 'application/json',
    })),
  );

  const asText = (arb: fc.Arbitrary<unknown>): fc.Arbitrary<string> =>
    arb
      .map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? '')))
      // Unpaired surrogates cannot be sent in a URL; they become U+FFFD, as a browser would send them.
      .map((v) => Buffer.from(v).toString());

  /** A path or query value: mostly one the parameter accepts, else another parameter's, else garbage. */
  const paramValue = (p: Parameter, valid = false, path = ''): fc.Arbitrary<string> => {
    const kind = new RegExp(`/([^/{}]+)/\\{${p.name}\\}`).exec(path)?.[1] ?? '';
    const own = p.in === 'path' && idsOf[kind]?.length ? fc.constantFrom(...idsOf[kind]) : null;
    const good = own
      ? fc.oneof({ weight: 3, arbitrary: own }, plausible(p.name, p.schema, true))
      : plausible(p.name, p.schema, true);
    return asText(
      valid
        ? good
        : fc.oneof(
            { weight: 5, arbitrary: good },
            {
              weight: 1,
              arbitrary: fc.constantFrom<unknown>(...ids.slice(0, 3), 'africa', 'rome-statute', 'crimes', 'me', 'KEN'),
            },
            { weight: 2, arbitrary: nasty },
          ),
    );
  };

  const jsonBody = (arb: fc.Arbitrary<unknown>) =>
    arb.map((v) => ({ text: JSON.stringify(v) ?? 'null', contentType: 'application/json' }));

  const requestFor = (op: Operation): fc.Arbitrary<FuzzRequest> => {
    const pathParams = op.parameters.filter((p) => p.in === 'path');
    const queryParams = op.parameters.filter((p) => p.in === 'query');
    const path = fc
      .tuple(...pathParams.map((p) => paramValue(p, false, op.path)))
      .map((values) =>
        values.reduce((acc, v, i) => acc.replace(`{${pathParams[i].name}}`, encodeURIComponent(v)), op.path),
      );
    const absent = fc.constant(null);
    const validQuery = fc.tuple(
      fc.tuple(
        ...queryParams.map((p) =>
          fc.oneof({ weight: 7, arbitrary: absent }, { weight: 3, arbitrary: paramValue(p, true).map((v) => [v]) }),
        ),
      ),
      absent,
    );
    const mutatedQuery = fc.tuple(
      fc.tuple(...queryParams.map((p) => fc.option(fc.array(paramValue(p), { minLength: 1, maxLength: 2 })))),
      fc.oneof(
        { weight: 1, arbitrary: absent },
        {
          weight: 1,
          arbitrary: fc.tuple(
            fc.constantFrom('sort', 'admin', 'limit', 'cursor', 'x'),
            paramValue({ name: 'x', in: 'query' }),
          ),
        },
      ),
    );
    const query = fc
      .oneof({ weight: 3, arbitrary: validQuery }, { weight: 2, arbitrary: mutatedQuery })
      .map(([values, extra]) => {
        const q = new URLSearchParams();
        values.forEach((vs, i) => vs?.forEach((v) => q.append(queryParams[i].name, v)));
        if (extra) q.append(extra[0], extra[1]);
        const text = q.toString();
        return text ? `?${text}` : '';
      });
    const body: fc.Arbitrary<FuzzRequest['body']> =
      op.method === 'GET'
        ? fc.constant(undefined)
        : op.body
          ? fc.oneof(
              { weight: 5, arbitrary: jsonBody(plausible('body', op.body, true)) },
              { weight: 3, arbitrary: jsonBody(plausible('body', op.body, false)) },
              { weight: 1, arbitrary: jsonBody(nasty) },
              { weight: 1, arbitrary: malformedBody },
              { weight: 1, arbitrary: fc.constant(undefined) },
            )
          : fc.oneof(
              { weight: 3, arbitrary: fc.constant(undefined) },
              { weight: 1, arbitrary: jsonBody(nasty) },
              { weight: 1, arbitrary: malformedBody },
            );
    const auth = fc.oneof(
      { weight: 4, arbitrary: fc.constant('admin') },
      { weight: 6, arbitrary: fc.constantFrom('viewer', 'steering-committee', 'regional-officer', 'campaign-officer') },
      { weight: 2, arbitrary: fc.constantFrom('none', 'unknown', 'deactivated', 'malformed') },
    );
    return fc.record({ op: fc.constant(op), auth, path, query, body });
  };

  const send = async (r: FuzzRequest) => {
    const headers: Record<string, string> = {};
    if (r.auth === 'malformed') headers.authorization = 'Basic YWRtaW46YWRtaW4=';
    else if (tokens[r.auth]) headers.authorization = `Bearer ${tokens[r.auth]}`;
    if (r.body) headers['content-type'] = r.body.contentType;
    const res = await fetch(api.url + r.path + r.query, { method: r.op.method, headers, body: r.body?.text });
    const text = await res.text();
    return { status: res.status, text };
  };

  it(`answers ${RUNS} random and malformed requests with no 5xx, and no rejected request changes the database`, async () => {
    const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        parameters: (op.parameters ?? []) as Parameter[],
        body: op.requestBody?.content?.['application/json']?.schema as Schema | undefined,
      })),
    );
    expect(operations.length).toBeGreaterThan(20);
    const anyRequest = fc.oneof(...operations.map(requestFor));
    const batches = fc.sample(fc.array(anyRequest, { minLength: BATCH, maxLength: BATCH }), {
      numRuns: Math.ceil(RUNS / BATCH),
      seed: SEED,
    });

    const statuses: Record<number, number> = {};
    const perOperation: Record<string, Record<number, number>> = {};
    const failures: string[] = [];
    const describe = (r: FuzzRequest) =>
      `${r.op.method} ${(r.path + r.query).slice(0, 300)} as ${r.auth} body ${(r.body?.text ?? '').slice(0, 300)}`;
    let sent = 0;
    const started = Date.now();

    // Every request that was not an accepted change (a rejection, or a read) is checked against the database as
    // it stood before it: before each write, and at the end of each batch.
    let baseline: Record<string, string> = {};
    const unverified: FuzzRequest[] = [];
    const verify = async () => {
      const now = await checksum();
      const changed = Object.keys(now).filter((t) => now[t] !== baseline[t]);
      if (changed.length && unverified.length) {
        failures.push(
          `${changed.join(', ')} changed by a rejected request or a read among:\n  ${unverified.map(describe).join('\n  ')}`,
        );
      }
      unverified.length = 0;
      baseline = now;
    };
    const record = (r: FuzzRequest, res: { status: number; text: string }) => {
      sent++;
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      const key = `${r.op.method} ${r.op.path}`;
      perOperation[key] ??= {};
      perOperation[key][res.status] = (perOperation[key][res.status] ?? 0) + 1;
      if (res.status >= 500) failures.push(`${res.status} for ${describe(r)}: ${res.text.slice(0, 300)}`);
    };
    for (const batch of batches) {
      await restoreFixtures();
      baseline = await checksum();
      for (let i = 0; i < batch.length;) {
        if (batch[i].op.method === 'GET') {
          // Reads go a few at a time; they are checked with whatever comes before the next write.
          const reads: FuzzRequest[] = [];
          while (i < batch.length && batch[i].op.method === 'GET' && reads.length < 4) reads.push(batch[i++]);
          (await Promise.all(reads.map(send))).forEach((res, k) => record(reads[k], res));
          unverified.push(...reads);
          continue;
        }
        const r = batch[i++];
        if (unverified.length) await verify();
        const res = await send(r);
        record(r, res);
        if (res.status < 400) baseline = await checksum();
        else unverified.push(r);
      }
      await verify();
    }

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `fuzz: ${sent} requests to ${operations.length} operations in ${seconds} s (seed ${SEED}); statuses ${JSON.stringify(statuses)}\n` +
        Object.entries(perOperation)
          .map(([op, s]) => `  ${op.padEnd(48)} ${JSON.stringify(s)}`)
          .join('\n'),
    );
    expect(sent).toBeGreaterThanOrEqual(RUNS);
    expect(failures).toEqual([]);
    // The fuzzing reached past validation, not only into it.
    expect(Object.keys(statuses).filter((s) => Number(s) < 300).length).toBeGreaterThan(0);
    expect(statuses[400]).toBeGreaterThan(0);
    expect(statuses[401]).toBeGreaterThan(0);
    expect(statuses[403]).toBeGreaterThan(0);
    expect(statuses[404]).toBeGreaterThan(0);
  });
});
