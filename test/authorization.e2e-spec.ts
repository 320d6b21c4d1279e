import { randomUUID } from 'node:crypto';
import { signUp, startApi, TestApi, TestResponse } from './support/api';

/**
 * Every role against every endpoint that changes something, on a state in the user's region and on one outside
 * it (and, where it matters, on their own action and on someone else's): what API.md allows succeeds, everything
 * else is a 403 that leaves the database exactly as it was, audit trail included.
 */

const ROLES = ['admin', 'campaign-officer', 'regional-officer', 'steering-committee', 'viewer'] as const;
type Role = (typeof ROLES)[number];
type Area = 'treaty' | 'implementation' | 'action' | 'follow-up' | 'campaign' | 'users' | 'own-calendar';

// Every user but the admin works on Europe; France is in it, Kenya is not.
const HOME_REGION = 'europe';
const STATES = { in: { code: 'FRA', region: 'europe' }, out: { code: 'KEN', region: 'africa' } } as const;
type Where = keyof typeof STATES;

/**
 * API.md, "Who may do what", restated here on its own (the test does not ask the policy it checks):
 * admin everything; campaign-officer: actions, follow-ups and campaigns for any state, treaty events and
 * implementation only for states in their regions; regional-officer: actions, follow-ups, treaty events and
 * implementation only for states in their regions; steering-committee and viewer: read only. Users are managed by
 * admins; an action is changed or deleted by its author or an admin; everyone keeps their own calendar link.
 */
function apiMdAllows(role: Role, area: Area, where?: Where, ownAction?: boolean): boolean {
  if (area === 'own-calendar') return true;
  if (role === 'admin') return true;
  if (ownAction === false) return false;
  const inRegion = where === 'in';
  switch (role) {
    case 'campaign-officer':
      return (
        ['action', 'follow-up', 'campaign'].includes(area) || (['treaty', 'implementation'].includes(area) && inRegion)
      );
    case 'regional-officer':
      return ['action', 'follow-up', 'treaty', 'implementation'].includes(area) && inRegion;
    case 'steering-committee':
    case 'viewer':
      return false;
  }
}

interface Context {
  api: TestApi;
  user: { id: string; token: string };
  adminId: string;
  state: { code: string; region: string };
  ownAction?: boolean;
}

interface Endpoint {
  name: string;
  /** What API.md rules it falls under; two when the request does two things. */
  areas: Area[];
  regional: boolean;
  /** Whether the author of the thing changed matters (actions). */
  authored?: boolean;
  success: number;
  /** Sets up what the request acts on (before the database is fingerprinted); returns its id. */
  prepare?(c: Context): Promise<string | void>;
  send(c: Context, id: string): Promise<TestResponse>;
}

const inDays = (d: number) => new Date(Date.now() + d * 86400_000).toISOString();

/** An action logged earlier (by the user under test, or by the admin), straight into the database. */
async function existingAction(c: Context): Promise<string> {
  const author = c.ownAction ? c.user.id : c.adminId;
  const { rows } = await c.api.db.query(
    `INSERT INTO advocacy_action (state_code, region, type, date, title, logged_by)
     VALUES ($1, $2, 'meeting', DATE '2025-03-14', 'Meeting with the ministry', $3) RETURNING id`,
    [c.state.code, c.state.region, author],
  );
  return rows[0].id;
}

async function existingFollowUp(c: Context): Promise<string> {
  const { rows } = await c.api.db.query(
    `INSERT INTO follow_up (state_code, region, title, remind_at, assignee_id, created_by)
     VALUES ($1, $2, 'Call the ministry', now() + interval '3 days', $3, $3) RETURNING id`,
    [c.state.code, c.state.region, c.adminId],
  );
  return rows[0].id;
}

const ENDPOINTS: Endpoint[] = [
  {
    name: 'POST /api/states/:code/events',
    areas: ['treaty'],
    regional: true,
    success: 201,
    // A state can ratify an instrument once: start each case from a state that has not.
    prepare: async (c) => {
      await c.api.db.query(`DELETE FROM treaty_event WHERE state_code = $1 AND instrument = 'amendment-art8-2019'`, [
        c.state.code,
      ]);
    },
    send: (c) =>
      c.api.request('POST', `/api/states/${c.state.code}/events`, {
        token: c.user.token,
        body: { instrument: 'amendment-art8-2019', type: 'ratification', date: '2025-05-05' },
      }),
  },
  {
    name: 'PUT /api/states/:code/implementation/:track',
    areas: ['implementation'],
    regional: true,
    success: 200,
    send: (c) =>
      c.api.request('PUT', `/api/states/${c.state.code}/implementation/cooperation`, {
        token: c.user.token,
        body: { stage: 'drafting' },
      }),
  },
  {
    name: 'POST /api/actions',
    areas: ['action'],
    regional: true,
    success: 201,
    send: (c) =>
      c.api.request('POST', '/api/actions', {
        token: c.user.token,
        body: { stateCode: c.state.code, type: 'letter-minister', date: '2025-04-01', title: 'Letter' },
      }),
  },
  {
    name: 'POST /api/actions with a follow-up',
    areas: ['action', 'follow-up'],
    regional: true,
    success: 201,
    send: (c) =>
      c.api.request('POST', '/api/actions', {
        token: c.user.token,
        body: {
          stateCode: c.state.code,
          type: 'call',
          date: '2025-04-02',
          title: 'Call',
          followUp: { remindAt: inDays(4) },
        },
      }),
  },
  {
    name: 'PATCH /api/actions/:id',
    areas: ['action'],
    regional: true,
    authored: true,
    success: 200,
    prepare: existingAction,
    send: (c, id) =>
      c.api.request('PATCH', `/api/actions/${id}`, {
        token: c.user.token,
        body: { outcome: 'The minister agreed to table the bill' },
      }),
  },
  {
    name: 'DELETE /api/actions/:id',
    areas: ['action'],
    regional: true,
    authored: true,
    success: 204,
    prepare: existingAction,
    send: (c, id) => c.api.request('DELETE', `/api/actions/${id}`, { token: c.user.token }),
  },
  {
    name: 'POST /api/follow-ups',
    areas: ['follow-up'],
    regional: true,
    success: 201,
    send: (c) =>
      c.api.request('POST', '/api/follow-ups', {
        token: c.user.token,
        body: { stateCode: c.state.code, title: 'Ask for the draft', remindAt: inDays(6) },
      }),
  },
  {
    name: 'PATCH /api/follow-ups/:id',
    areas: ['follow-up'],
    regional: true,
    success: 200,
    prepare: existingFollowUp,
    send: (c, id) =>
      c.api.request('PATCH', `/api/follow-ups/${id}`, {
        token: c.user.token,
        body: { status: 'done' },
      }),
  },
  {
    name: 'POST /api/campaigns',
    areas: ['campaign'],
    regional: false,
    success: 201,
    send: (c) =>
      c.api.request('POST', '/api/campaigns', {
        token: c.user.token,
        body: { name: `Campaign ${randomUUID()}`, stateCodes: ['FRA', 'KEN'] },
      }),
  },
  {
    name: 'POST /api/users',
    areas: ['users'],
    regional: false,
    success: 201,
    send: (c) =>
      c.api.request('POST', '/api/users', {
        token: c.user.token,
        body: { email: `new.${randomUUID()}@tracker.test`, name: 'New', role: 'admin' },
      }),
  },
  {
    name: 'PATCH /api/users/:id',
    areas: ['users'],
    regional: false,
    success: 200,
    prepare: async (c) => {
      const { rows } = await c.api.db.query(
        `INSERT INTO app_user (email, name, role) VALUES ($1, 'Someone', 'viewer') RETURNING id`,
        [`someone.${randomUUID()}@tracker.test`],
      );
      return rows[0].id as string;
    },
    send: (c, id) =>
      c.api.request('PATCH', `/api/users/${id}`, {
        token: c.user.token,
        body: { role: 'admin', regions: ['africa'] },
      }),
  },
  {
    name: 'POST /api/me/calendar-link',
    areas: ['own-calendar'],
    regional: false,
    success: 201,
    send: (c) => c.api.request('POST', '/api/me/calendar-link', { token: c.user.token }),
  },
];

interface Case {
  role: Role;
  endpoint: Endpoint;
  where?: Where;
  ownAction?: boolean;
  allowed: boolean;
}

const CASES: Case[] = ROLES.flatMap((role) =>
  ENDPOINTS.flatMap((endpoint) =>
    (endpoint.regional ? (['in', 'out'] as const) : [undefined]).flatMap((where) =>
      (endpoint.authored ? [true, false] : [undefined]).map((ownAction) => ({
        role,
        endpoint,
        where,
        ownAction,
        allowed: endpoint.areas.every((area) => apiMdAllows(role, area, where, ownAction)),
      })),
    ),
  ),
);

const describeCase = (c: Case) =>
  [
    c.role,
    c.endpoint.name,
    c.where === undefined ? '' : c.where === 'in' ? 'in their region' : 'outside their region',
    c.ownAction === undefined ? '' : c.ownAction ? '(their own action)' : "(someone else's action)",
    c.allowed ? `→ ${c.endpoint.success}` : '→ 403',
  ]
    .filter(Boolean)
    .join(' ');

/** Every table a write could touch: its row count and a digest of every row. */
const TABLES = [
  'treaty_event',
  'implementation_change',
  'advocacy_action',
  'follow_up',
  'campaign',
  'campaign_state',
  'app_user',
  'audit_entry',
  'outbox_email',
];

describe('who may change what: every role, every endpoint that writes, in and out of region', () => {
  let api: TestApi;
  let adminId: string;
  const users = {} as Record<Role, { id: string; token: string }>;

  beforeAll(async () => {
    api = await startApi();
    adminId = (await api.request('GET', '/api/me')).body.id;
    users.admin = { id: adminId, token: api.adminToken };
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      users[role] = await signUp(api, { role, regions: [HOME_REGION] });
    }
  });
  afterAll(async () => {
    await api.close();
  });

  const fingerprint = async () => {
    const parts = TABLES.map(
      (t) => `(SELECT count(*) || ' rows, ' || md5(COALESCE(string_agg(x::text, '|' ORDER BY x::text), ''))
               FROM ${t} x) AS ${t}`,
    );
    return (await api.db.query(`SELECT ${parts.join(', ')}`)).rows[0] as Record<string, string>;
  };

  it('covers every role, every writing endpoint, and both outcomes', () => {
    expect(new Set(CASES.map((c) => c.role)).size).toBe(ROLES.length);
    expect(CASES.length).toBe(ROLES.length * 24);
    expect(CASES.filter((c) => c.allowed).length).toBeGreaterThan(40);
    expect(CASES.filter((c) => !c.allowed).length).toBeGreaterThan(40);
  });

  it('documents in OpenAPI the 403 of every endpoint that refuses some role', async () => {
    const doc = (await api.request('GET', '/docs-json', { token: null })).body;
    const refusing = [
      ...new Set(CASES.filter((c) => !c.allowed).map((c) => c.endpoint.name.split(' ').slice(0, 2).join(' '))),
    ];
    const undocumented = refusing.filter((route) => {
      const [method, path] = route.split(' ');
      const op = doc.paths[path.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
      return !op?.responses?.['403'];
    });
    expect(refusing.length).toBeGreaterThanOrEqual(10);
    expect(undocumented).toEqual([]);
  });

  it.each(CASES.map((c) => [describeCase(c), c] as const))('%s', async (_name, c) => {
    const context: Context = {
      api,
      user: users[c.role],
      adminId,
      state: STATES[c.where ?? 'in'],
      ownAction: c.ownAction,
    };
    const id = (await c.endpoint.prepare?.(context)) ?? '';
    const before = await fingerprint();
    const res = await c.endpoint.send(context, id);

    if (!c.allowed) {
      expect({ status: res.status, body: res.body }).toMatchObject({ status: 403, body: { statusCode: 403 } });
      // Every row of every table is as it was, the row the request named and the audit trail included.
      expect(await fingerprint()).toEqual(before);
      return;
    }

    expect({ status: res.status, body: res.body }).toMatchObject({ status: c.endpoint.success });
    if (c.endpoint.areas.includes('own-calendar')) return;
    // What was allowed is on the audit trail, as done by this user in this request.
    const entries = await api.db.query('SELECT actor_id FROM audit_entry WHERE request_id = $1', [
      res.headers.get('x-request-id'),
    ]);
    expect(entries.rows.length).toBe(c.endpoint.areas.length);
    expect(entries.rows.every((r: { actor_id: string }) => r.actor_id === context.user.id)).toBe(true);
  });
});
