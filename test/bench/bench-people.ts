/**
 * People and organisations under load: 20,000 contacts, 5,000 organisations and 1,000,000 actions, each action
 * linked to a contact and every other one to an organisation. Measures a contact's page (as a signed-in browser
 * asks for it), GET /api/actions?contact= and search as you type (the action form's /contacts/suggest and the
 * API's GET /api/contacts?q=), each beside the bare route of the same run. Run with `npm run bench:people`;
 * BENCH_SECONDS and BENCH_CONNECTIONS override the load, BENCH_ACTIONS, BENCH_CONTACTS and BENCH_ORGANISATIONS
 * the number of rows.
 */
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { actionPageStatement } from '../../libs/advocacy/src/actions.repository';
import {
  API_MAIN,
  benchRoute,
  BenchSession,
  envInt,
  explainStatement,
  insertActions,
  num,
  reportMachineLoad,
  RouteFigures,
  runBench,
  say,
  sendJson,
  signInToPages,
  table,
  verdict,
  loadFootnote,
} from './bench-support';

const DATABASE = 'tracker_bench_people';
const ADMIN = { email: 'bench-admin@tracker.test', password: 'bench-admin-password' };
const WARMUP_SECONDS = 3;
/** What a person types into the contact field: three letters, found in many names. */
const TYPED = 'mar';

const FIRST = [
  'Maria',
  'Amina',
  'Omar',
  'Marek',
  'Samir',
  'Grace',
  'Kofi',
  'Elena',
  'Tariq',
  'Lucia',
  'Ngozi',
  'Jamal',
];
const LAST = ['Martins', 'Okafor', 'Haddad', 'Novak', 'Mendes', 'Tanaka', 'Kamara', 'Ramos', 'Osei', 'Marquez'];

/** Organisations in every state in turn, of every kind in turn. */
const INSERT_ORGANISATIONS_SQL = `
  INSERT INTO organisation (name, kind, state_code, region, created_by)
  SELECT 'Bench organisation ' || g, ($2::text[])[1 + g % cardinality($2::text[])], s.code, s.region, $3
  FROM generate_series(1, $1::int) AS g
  JOIN (SELECT code, region, (row_number() OVER (ORDER BY code) - 1)::int AS i FROM state) s
    ON s.i = g % (SELECT count(*)::int FROM state)`;

/** Contacts in every state in turn, named from the lists above with a number, one in two in an organisation. */
const INSERT_CONTACTS_SQL = `
  INSERT INTO contact (name, position, state_code, region, organisation_id, email, lawful_basis, created_by)
  SELECT ($2::text[])[1 + g % cardinality($2::text[])] || ' ' || ($3::text[])[1 + (g / 7) % cardinality($3::text[])]
           || ' ' || g,
         'Adviser', s.code, s.region,
         CASE WHEN g % 2 = 0 THEN o.ids[1 + g % cardinality(o.ids)] END,
         'person' || g || '@example.org', 'legitimate-interest', $4
  FROM generate_series(1, $1::int) AS g
  CROSS JOIN (SELECT array_agg(id) AS ids FROM organisation) o
  JOIN (SELECT code, region, (row_number() OVER (ORDER BY code) - 1)::int AS i FROM state) s
    ON s.i = g % (SELECT count(*)::int FROM state)`;

/** Every action linked to a random contact, every other one to a random organisation. */
const LINK_SQL = `
  WITH c AS (SELECT array_agg(id) AS ids FROM contact)
  INSERT INTO action_contact (action_id, contact_id)
  SELECT a.id, c.ids[1 + floor(random() * cardinality(c.ids))::int] FROM advocacy_action a, c`;
const LINK_ORGANISATIONS_SQL = `
  WITH o AS (SELECT array_agg(id) AS ids FROM organisation)
  INSERT INTO action_organisation (action_id, organisation_id)
  SELECT a.id, o.ids[1 + floor(random() * cardinality(o.ids))::int] FROM advocacy_action a, o
  WHERE hashtext(a.id::text) % 2 = 0`;

interface Route {
  path: string;
  label: string;
  auth: 'cookie' | 'bearer';
  targetMs: number;
  /** What the answer must hold, so that the figures measure the real route. */
  expect: (body: string) => string | null;
}

async function main(): Promise<number> {
  const seconds = envInt('BENCH_SECONDS', 20);
  const connections = envInt('BENCH_CONNECTIONS', 10);
  const actions = envInt('BENCH_ACTIONS', 1_000_000);
  const contacts = envInt('BENCH_CONTACTS', 20_000);
  const organisations = envInt('BENCH_ORGANISATIONS', 5_000);
  if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: run \`npm run build\` first`);

  say(
    `bench:people: ${num(contacts)} contacts, ${num(organisations)} organisations, ${num(actions)} actions with ` +
      `links; ${connections} connections, ${seconds} s per route after a ${WARMUP_SECONDS} s warm-up`,
  );
  say(`node ${process.version}, ${cpus().length} cores shared by PostgreSQL, the api and the load generator`);
  await reportMachineLoad();

  const session = new BenchSession(DATABASE, ADMIN);
  await session.begin();
  try {
    const { api, token } = await session.startApi();
    const campaign = await sendJson(api.url, 'POST', '/api/campaigns', token, { name: 'Bench campaign' });
    if (campaign.status !== 201) throw new Error(`POST /api/campaigns answered ${campaign.status}`);
    const db = await session.connect();
    const users = (await db.query<{ id: string }>('SELECT id FROM app_user')).rows.map((r) => r.id);
    say(`inserting ${num(actions)} actions ...`);
    await insertActions(db, actions, users, [campaign.body.id as string]);
    const started = Date.now();
    await db.query(INSERT_ORGANISATIONS_SQL, [
      organisations,
      ['member-ngo', 'national-coalition', 'regional-network', 'government', 'parliament', 'igo', 'other'],
      users[0],
    ]);
    await db.query(INSERT_CONTACTS_SQL, [contacts, FIRST, LAST, users[0]]);
    await db.query(LINK_SQL);
    await db.query(LINK_ORGANISATIONS_SQL);
    await db.query('VACUUM (ANALYZE) organisation, contact, action_contact, action_organisation, advocacy_action');
    const [links] = (
      await db.query<{ contacts: number; organisations: number }>(
        `SELECT (SELECT count(*)::int FROM action_contact) AS contacts,
                (SELECT count(*)::int FROM action_organisation) AS organisations`,
      )
    ).rows;
    say(
      `inserted ${num(organisations)} organisations, ${num(contacts)} contacts, ${num(links.contacts)} contact ` +
        `links and ${num(links.organisations)} organisation links, vacuumed, in ` +
        `${((Date.now() - started) / 1000).toFixed(1)} s`,
    );

    // The busiest contact: the most actions to sort and show.
    const [busiest] = (
      await db.query<{ id: string; n: number }>(
        `SELECT contact_id AS id, count(*)::int AS n FROM action_contact GROUP BY contact_id ORDER BY n DESC LIMIT 1`,
      )
    ).rows;
    say(`the busiest contact (${busiest.id}) was part of ${busiest.n} actions`);

    const list = actionPageStatement({ contactId: busiest.id, limit: 50 });
    const search = `SELECT id FROM contact WHERE erased_at IS NULL AND lower(name) LIKE $1 ORDER BY lower(name), id LIMIT 11`;
    const rows: string[][] = [['statement', 'ms in PostgreSQL', 'indexes', 'sequential scans']];
    let indexed = true;
    for (const [label, sql, params] of [
      ['actions of a contact, newest 50', list.sql, list.params],
      [`contacts matching "${TYPED}"`, search, [`%${TYPED}%`]],
    ] as [string, string, unknown[]][]) {
      const plan = await explainStatement(db, sql, params, ['advocacy_action', 'action_contact', 'contact']);
      if (plan.seqScans.length > 0) indexed = false;
      rows.push([label, plan.ms.toFixed(2), plan.indexes.join(', ') || '-', plan.seqScans.join(', ') || 'none']);
    }
    say(table(rows));

    const routes: Route[] = [
      {
        path: `/contacts/${busiest.id}`,
        label: 'contact page /contacts/:id',
        auth: 'cookie',
        targetMs: 30,
        expect: (html) =>
          (html.match(/<li>\s*<div class="action-head">/g) ?? []).length !== 20 ? 'not 20 actions listed' : null,
      },
      {
        path: `/api/actions?contact=${busiest.id}`,
        label: '/api/actions?contact=',
        auth: 'bearer',
        targetMs: 30,
        expect: (body) => ((JSON.parse(body) as { items: unknown[] }).items.length !== 50 ? 'not 50 actions' : null),
      },
      {
        path: `/contacts/suggest?q=${TYPED}`,
        label: `search as you type /contacts/suggest?q=${TYPED}`,
        auth: 'cookie',
        targetMs: 20,
        expect: (body) => ((JSON.parse(body) as unknown[]).length !== 10 ? 'not 10 names' : null),
      },
      {
        path: `/api/contacts?q=${TYPED}&limit=10`,
        label: `/api/contacts?q=${TYPED}&limit=10`,
        auth: 'bearer',
        targetMs: 20,
        expect: (body) => ((JSON.parse(body) as { items: unknown[] }).items.length !== 10 ? 'not 10 contacts' : null),
      },
    ];

    const cookie = await signInToPages(api.url, ADMIN);
    const headersOf = (route: Route): Record<string, string> =>
      route.auth === 'cookie'
        ? { cookie, 'accept-encoding': 'gzip' }
        : { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' };
    for (const route of routes) {
      const res = await fetch(api.url + route.path, { headers: headersOf(route), redirect: 'manual' });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`GET ${route.path} answered ${res.status}: ${body.slice(0, 300)}`);
      const problem = route.expect(body);
      if (problem) throw new Error(`GET ${route.path}: ${problem}`);
      say(`  GET ${route.label}: 200, ${(Buffer.byteLength(body) / 1024).toFixed(1)} KB`);
    }

    say('loading GET /health (baseline) ...');
    const bare = await benchRoute(api, '/health', undefined, { connections, seconds, warmupSeconds: WARMUP_SECONDS });
    const results: (RouteFigures & { targetMs: number })[] = [];
    for (const route of routes) {
      say(`loading GET ${route.label} ...`);
      const figures = await benchRoute(api, route.path, undefined, {
        connections,
        seconds,
        warmupSeconds: WARMUP_SECONDS,
        headers: headersOf(route),
      });
      results.push({ ...figures, path: route.label, targetMs: route.targetMs });
      if (api.exited() !== null) throw new Error(`api exited (${api.exited()}) during the run:\n${api.outputTail()}`);
    }

    say();
    say(
      table([
        ['route', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'non-2xx', 'errors', 'api CPU %', 'vs bare'],
        ...[{ ...bare, path: '/health (bare route)' }, ...results].map((r) => [
          `GET ${r.path}`,
          num(r.requestsPerSecond),
          num(r.latencyP50),
          num(r.latencyP99),
          num(r.latencyMax),
          num(r.non2xx),
          num(r.errors),
          num(r.apiCpuPercent),
          `${(r.requestsPerSecond / bare.requestsPerSecond).toFixed(2)}x`,
        ]),
      ]),
    );
    say(loadFootnote());
    say();

    const broken = results.filter((r) => r.non2xx + r.errors + r.warmup.non2xx + r.warmup.errors > 0);
    for (const r of broken) {
      process.stderr.write(
        `GET ${r.path}: ${r.non2xx} non-2xx and ${r.errors} errors; ${JSON.stringify(r.statusCodes)}\n`,
      );
    }
    if (!indexed) process.stderr.write('A statement above scans a whole table instead of an index.\n');
    for (const r of results) {
      verdict(`GET ${r.path} p99 ${num(r.latencyP99)} ms (target < ${r.targetMs})`, r.latencyP99 < r.targetMs);
    }
    if (broken.length > 0) {
      process.stderr.write('\nBENCHMARK INVALID: non-2xx answers or errors (see above).\n');
      return 1;
    }
    return indexed ? 0 : 1;
  } finally {
    await session.end();
  }
}

runBench('bench:people', main);
