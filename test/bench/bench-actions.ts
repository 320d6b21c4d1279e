/**
 * The advocacy action list with 1,000,000 actions: throughput and latency of GET /api/actions, unfiltered,
 * filtered and on a second page, against the built api. Run with `npm run bench:actions`; BENCH_SECONDS and
 * BENCH_CONNECTIONS override the load, BENCH_ACTIONS the number of rows.
 */
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { Client } from 'pg';
import { ActionListQuery, actionPageStatement } from '../../libs/advocacy/src/actions.repository';
import {
  API_MAIN,
  ApiProcess,
  benchDatabaseUrl,
  benchQueuePrefix,
  benchRoute,
  cleanupOnce,
  deleteQueueKeys,
  dropBenchDatabase,
  envInt,
  errorText,
  fetchOnce,
  insertActions,
  login,
  num,
  reportMachineLoad,
  RouteFigures,
  runBench,
  verdict,
  say,
  sendJson,
  startReadyApi,
  table,
  vsBare,
  loadFootnote,
} from './bench-support';

const DATABASE = 'tracker_bench_actions';
const ADMIN = { email: 'bench-admin@tracker.test', password: 'bench-admin-password' };
const WARMUP_SECONDS = 2;
// The p99 is for a quiet machine; the ratio to the bare route of the same run holds on a busy one too.
const TARGET = { p99Ms: 30, ratio: 0.15 };
const USERS: { role: string; regions: string[] }[] = [
  { role: 'campaign-officer', regions: ['africa'] },
  { role: 'campaign-officer', regions: ['europe', 'americas'] },
  { role: 'regional-officer', regions: ['asia-pacific'] },
  { role: 'regional-officer', regions: ['mena'] },
];
const CAMPAIGNS = 3;

interface ActionItem {
  id: string;
  stateCode: string;
  region: string;
  type: string;
  date: string;
}

interface Route {
  path: string;
  /** How the route shows in the table; the path when omitted. */
  label?: string;
  /** Whether the p99 target applies. */
  filtered: boolean;
  /** The same filter as the service gives the SQL, to show the plan. */
  query: ActionListQuery;
  /** Throws unless every item matches the filter. */
  check(item: ActionItem): void;
}

const expect = (ok: boolean, what: string) => {
  if (!ok) throw new Error(what);
};

const ROUTES: Route[] = [
  { path: '/api/actions', filtered: false, query: { limit: 50 }, check: () => undefined },
  {
    path: '/api/actions?region=africa&type=meeting',
    filtered: true,
    query: { region: 'africa', type: 'meeting', limit: 50 },
    check: (a) => expect(a.region === 'africa' && a.type === 'meeting', `${a.id} is ${a.region} / ${a.type}`),
  },
  {
    path: '/api/actions?state=KEN&from=2015-01-01&to=2020-12-31',
    filtered: true,
    query: { stateCode: 'KEN', from: '2015-01-01', to: '2020-12-31', limit: 50 },
    check: (a) =>
      expect(
        a.stateCode === 'KEN' && a.date >= '2015-01-01' && a.date <= '2020-12-31',
        `${a.id} is ${a.stateCode} on ${a.date}`,
      ),
  },
];

/** How PostgreSQL runs the route's statement once: execution time and the indexes it walks. */
async function explain(db: Client, query: ActionListQuery): Promise<string> {
  const { sql, params } = actionPageStatement(query);
  const [{ 'QUERY PLAN': plan }] = (
    await db.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params)
  ).rows as { 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }] }[];
  const indexes = new Set<string>();
  const walk = (node: PlanNode) => {
    // A bitmap index scan names its index but not its table.
    if (node['Index Name']?.startsWith('advocacy_action')) indexes.add(node['Index Name']);
    if (node['Node Type'] === 'Seq Scan' && node['Relation Name'] === 'advocacy_action') indexes.add('SEQ SCAN');
    node.Plans?.forEach(walk);
  };
  walk(plan[0].Plan);
  return `${plan[0]['Execution Time'].toFixed(2)} ms in PostgreSQL via ${[...indexes].join(', ') || '?'}`;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

async function main(): Promise<number> {
  const seconds = envInt('BENCH_SECONDS', 20);
  const connections = envInt('BENCH_CONNECTIONS', 10);
  const rows = envInt('BENCH_ACTIONS', 1_000_000);
  // Checked before anything is dropped, so a missing build costs nothing.
  if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: run \`npm run build\` first`);

  say(
    `bench:actions: ${num(rows)} actions; ${connections} connections, ${seconds} s per route after a ` +
      `${WARMUP_SECONDS} s warm-up`,
  );
  say(`node ${process.version}, ${cpus().length} cores shared by PostgreSQL, the api and the load generator`);
  await reportMachineLoad();

  const prefix = benchQueuePrefix();
  await dropBenchDatabase(DATABASE);
  let api: ApiProcess | undefined;
  let db: Client | undefined;
  const cleanup = cleanupOnce(async () => {
    await db?.end().catch(() => undefined);
    await api?.stop(10_000);
    await deleteQueueKeys(prefix);
    await dropBenchDatabase(DATABASE);
  }, 'stopping the api, deleting the queue keys and dropping the bench database');

  try {
    api = await startReadyApi({
      DATABASE_URL: benchDatabaseUrl(DATABASE),
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'warn',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      // One account sends the whole load: its request budget is counted, as for any user, but set out of reach.
      USER_REQUESTS_PER_MINUTE: '1000000',
    });
    const token = await login(api.url, ADMIN.email, ADMIN.password);

    for (const [i, user] of USERS.entries()) {
      const res = await sendJson(api.url, 'POST', '/api/users', token, {
        email: `bench-user-${i}@tracker.test`,
        name: `Bench user ${i}`,
        password: 'bench-user-password',
        ...user,
      });
      if (res.status !== 201 || typeof res.body?.id !== 'string')
        throw new Error(`POST /api/users answered ${res.status}: ${res.text.slice(0, 300)}`);
    }
    const campaignIds: string[] = [];
    for (let i = 0; i < CAMPAIGNS; i++) {
      const res = await sendJson(api.url, 'POST', '/api/campaigns', token, { name: `Bench campaign ${i}` });
      if (res.status !== 201 || typeof res.body?.id !== 'string')
        throw new Error(`POST /api/campaigns answered ${res.status}: ${res.text.slice(0, 300)}`);
      campaignIds.push(res.body.id as string);
    }

    db = new Client({ connectionString: benchDatabaseUrl(DATABASE) });
    await db.connect();
    // Every user, the admin included, logs some of the actions.
    const allUsers = (await db.query<{ id: string }>('SELECT id FROM app_user ORDER BY email')).rows.map((r) => r.id);
    say(`inserting ${num(rows)} actions (${allUsers.length} users, ${campaignIds.length} campaigns) ...`);
    await insertActions(db, rows, allUsers, campaignIds);

    // The second page of the region/type list, from the cursor its first page gives.
    const first = await fetchOnce(api.url, ROUTES[1].path, token);
    const cursor = first.status === 200 ? (JSON.parse(first.body) as { nextCursor?: unknown }).nextCursor : undefined;
    if (typeof cursor !== 'string')
      throw new Error(`GET ${ROUTES[1].path} gave no nextCursor: ${first.body.slice(0, 300)}`);
    const lastOfFirst = (JSON.parse(first.body) as { items: ActionItem[] }).items.at(-1)!;
    const [afterDate, afterId] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    ROUTES.push({
      path: `${ROUTES[1].path}&cursor=${encodeURIComponent(cursor)}`,
      label: `${ROUTES[1].path}&cursor=… (page 2)`,
      filtered: true,
      query: { ...ROUTES[1].query, after: { date: afterDate, id: afterId } },
      check: (a) => {
        ROUTES[1].check(a);
        expect(
          a.date < lastOfFirst.date || (a.date === lastOfFirst.date && a.id < lastOfFirst.id),
          `${a.id} is not after page 1`,
        );
      },
    });

    // A route that answers an error or an empty list fast would make fine-looking figures: check each once first.
    for (const route of ROUTES) {
      const { status, body } = await fetchOnce(api.url, route.path, token);
      if (status !== 200) throw new Error(`GET ${route.path} answered ${status}: ${body.slice(0, 300)}`);
      const page = JSON.parse(body) as { items?: ActionItem[]; nextCursor?: string | null };
      if (!Array.isArray(page.items) || page.items.length === 0)
        throw new Error(`GET ${route.path} answered 200 without items: ${body.slice(0, 300)}`);
      page.items.forEach((item) => route.check(item));
      say(
        `  GET ${route.label ?? route.path}: 200, ${page.items.length} items, ` +
          `${(Buffer.byteLength(body) / 1024).toFixed(1)} KB; ${await explain(db, route.query)}`,
      );
    }

    // The bare route (no auth, no SQL, a constant body) first: what the machine gives any request, as a baseline.
    say('loading GET /health (baseline) ...');
    const bare = await benchRoute(api, '/health', undefined, { connections, seconds, warmupSeconds: WARMUP_SECONDS });
    const results: (RouteFigures & { filtered: boolean })[] = [];
    for (const route of ROUTES) {
      say(`loading GET ${route.label ?? route.path} ...`);
      const linesBefore = api.outputLines();
      const figures = await benchRoute(api, route.path, token, { connections, seconds, warmupSeconds: WARMUP_SECONDS });
      results.push({ ...figures, path: route.label ?? route.path, filtered: route.filtered });
      const logged = api.outputLines() - linesBefore;
      if (logged > 0)
        say(`  note: the api wrote ${logged} log lines during this run; last: ${api.outputTail().split('\n').pop()}`);
      if (api.exited() !== null) throw new Error(`api exited (${api.exited()}) during the run:\n${api.outputTail()}`);
    }

    say();
    say(
      table([
        ['route', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'peak RSS MB', 'api CPU %', 'vs bare'],
        ...[{ ...bare, path: '/health (bare route)' }, ...results].map((r) => [
          `GET ${r.path}`,
          num(r.requestsPerSecond),
          num(r.latencyP50),
          num(r.latencyP99),
          num(r.non2xx),
          num(r.errors),
          num(r.peakRssMb, 1),
          num(r.apiCpuPercent),
          vsBare(r.requestsPerSecond, bare),
        ]),
      ]),
    );
    say(loadFootnote());
    say();

    const broken = [{ ...bare, path: '/health' }, ...results].filter(
      (r) => r.non2xx + r.errors + r.warmup.non2xx + r.warmup.errors > 0,
    );
    for (const r of broken) {
      const counts = new Map<string, number>();
      for (const [code, n] of [...Object.entries(r.warmup.statusCodes), ...Object.entries(r.statusCodes)])
        counts.set(code, (counts.get(code) ?? 0) + n);
      const codes = [...counts].map(([code, n]) => `${code}: ${n}`).join(', ');
      process.stderr.write(
        `GET ${r.path}: ${r.non2xx} non-2xx and ${r.errors} errors (${r.timeouts} timeouts); ` +
          `warm-up ${r.warmup.non2xx} non-2xx, ${r.warmup.errors} errors; status codes ${codes}\n`,
      );
    }
    for (const r of results.filter((x) => x.filtered)) {
      verdict(`GET ${r.path} p99 ${num(r.latencyP99)} ms (target < ${TARGET.p99Ms})`, r.latencyP99 < TARGET.p99Ms);
      const ratio = r.requestsPerSecond / bare.requestsPerSecond;
      verdict(`GET ${r.path} ${ratio.toFixed(2)}x the bare route (target >= ${TARGET.ratio}x)`, ratio >= TARGET.ratio);
    }
    if (broken.length > 0) {
      process.stderr.write(
        `\nBENCHMARK INVALID: ${broken.length} route(s) had non-2xx answers or errors (see above); ` +
          'the figures above do not measure the routes working.\n',
      );
      return 1;
    }
    return 0;
  } finally {
    // A failed clean-up is reported but must not hide the error that brought us here.
    await cleanup().catch((err: unknown) => {
      process.stderr.write(`clean-up failed: ${errorText(err)}\n`);
      process.exitCode = 1;
    });
  }
}

runBench('bench:actions', main);
