/**
 * The web pages under load with 1,000,000 actions and 20,000 follow-ups (a quarter of them still open, the rest
 * done, as a history accumulates): a country page, a region page, the list of actions filtered (a region's letters)
 * and the search box (a rare number, and a word every action's title holds), as a signed-in browser asks for them
 * (session cookie, gzip), against the built api; each page in English, then in Arabic (right to left, Arabic names and
 * digits) for a reader whose language is Arabic, which must come within 10% of English (the mean of an English run before it and one after). Run with `npm run bench:pages`; BENCH_SECONDS and
 * BENCH_CONNECTIONS override the load, BENCH_ACTIONS and BENCH_FOLLOW_UPS the number of rows.
 */
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { Client } from 'pg';
import { actionPageStatement, actionSearchStatement } from '../../libs/advocacy/src/actions.repository';
import { ACTIONS_PER_STATE_SQL, recentActionCountsStatement } from '../../libs/advocacy/src/action-stats.repository';
import {
  FOLLOW_UPS_PER_STATE_SQL,
  followUpCountsStatement,
} from '../../libs/follow-ups/src/follow-up-stats.repository';
import { followUpListStatement } from '../../libs/follow-ups/src/follow-ups.repository';
import { stateCatalogue } from '../../libs/states/src/state-catalogue';
import {
  API_MAIN,
  benchBareRoute,
  benchRoute,
  BenchSession,
  envInt,
  explainStatement,
  insertActions,
  num,
  reportMachineLoad,
  RouteFigures,
  runBench,
  verdict,
  say,
  sendJson,
  signInToPages,
  table,
  vsBare,
  loadFootnote,
} from './bench-support';

const DATABASE = 'tracker_bench_pages';
const ADMIN = { email: 'bench-admin@tracker.test', password: 'bench-admin-password' };
/** The same pages for an administrator who reads Arabic. */
const ARABIC_ADMIN = { email: 'bench-admin-ar@tracker.test', password: 'bench-admin-password' };
/** Arabic pages may be at most this much slower than the English ones (req/s). */
const ARABIC_WITHIN = 0.1;
const WARMUP_SECONDS = 3;
// The p99 is for a quiet machine; the ratio to the bare route of the same run holds on a busy one too.
const TARGET = { p99Ms: 50, ratio: 0.1 };
/** Lists of actions are held to more than the other pages, as the JSON list is (bench:actions). */
const LIST_RATIO = 0.15;
const STATE = 'KEN';
const REGION = 'africa';
/** The list of actions' filter: a region's letters to heads of state (the ten types in turn: a tenth of them). */
const LETTERS = 'letter-head-of-state';
/** What the search pages search for; the pages show ten actions of each (SHOWN in search-page.controller.ts). */
const RARE_SEARCH = '4242';
const COMMON_SEARCH = 'action';
const SEARCH_SHOWN = 10;
const searchedActions = (html: string) => (html.match(/<li><a href="\/actions\//g) ?? []).length;

interface Route {
  path: string;
  label: string;
  /** Its least ratio to the bare route, when it is not TARGET.ratio. */
  ratio?: number;
  /** Text the page must hold, so that the figures measure the real page. */
  expect: (html: string) => string | null;
}

const KENYA: Record<Language, string> = { en: 'Kenya', ar: stateCatalogue().find((s) => s.code === STATE)!.nameAr };
type Language = 'en' | 'ar';

const ROUTES: Route[] = [
  {
    path: `/states/${STATE}`,
    label: `country page /states/${STATE}`,
    expect: (html) =>
      !html.includes('<h1>Kenya') && !html.includes(`<h1>${KENYA.ar}`)
        ? 'no heading for Kenya'
        : (html.match(/<li>\s*<div class="action-head">/g) ?? []).length !== 20
          ? 'not 20 actions listed'
          : null,
  },
  {
    path: `/regions/${REGION}`,
    label: `region page /regions/${REGION}`,
    expect: (html) =>
      (html.match(/<th scope="row" data-value=/g) ?? []).length !== 49 ? 'not 49 states in the table' : null,
  },
  {
    path: `/actions?region=${REGION}&type=${LETTERS}`,
    label: `actions list /actions?region=${REGION}&type=…`,
    ratio: LIST_RATIO,
    expect: (html) =>
      (html.match(/<th scope="row"><a href="\/actions\//g) ?? []).length !== 20
        ? 'not 20 actions listed'
        : !html.includes('rel="next"')
          ? 'no link to the next page'
          : null,
  },
  {
    // "Bench action 4242", "… 42420" to "… 424299" and more: a rare text, found through the trigram index.
    path: `/search?q=${RARE_SEARCH}`,
    label: `search /search?q=${RARE_SEARCH} (rare)`,
    expect: (html) => (searchedActions(html) !== SEARCH_SHOWN ? `not ${SEARCH_SHOWN} actions found` : null),
  },
  {
    // In every title: the newest ten, from the (date, id) index.
    path: `/search?q=${COMMON_SEARCH}`,
    label: `search /search?q=${COMMON_SEARCH} (in every title)`,
    expect: (html) => (searchedActions(html) !== SEARCH_SHOWN ? `not ${SEARCH_SHOWN} actions found` : null),
  },
];

/**
 * Follow-ups on every state in turn, due from 60 days ago to 60 days ahead, for a random user; one in four still
 * open, the others done.
 */
const INSERT_FOLLOW_UPS_SQL = `
  INSERT INTO follow_up (state_code, region, title, remind_at, assignee_id, created_by, status, closed_at)
  SELECT s.code, s.region, 'Bench follow-up ' || g, now() + (random() * 120 - 60) * interval '1 day', u, u,
         CASE WHEN g % 4 = 0 THEN 'open' ELSE 'done' END, CASE WHEN g % 4 = 0 THEN NULL ELSE now() END
  FROM generate_series(1, $1::int) AS g
  JOIN (SELECT code, region, (row_number() OVER (ORDER BY code) - 1)::int AS i FROM state) s
    ON s.i = g % (SELECT count(*)::int FROM state)
  CROSS JOIN LATERAL (SELECT ($2::uuid[])[1 + floor(random() * cardinality($2::uuid[]))::int] AS u) pick`;

/** The statements behind the pages that grow with the data, each run once under EXPLAIN ANALYZE. */
async function explainPages(db: Client): Promise<boolean> {
  const today = new Date().toISOString().slice(0, 10);
  const now = new Date();
  const africa = (await db.query<{ code: string }>(`SELECT code FROM state WHERE region = $1`, [REGION])).rows.map(
    (r) => r.code,
  );
  const list = actionPageStatement({ stateCode: STATE, limit: 20 });
  const recent = recentActionCountsStatement({ today, stateCode: STATE });
  const counts = followUpCountsStatement({ now, dueSoonDays: 7, stateCode: STATE });
  const open = followUpListStatement({ stateCode: STATE, status: 'open', limit: 50 });
  const letters = actionPageStatement({ region: REGION, type: LETTERS, limit: 20 });
  const rare = actionSearchStatement(RARE_SEARCH, SEARCH_SHOWN);
  const common = actionSearchStatement(COMMON_SEARCH, SEARCH_SHOWN);
  const statements: [string, string, unknown[]][] = [
    ['country: actions, newest 20', list.sql, list.params],
    ['country: actions in 30/90 days', recent.sql, recent.params],
    ['country: follow-up counts', counts.sql, counts.params],
    ['country: open follow-ups', open.sql, open.params],
    ['region: actions per state', ACTIONS_PER_STATE_SQL, [africa, today]],
    ['region: follow-ups per state', FOLLOW_UPS_PER_STATE_SQL, [REGION, now, 7]],
    ['actions list: a region’s letters, newest 20', letters.sql, letters.params],
    [`search: actions titled …${RARE_SEARCH}…`, rare.sql, rare.params],
    [`search: actions titled …${COMMON_SEARCH}…`, common.sql, common.params],
  ];
  const rows: string[][] = [['statement', 'ms in PostgreSQL', 'indexes', 'sequential scans']];
  let ok = true;
  for (const [label, sql, params] of statements) {
    const plan = await explainStatement(db, sql, params, ['advocacy_action', 'follow_up']);
    if (plan.seqScans.length > 0) ok = false;
    rows.push([label, plan.ms.toFixed(2), plan.indexes.join(', ') || '-', plan.seqScans.join(', ') || 'none']);
  }
  say(table(rows));
  return ok;
}

async function main(): Promise<number> {
  const seconds = envInt('BENCH_SECONDS', 20);
  const connections = envInt('BENCH_CONNECTIONS', 10);
  const actions = envInt('BENCH_ACTIONS', 1_000_000);
  const followUps = envInt('BENCH_FOLLOW_UPS', 20_000);
  if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: run \`npm run build\` first`);

  say(
    `bench:pages: ${num(actions)} actions, ${num(followUps)} follow-ups; ${connections} connections, ` +
      `${seconds} s per page after a ${WARMUP_SECONDS} s warm-up; signed in by session cookie, gzip accepted`,
  );
  say(`node ${process.version}, ${cpus().length} cores shared by PostgreSQL, the api and the load generator`);
  await reportMachineLoad();

  const session = new BenchSession(DATABASE, ADMIN);
  await session.begin();

  try {
    const { api, token } = await session.startApi();
    for (const [i, user] of [
      { role: 'campaign-officer', regions: ['africa'] },
      { role: 'regional-officer', regions: ['europe'] },
    ].entries()) {
      const res = await sendJson(api.url, 'POST', '/api/users', token, {
        email: `bench-user-${i}@tracker.test`,
        name: `Bench user ${i}`,
        password: 'bench-user-password',
        ...user,
      });
      if (res.status !== 201) throw new Error(`POST /api/users answered ${res.status}: ${res.text.slice(0, 300)}`);
    }
    const arabic = await sendJson(api.url, 'POST', '/api/users', token, {
      ...ARABIC_ADMIN,
      name: 'مدير الاختبار',
      role: 'admin',
      locale: 'ar',
    });
    if (arabic.status !== 201)
      throw new Error(`POST /api/users answered ${arabic.status}: ${arabic.text.slice(0, 300)}`);
    const campaign = await sendJson(api.url, 'POST', '/api/campaigns', token, { name: 'Bench campaign' });
    if (campaign.status !== 201) throw new Error(`POST /api/campaigns answered ${campaign.status}`);

    const db = await session.connect();
    const users = (await db.query<{ id: string }>('SELECT id FROM app_user ORDER BY email')).rows.map((r) => r.id);
    say(`inserting ${num(actions)} actions ...`);
    await insertActions(db, actions, users, [campaign.body.id as string]);
    const started = Date.now();
    await db.query(INSERT_FOLLOW_UPS_SQL, [followUps, users]);
    // As autovacuum would have done by now on a table this size: statistics and the visibility map.
    await db.query('VACUUM (ANALYZE) advocacy_action, follow_up');
    say(`inserted ${num(followUps)} follow-ups and vacuumed in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    say('\nthe statements that grow with the data, once each under EXPLAIN ANALYZE:');
    const indexed = await explainPages(db);

    const cookies: Record<Language, string> = {
      en: await signInToPages(api.url, ADMIN),
      ar: await signInToPages(api.url, ARABIC_ADMIN),
    };
    // English, Arabic, then English again: Arabic is compared with the mean of the English runs on either side of
    // it, so that the machine's drift from one run to the next (a fifth, on two shared cores) falls on both alike.
    const runs = ROUTES.flatMap((route) =>
      (['en', 'ar', 'en'] as const).map((language, i) => ({
        route,
        language,
        again: i === 2,
        headers: { cookie: cookies[language], 'accept-encoding': 'gzip' },
      })),
    );
    for (const { route, language, headers } of runs.filter((r) => !r.again)) {
      const res = await fetch(api.url + route.path, { headers: { cookie: headers.cookie }, redirect: 'manual' });
      const html = await res.text();
      if (res.status !== 200) throw new Error(`GET ${route.path} answered ${res.status}: ${html.slice(0, 300)}`);
      const problem =
        route.expect(html) ??
        (language === 'ar' && !html.includes('<html lang="ar" dir="rtl">') ? 'not an Arabic page' : null) ??
        (language === 'ar' && route.path.startsWith('/states/') && !html.includes(KENYA.ar)
          ? 'no Arabic name of Kenya'
          : null);
      if (problem) throw new Error(`GET ${route.path} [${language}]: ${problem}`);
      // fetch unzips the body itself; the length header tells what went over the wire.
      const zipped = await fetch(api.url + route.path, { headers });
      await zipped.arrayBuffer();
      const sent = Number(zipped.headers.get('content-length'));
      say(
        `  GET ${route.path} [${language}]: 200, ${(Buffer.byteLength(html) / 1024).toFixed(1)} KB of HTML, ` +
          `${zipped.headers.get('content-encoding') ?? 'not'} compressed to ${(sent / 1024).toFixed(1)} KB`,
      );
    }

    const bare = await benchBareRoute(api, { connections, seconds, warmupSeconds: WARMUP_SECONDS });
    const results: (RouteFigures & { language: Language; route: Route })[] = [];
    for (const { route, language, again, headers } of runs) {
      const tag = again ? `${language}, again` : language;
      say(`loading GET ${route.path} [${tag}] ...`);
      const linesBefore = api.outputLines();
      const figures = await benchRoute(api, route.path, undefined, {
        connections,
        seconds,
        warmupSeconds: WARMUP_SECONDS,
        headers,
      });
      results.push({ ...figures, path: `${route.label} [${tag}]`, language, route });
      const logged = api.outputLines() - linesBefore;
      if (logged > 0) say(`  note: the api wrote ${logged} log lines; last: ${api.outputTail().split('\n').pop()}`);
      if (api.exited() !== null) throw new Error(`api exited (${api.exited()}) during the run:\n${api.outputTail()}`);
    }

    say();
    say(
      table([
        [
          'page',
          'req/s',
          'p50 ms',
          'p99 ms',
          'max ms',
          'non-2xx',
          'errors',
          'KB sent',
          'peak RSS MB',
          'api CPU %',
          'vs bare',
        ],
        ...[{ ...bare, path: '/health (bare route)' }, ...results].map((r) => [
          `GET ${r.path}`,
          num(r.requestsPerSecond),
          num(r.latencyP50),
          num(r.latencyP99),
          num(r.latencyMax),
          num(r.non2xx),
          num(r.errors),
          num(r.bytesPerResponse / 1024, 1),
          num(r.peakRssMb, 1),
          num(r.apiCpuPercent),
          vsBare(r.requestsPerSecond, bare),
        ]),
      ]),
    );
    say(loadFootnote());
    say();

    const broken = results.filter((r) => r.non2xx + r.errors + r.warmup.non2xx + r.warmup.errors > 0);
    for (const r of broken) {
      process.stderr.write(
        `GET ${r.path}: ${r.non2xx} non-2xx and ${r.errors} errors (${r.timeouts} timeouts); status codes ` +
          `${JSON.stringify(r.statusCodes)}\n`,
      );
    }
    if (!indexed) process.stderr.write('A statement above scans a whole table instead of an index.\n');
    for (const r of results) {
      verdict(`GET ${r.path} p99 ${num(r.latencyP99)} ms (target < ${TARGET.p99Ms})`, r.latencyP99 < TARGET.p99Ms);
      const ratio = r.requestsPerSecond / bare.requestsPerSecond;
      const target = r.route.ratio ?? TARGET.ratio;
      verdict(`GET ${r.path} ${ratio.toFixed(2)}x the bare route (target >= ${target}x)`, ratio >= target);
    }
    for (const ar of results.filter((r) => r.language === 'ar')) {
      const en = results.filter((r) => r.language === 'en' && r.route === ar.route);
      const ratio = ar.requestsPerSecond / (en.reduce((sum, r) => sum + r.requestsPerSecond, 0) / en.length);
      verdict(
        `GET ${ar.route.label} in Arabic ${ratio.toFixed(2)}x English, the mean of the runs before and after ` +
          `(target >= ${(1 - ARABIC_WITHIN).toFixed(2)}x)`,
        ratio >= 1 - ARABIC_WITHIN,
      );
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

runBench('bench:pages', main);
