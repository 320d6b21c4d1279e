/**
 * Throughput and latency of the states routes against the built api, next to a bare route as baseline.
 * Run with `npm run bench:states`; BENCH_SECONDS and BENCH_CONNECTIONS override the load.
 */
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import {
  API_MAIN,
  benchRoute,
  BenchSession,
  envInt,
  fetchOnce,
  num,
  reportMachineLoad,
  RouteFigures,
  runBench,
  judge,
  say,
  table,
  vsBare,
  loadFootnote,
} from './bench-support';

const DATABASE = 'tracker_bench';
const ADMIN = { email: 'bench-admin@tracker.test', password: 'bench-admin-password' };
const WARMUP_SECONDS = 2;
const TARGET = { path: '/api/states', p99Ms: 25, requestsPerSecond: 1_000 };
const ONE_STATE_TARGET = { p99Ms: 15, ratio: 0.3 };

interface Route {
  path: string;
  /** How the route shows in the table; the path when omitted. */
  label?: string;
  headers?: Record<string, string>;
  auth: boolean;
  /** Says what the body holds, or throws if it is not what the route should answer. */
  describe(body: string): string;
}

const kb = (body: string) => `${(Buffer.byteLength(body) / 1024).toFixed(1)} KB`;

const ROUTES: Route[] = [
  { path: '/health', auth: false, describe: (body) => `constant body, ${kb(body)}` },
  {
    path: '/api/states',
    auth: true,
    describe: (body) => {
      const list = JSON.parse(body) as unknown;
      if (!Array.isArray(list) || list.length < 190) throw new Error('expected the list of ~197 states');
      return `${list.length} states, ${kb(body)}`;
    },
  },
  {
    // How browsers, spreadsheets and most HTTP clients ask: the api serves the list gzipped once per change.
    path: '/api/states',
    label: '/api/states (gzip)',
    headers: { 'accept-encoding': 'gzip' },
    auth: true,
    describe: (body) => `same list, asked for gzip (fetch decodes it: ${kb(body)})`,
  },
  {
    path: '/api/states/UKR',
    auth: true,
    describe: (body) => {
      const state = JSON.parse(body) as { code?: unknown };
      if (state.code !== 'UKR') throw new Error('expected the state UKR');
      return `one state with its events, ${kb(body)}`;
    },
  },
];

async function main(): Promise<number> {
  const seconds = envInt('BENCH_SECONDS', 20);
  const connections = envInt('BENCH_CONNECTIONS', 10);
  // Checked before anything is dropped, so a missing build costs nothing.
  if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: run \`npm run build\` first`);

  say(`bench:states: ${connections} connections, ${seconds} s per route after a ${WARMUP_SECONDS} s warm-up`);
  say(`node ${process.version}, ${cpus().length} cores shared by the api and the load generator`);
  // Other work on the machine (a test run, a build) skews every figure: make it visible next to them.
  await reportMachineLoad();
  const session = new BenchSession(DATABASE, ADMIN);
  await session.begin();

  try {
    const { api, token } = await session.startApi();

    // A route that answers 401 or the wrong thing fast would make fine-looking figures: check each once first.
    for (const route of ROUTES) {
      const { status, body } = await fetchOnce(api.url, route.path, route.auth ? token : undefined);
      if (status !== 200) throw new Error(`GET ${route.path} answered ${status}: ${body.slice(0, 300)}`);
      say(`  GET ${route.path}: 200, ${route.describe(body)}`);
    }

    const results: RouteFigures[] = [];
    for (const route of ROUTES) {
      say(`loading GET ${route.path} ...`);
      const linesBefore = api.outputLines();
      const figures = await benchRoute(api, route.path, route.auth ? token : undefined, {
        connections,
        seconds,
        warmupSeconds: WARMUP_SECONDS,
        headers: route.headers,
      });
      results.push({ ...figures, path: route.label ?? route.path });
      const logged = api.outputLines() - linesBefore;
      if (logged > 0)
        say(`  note: the api wrote ${logged} log lines during this run; last: ${api.outputTail().split('\n').pop()}`);
      if (api.exited() !== null) throw new Error(`api exited (${api.exited()}) during the run:\n${api.outputTail()}`);
    }

    const baseline = results[0].requestsPerSecond;
    say();
    say(
      table([
        ['route', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'peak RSS MB', 'api CPU %', 'vs baseline'],
        ...results.map((r) => [
          `GET ${r.path}`,
          num(r.requestsPerSecond),
          num(r.latencyP50),
          num(r.latencyP99),
          num(r.non2xx),
          num(r.errors),
          num(r.peakRssMb, 1),
          num(r.apiCpuPercent),
          vsBare(r.requestsPerSecond, results[0]),
        ]),
      ]),
    );
    say(loadFootnote());
    say();

    const broken = results.filter((r) => r.non2xx + r.errors + r.warmup.non2xx + r.warmup.errors > 0);
    for (const r of broken) {
      const counts = new Map<string, number>();
      for (const [code, n] of [...Object.entries(r.warmup.statusCodes), ...Object.entries(r.statusCodes)]) {
        counts.set(code, (counts.get(code) ?? 0) + n);
      }
      const codes = [...counts].map(([code, n]) => `${code}: ${n}`).join(', ');
      process.stderr.write(
        `GET ${r.path}: ${r.non2xx} non-2xx and ${r.errors} errors (${r.timeouts} timeouts); ` +
          `warm-up ${r.warmup.non2xx} non-2xx, ${r.warmup.errors} errors; status codes ${codes}\n`,
      );
    }

    for (const target of results.filter((r) => r.path.startsWith(TARGET.path) && !r.path.includes('/UKR'))) {
      const p99Ok = target.latencyP99 < TARGET.p99Ms;
      const rpsOk = target.requestsPerSecond >= TARGET.requestsPerSecond;
      say(
        `verdict: GET ${target.path} p99 ${num(target.latencyP99)} ms (target < ${TARGET.p99Ms}: ${p99Ok ? 'ok' : 'MISS'}), ` +
          `${num(target.requestsPerSecond)} req/s (target >= ${num(TARGET.requestsPerSecond)}: ${rpsOk ? 'ok' : 'MISS'}) ` +
          `=> ${judge(`GET ${target.path}`, p99Ok && rpsOk)}`,
      );
    }

    // One state, as a ratio to the bare route of this run (the p99 is for a quiet machine).
    for (const one of results.filter((r) => r.path.includes('/UKR'))) {
      const ratio = one.requestsPerSecond / baseline;
      const p99Ok = one.latencyP99 < ONE_STATE_TARGET.p99Ms;
      const ratioOk = ratio >= ONE_STATE_TARGET.ratio;
      say(
        `verdict: GET ${one.path} p99 ${num(one.latencyP99)} ms (target < ${ONE_STATE_TARGET.p99Ms}: ` +
          `${p99Ok ? 'ok' : 'MISS'}), ${ratio.toFixed(2)}x the bare route (target >= ${ONE_STATE_TARGET.ratio}x: ` +
          `${ratioOk ? 'ok' : 'MISS'}) => ${judge(`GET ${one.path}`, p99Ok && ratioOk)}`,
      );
    }

    if (broken.length > 0) {
      process.stderr.write(
        '\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n' +
          `!!! BENCHMARK INVALID: ${broken.length} route(s) had non-2xx answers or errors (see above);\n` +
          '!!! the figures above do not measure the routes working.\n' +
          '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n',
      );
      return 1;
    }
    return 0;
  } finally {
    await session.end();
  }
}

runBench('bench:states', main);
