/**
 * Helpers shared by the benchmarks in test/bench: run the built api as a child process on a dedicated
 * database, wait for it, sign in, put load on one route with autocannon and watch the api's memory and CPU.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';

/** The part of autocannon's result the benchmarks read (the package ships no types). */
interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
  latency: { average: number; p50: number; p99: number; max: number; totalCount: number };
  requests: { average: number; total: number };
  throughput: { total: number };
}

interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
  timeout?: number;
}

type Autocannon = (opts: AutocannonOptions) => PromiseLike<AutocannonResult>;

// Loaded through createRequire so the strict compile does not need a declaration file for autocannon.
const autocannon = createRequire(__filename)('autocannon') as Autocannon;

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const API_MAIN = resolve(REPO_ROOT, 'dist/apps/api/main.js');
export const BASE_DATABASE_URL = process.env.BENCH_DATABASE_BASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A whole number from the environment, or the default; anything else stops the benchmark. */
export function envInt(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${name} must be a whole number >= ${min}, got "${raw}"`);
  return value;
}

/** The URL of a benchmark database; refuses any name that does not mark it as one, so no real data is touched. */
export function benchDatabaseUrl(name: string): string {
  if (!/^tracker_bench(_[a-z0-9_]+)?$/.test(name))
    throw new Error(`refusing to use database "${name}": not a bench database`);
  const url = new URL(BASE_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops a benchmark database, closing any connection left to it. */
export async function dropBenchDatabase(name: string): Promise<void> {
  benchDatabaseUrl(name);
  const client = new Client({ connectionString: BASE_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** A port nothing listens on right now (the api binds it a moment later), or the fallback. */
export async function freePort(fallback = 3999): Promise<number> {
  try {
    return await new Promise<number>((done, fail) => {
      const server = createServer();
      server.once('error', fail);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        const port = typeof address === 'object' && address ? address.port : fallback;
        server.close(() => done(port));
      });
    });
  } catch {
    return fallback;
  }
}

export interface ApiProcess {
  url: string;
  pid: number;
  /** Exit code or signal once the process has ended, else null. */
  exited(): string | null;
  /** The last lines the api wrote, for error messages. */
  outputTail(): string;
  /** How many lines the api wrote since start: under load with LOG_LEVEL=warn this should stay flat. */
  outputLines(): number;
  /** SIGTERM, then SIGKILL after graceMs; safe to call more than once. */
  stop(graceMs?: number): Promise<void>;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Starts `node dist/apps/api/main.js` with the given environment on top of this process's own. */
export async function startApi(env: Record<string, string>, options: { main?: string } = {}): Promise<ApiProcess> {
  const main = options.main ?? API_MAIN;
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first`);
  const port = env.PORT ?? String(await freePort());
  const child = spawn(process.execPath, [main], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, PORT: port },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`could not start ${main}`);
  const pid = child.pid;
  running.add(child);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // Last resort: never leave an api behind if the benchmark dies without stopping it.
    process.once('exit', () => running.forEach((c) => c.kill('SIGKILL')));
  }

  // Kept in memory rather than forwarded, so api output does not interleave with the figures.
  const tail: string[] = [];
  let lines = 0;
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      lines += 1;
      tail.push(line);
      if (tail.length > 40) tail.shift();
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  let exitState: string | null = null;
  const exited = new Promise<void>((done) =>
    child.once('exit', (code, signal) => {
      exitState = signal ?? `code ${code}`;
      running.delete(child);
      done();
    }),
  );

  let stopping: Promise<void> | undefined;
  const stop = (graceMs = 10_000): Promise<void> => {
    stopping ??= (async () => {
      if (exitState !== null) return;
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<boolean>((done) => (timer = setTimeout(() => done(true), graceMs)));
      // The timer is cleared once the api is gone, so it does not hold the benchmark open for graceMs.
      const late = await Promise.race([exited.then(() => false), timedOut]);
      clearTimeout(timer);
      if (late) {
        process.stderr.write(`api (pid ${pid}) still running ${graceMs / 1000} s after SIGTERM: sending SIGKILL\n`);
        child.kill('SIGKILL');
        await exited;
      }
    })();
    return stopping;
  };

  return {
    url: `http://127.0.0.1:${port}`,
    pid,
    exited: () => exitState,
    outputTail: () => tail.join('\n'),
    outputLines: () => lines,
    stop,
  };
}

/** Polls /health/ready until it answers 200; fails early if the api exits, and after timeoutMs. */
export async function waitReady(api: ApiProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    const exited = api.exited();
    if (exited !== null)
      throw new Error(`api exited (${exited}) before it was ready; its last output:\n${api.outputTail()}`);
    try {
      const res = await fetch(`${api.url}/health/ready`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return;
      last = `status ${res.status}: ${(await res.text()).slice(0, 300)}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await sleep(250);
  }
  throw new Error(
    `api not ready after ${timeoutMs / 1000} s at ${api.url}/health/ready (${last}); its last output:\n${api.outputTail()}`,
  );
}

/** Signs in and returns the bearer token. */
export async function login(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`login as ${email} failed: ${res.status} ${text.slice(0, 300)}`);
  const token = (JSON.parse(text) as { accessToken?: unknown }).accessToken;
  if (typeof token !== 'string') throw new Error(`login answered without an accessToken: ${text.slice(0, 300)}`);
  return token;
}

/** One plain request, to check a route answers as expected before loading it. */
export async function fetchOnce(url: string, path: string, token?: string): Promise<{ status: number; body: string }> {
  const res = await fetch(url + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: await res.text() };
}

export interface LoadOptions {
  connections: number;
  seconds: number;
  /** Extra request headers, e.g. accept-encoding. */
  headers?: Record<string, string>;
}

export interface LoadFigures {
  path: string;
  connections: number;
  seconds: number;
  /** Mean of autocannon's one-second samples. */
  requestsPerSecond: number;
  completed: number;
  /** Latencies in ms; autocannon records whole milliseconds. */
  latencyAvg: number;
  latencyP50: number;
  latencyP99: number;
  latencyMax: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  bytesPerResponse: number;
}

/** GET url+path with autocannon for opts.seconds on opts.connections connections. */
export async function runLoad(
  url: string,
  path: string,
  token: string | undefined,
  opts: LoadOptions,
): Promise<LoadFigures> {
  const result = await autocannon({
    url: url + path,
    connections: opts.connections,
    duration: opts.seconds,
    headers: { ...opts.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count]));
  const completed = result.latency.totalCount;
  return {
    path,
    connections: opts.connections,
    seconds: opts.seconds,
    requestsPerSecond: result.requests.average,
    completed,
    latencyAvg: result.latency.average,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    latencyMax: result.latency.max,
    non2xx: result.non2xx,
    // autocannon counts timeouts among errors too; kept apart here only for the message.
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    bytesPerResponse: completed > 0 ? result.throughput.total / completed : 0,
  };
}

function readRssKb(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null; // process gone, or not Linux
  }
}

/** Samples a process's resident memory (VmRSS) every intervalMs; stop() gives the peak in MB (NaN if never read). */
export function sampleRss(pid: number, intervalMs = 200): { stop(): number } {
  let peakKb = -1;
  const take = () => {
    const kb = readRssKb(pid);
    if (kb !== null && kb > peakKb) peakKb = kb;
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      take();
      return peakKb < 0 ? Number.NaN : peakKb / 1024;
    },
  };
}

function readCpuTicks(pid: number): number | null {
  try {
    // Fields after the command name, which is in parentheses and may hold spaces; utime and stime are 14 and 15.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

/** CPU the process used between start and stop(), as % of one core (NaN if not readable); assumes 100 ticks/s. */
export function sampleCpu(pid: number): { stop(): number } {
  const startTicks = readCpuTicks(pid);
  const startedAt = process.hrtime.bigint();
  return {
    stop: () => {
      const endTicks = readCpuTicks(pid);
      const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
      if (startTicks === null || endTicks === null || seconds <= 0) return Number.NaN;
      return ((endTicks - startTicks) / 100 / seconds) * 100;
    },
  };
}

function readMachineTicks(): { busy: number; total: number } | null {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = cpu[3] + (cpu[4] ?? 0); // idle + iowait
    const total = cpu.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

/**
 * How busy the whole machine is over the next ms, as % of all cores (NaN if not readable). Taken while the
 * benchmark itself is idle, it shows other work that would skew the figures; the load average cannot, since it
 * still counts the build that just ran.
 */
export async function machineBusyPercent(ms = 1_000): Promise<number> {
  const before = readMachineTicks();
  await sleep(ms);
  const after = readMachineTicks();
  if (!before || !after || after.total <= before.total) return Number.NaN;
  return ((after.busy - before.busy) / (after.total - before.total)) * 100;
}

export interface RouteFigures extends LoadFigures {
  peakRssMb: number;
  apiCpuPercent: number;
  warmup: LoadFigures;
}

/** A short warm-up, then the measured run with the api's memory and CPU watched during it. */
export async function benchRoute(
  api: ApiProcess,
  path: string,
  token: string | undefined,
  opts: LoadOptions & { warmupSeconds: number },
): Promise<RouteFigures> {
  const warmup = await runLoad(api.url, path, token, {
    connections: opts.connections,
    seconds: opts.warmupSeconds,
    headers: opts.headers,
  });
  const rss = sampleRss(api.pid);
  const cpu = sampleCpu(api.pid);
  try {
    const figures = await runLoad(api.url, path, token, opts);
    return { ...figures, peakRssMb: rss.stop(), apiCpuPercent: cpu.stop(), warmup };
  } finally {
    // Stopped in every case so the interval never keeps the process alive; a second stop() is harmless.
    rss.stop();
  }
}
