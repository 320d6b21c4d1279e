/**
 * Helpers shared by the benchmarks in test/bench: run the built api and worker as child processes on a dedicated
 * database and queue prefix, wait for them, sign in, put load on one route (wrk, or autocannon without it), watch a process's
 * memory and CPU, catch mail in an SMTP sink, clean up, and print tables.
 */
import { ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import Redis from 'ioredis';
import { Client } from 'pg';
import { SMTPServer } from 'smtp-server';
import { ACTION_TYPES } from '../../libs/advocacy/src/action-types';

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
export const WORKER_MAIN = resolve(REPO_ROOT, 'dist/apps/worker/main.js');
export const BASE_DATABASE_URL = process.env.BENCH_DATABASE_BASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** The Redis the api and worker use (they read REDIS_URL from the same environment). */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

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

export interface ChildHandle {
  /** `api` or `worker`, for messages. */
  label: string;
  pid: number;
  /** Exit code or signal once the process has ended, else null. */
  exited(): string | null;
  /** The last lines the process wrote, for error messages. */
  outputTail(): string;
  /** How many lines the process wrote since start: under load with LOG_LEVEL=warn this should stay flat. */
  outputLines(): number;
  /** SIGTERM, then SIGKILL after graceMs; safe to call more than once. */
  stop(graceMs?: number): Promise<void>;
}

export interface ApiProcess extends ChildHandle {
  url: string;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/**
 * Starts `node <main>` with the given environment on top of this process's own, its output kept in memory.
 * BENCH_NODE_ARGS adds flags to node, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to see where the time goes.
 */
function startBuilt(label: string, main: string, env: Record<string, string>): ChildHandle {
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first`);
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, main], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`could not start ${main}`);
  const pid = child.pid;
  running.add(child);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // Last resort: never leave a child behind if the benchmark dies without stopping it.
    process.once('exit', () => running.forEach((c) => c.kill('SIGKILL')));
  }

  // Kept in memory rather than forwarded, so child output does not interleave with the figures.
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
      // The timer is cleared once the child is gone, so it does not hold the benchmark open for graceMs.
      const late = await Promise.race([exited.then(() => false), timedOut]);
      clearTimeout(timer);
      if (late) {
        process.stderr.write(
          `${label} (pid ${pid}) still running ${graceMs / 1000} s after SIGTERM: sending SIGKILL\n`,
        );
        child.kill('SIGKILL');
        await exited;
      }
    })();
    return stopping;
  };

  return {
    label,
    pid,
    exited: () => exitState,
    outputTail: () => tail.join('\n'),
    outputLines: () => lines,
    stop,
  };
}

/** Starts `node dist/apps/api/main.js` with the given environment on top of this process's own. */
export async function startApi(env: Record<string, string>, options: { main?: string } = {}): Promise<ApiProcess> {
  const port = env.PORT ?? String(await freePort());
  return { ...startBuilt('api', options.main ?? API_MAIN, { ...env, PORT: port }), url: `http://127.0.0.1:${port}` };
}

/** Starts `node dist/apps/worker/main.js` with the given environment on top of this process's own. */
export function startWorker(env: Record<string, string>, options: { main?: string } = {}): ChildHandle {
  return startBuilt('worker', options.main ?? WORKER_MAIN, env);
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
/**
 * The load generator: wrk (C, one thread) when it is on the PATH, else autocannon. On two cores the generator
 * shares the CPU with the api, and autocannon (JavaScript) spends a core reading a 450 KB body where the api spends
 * a fifth of one sending it, so big responses measured the generator. `BENCH_LOAD=autocannon|wrk` chooses; every
 * route of a run, the bare one included, uses the same generator, so the ratios compare like with like.
 */
export const LOAD_GENERATOR: 'wrk' | 'autocannon' = chooseLoadGenerator();

function chooseLoadGenerator(): 'wrk' | 'autocannon' {
  const asked = process.env.BENCH_LOAD;
  if (asked === 'autocannon') return 'autocannon';
  let found = true;
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
  } catch (err) {
    // wrk --version prints its version and exits 1; only a missing binary is "not found".
    found = (err as NodeJS.ErrnoException).code !== 'ENOENT';
  }
  if (asked === 'wrk' && !found) throw new Error('BENCH_LOAD=wrk but wrk is not on the PATH (apt-get install wrk)');
  return found ? 'wrk' : 'autocannon';
}

export async function runLoad(
  url: string,
  path: string,
  token: string | undefined,
  opts: LoadOptions,
): Promise<LoadFigures> {
  return LOAD_GENERATOR === 'wrk' ? runWrk(url, path, token, opts) : runAutocannon(url, path, token, opts);
}

async function runAutocannon(
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

// wrk's own summary, written as one JSON line by its `done` hook (latencies in microseconds).
const WRK_REPORT = `done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRK {"requests":%d,"duration":%d,"bytes":%d,"status":%d,"connect":%d,"read":%d,' ..
    '"write":%d,"timeout":%d,"p50":%d,"p99":%d,"mean":%f,"max":%d}\\n', summary.requests, summary.duration,
    summary.bytes, e.status, e.connect, e.read, e.write, e.timeout, latency:percentile(50), latency:percentile(99),
    latency.mean, latency.max))
end
`;

async function runWrk(url: string, path: string, token: string | undefined, opts: LoadOptions): Promise<LoadFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-wrk-'));
  const script = join(dir, 'report.lua');
  writeFileSync(script, WRK_REPORT);
  const headers = { ...opts.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const args = ['-t1', `-c${opts.connections}`, `-d${opts.seconds}s`, '--timeout', '10s', '-s', script];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}: ${value}`);
  try {
    const { stdout } = await promisify(execFile)('wrk', [...args, url + path]);
    const line = stdout.split('\n').find((l) => l.startsWith('WRK '));
    if (!line) throw new Error(`wrk printed no summary:\n${stdout}`);
    const r = JSON.parse(line.slice(4)) as Record<string, number>;
    const ms = (us: number) => us / 1000;
    const errors = r.connect + r.read + r.write + r.timeout;
    return {
      path,
      connections: opts.connections,
      seconds: opts.seconds,
      requestsPerSecond: r.requests / (r.duration / 1e6),
      completed: r.requests,
      latencyAvg: ms(r.mean),
      latencyP50: ms(r.p50),
      latencyP99: ms(r.p99),
      latencyMax: ms(r.max),
      // wrk counts answers of 400 and above; it keeps no count per status.
      non2xx: r.status,
      errors,
      timeouts: r.timeout,
      statusCodes: r.status > 0 ? { '4xx/5xx': r.status } : {},
      bytesPerResponse: r.requests > 0 ? r.bytes / r.requests : 0,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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
  const machine = sampleMachineBusy();
  await sleep(ms);
  return machine.stop();
}

/** How busy the whole machine is between now and stop(), as % of all cores (NaN if not readable). */
export function sampleMachineBusy(): { stop(): number } {
  const before = readMachineTicks();
  return {
    stop: () => {
      const after = readMachineTicks();
      if (!before || !after || after.total <= before.total) return Number.NaN;
      return ((after.busy - before.busy) / (after.total - before.total)) * 100;
    },
  };
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

/**
 * The bare route (GET /health: no auth, no SQL, a constant body) under load: what the machine gives any request
 * right now, the baseline every benchmark's ratio is taken against, measured in the same run because absolute
 * figures swing with the machine and whatever else runs on it.
 */
export async function benchBareRoute(
  api: ApiProcess,
  opts: LoadOptions & { warmupSeconds: number },
): Promise<RouteFigures> {
  say('loading GET /health (baseline, the bare route) ...');
  const bare = await benchRoute(api, '/health', undefined, opts);
  if (bare.non2xx + bare.errors > 0) throw new Error(`GET /health answered ${JSON.stringify(bare.statusCodes)}`);
  return bare;
}

/** A rate as a multiple of the bare route's requests per second: `0.12x`. */
export function vsBare(perSecond: number, bare: { requestsPerSecond: number }, digits = 2): string {
  return `${(perSecond / bare.requestsPerSecond).toFixed(digits)}x`;
}

/** A JSON request with the bearer token; returns the status and the parsed body (undefined when not JSON). */
export async function sendJson(
  url: string,
  method: 'POST' | 'PATCH',
  path: string,
  token: string,
  body: unknown,
): Promise<{ status: number; body: any; text: string }> {
  const res = await fetch(url + path, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, body: parsed, text };
}

/** A queue prefix of its own, so the benchmark's jobs never mix with another run's and can be deleted after. */
export function benchQueuePrefix(): string {
  return `bench_${randomBytes(5).toString('hex')}`;
}

function checkBenchPrefix(prefix: string): void {
  if (!/^bench_[a-z0-9]+$/.test(prefix)) throw new Error(`refusing to touch queue prefix "${prefix}": not a bench one`);
}

/**
 * Waits until a BullMQ worker listens on each of `queues` under `prefix`: BullMQ names a worker's blocking
 * connection `<prefix>:<base64 of the queue name>`, which CLIENT LIST shows. Fails early if the worker exits.
 */
export async function waitWorkerReady(
  worker: ChildHandle,
  prefix: string,
  queues: readonly string[],
  timeoutMs = 60_000,
): Promise<void> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
  await redis.connect();
  try {
    const wanted = queues.map((q) => `${prefix}:${Buffer.from(q).toString('base64')}`);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (worker.exited() !== null)
        throw new Error(
          `worker exited (${worker.exited()}) before it was ready; its last output:\n${worker.outputTail()}`,
        );
      const names = ((await redis.client('LIST')) as string)
        .split('\n')
        .map((line) => /(?:^| )name=(\S*)/.exec(line)?.[1] ?? '');
      if (wanted.every((w) => names.some((n) => n === w || n.startsWith(`${w}:w:`)))) return;
      await sleep(250);
    }
    throw new Error(
      `no worker on queues ${queues.join(', ')} after ${timeoutMs / 1000} s; its last output:\n${worker.outputTail()}`,
    );
  } finally {
    redis.disconnect();
  }
}

/** Deletes every Redis key of a bench queue prefix; returns how many went. */
export async function deleteQueueKeys(prefix: string): Promise<number> {
  checkBenchPrefix(prefix);
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
  await redis.connect();
  try {
    let deleted = 0;
    for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 1000 }) as AsyncIterable<string[]>) {
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    }
    return deleted;
  } finally {
    redis.disconnect();
  }
}

export interface SinkMessage {
  /** Envelope recipients, comma-separated. */
  to: string;
  /** The Subject header, unfolded and decoded. */
  subject: string;
  /** Date.now() when the message was accepted. */
  at: number;
}

export interface SmtpSink {
  port: number;
  url: string;
  messages: SinkMessage[];
  stop(): Promise<void>;
}

const MAX_HEADER_BYTES = 64 * 1024;

/**
 * An SMTP server in this process that records recipient, subject and arrival time of each message. Bodies are
 * read and dropped (only the header block is kept until the message ends) so that ten thousand mails cost little.
 */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: SinkMessage[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // The worker is stopped first; this only bounds a close if it was killed with connections open.
    closeTimeout: 2_000,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      let headerDone = false;
      stream.on('data', (chunk: Buffer) => {
        if (headerDone) return;
        chunks.push(chunk);
        size += chunk.length;
        const sofar = Buffer.concat(chunks);
        const end = sofar.indexOf('\r\n\r\n');
        if (end >= 0 || size > MAX_HEADER_BYTES) {
          headerDone = true;
          chunks.length = 0;
          chunks.push(end >= 0 ? sofar.subarray(0, end) : sofar);
        }
      });
      stream.on('end', () => {
        messages.push({
          to: session.envelope.rcptTo.map((r) => r.address).join(','),
          subject: subjectOf(Buffer.concat(chunks).toString('utf8')),
          at: Date.now(),
        });
        callback();
      });
    },
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  // A client that dies mid-session resets its connection; a mail server carries on.
  server.on('error', () => undefined);
  // smtp-server's types do not show the net.Server it listens with.
  const port = (server as unknown as { server: { address(): AddressInfo } }).server.address().port;
  let stopping: Promise<void> | undefined;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    stop: () => (stopping ??= new Promise<void>((done) => server.close(() => done()))),
  };
}

/** The Subject header of a header block: unfolded, RFC 2047 encoded words decoded. */
function subjectOf(header: string): string {
  const raw = /^Subject: ?(.*(?:\r?\n[ \t].*)*)/im.exec(header)?.[1] ?? '';
  return raw
    .replace(/\r?\n[ \t]/g, ' ')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9a-f]{2})/gi, (_h, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          ).toString('utf8'),
    )
    .trim();
}

/**
 * Makes `cleanup` run once whatever happens: the returned function is for the normal and error paths (call it in
 * finally), and Ctrl-C or SIGTERM run it too, then exit with 130.
 */
export function cleanupOnce(cleanup: () => Promise<void>, what: string): () => Promise<void> {
  let cleaning: Promise<void> | undefined;
  const once = () => (cleaning ??= cleanup());
  const interrupted = () => {
    process.stderr.write(`\ninterrupted: ${what}\n`);
    void once()
      .catch((err: unknown) => process.stderr.write(`clean-up failed: ${errorText(err)}\n`))
      .finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  return once;
}

export const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The p-th percentile (0-100) of ascending values, nearest rank; NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export const say = (line = '') => process.stdout.write(`${line}\n`);

export const num = (n: number, digits = 0) =>
  Number.isNaN(n) ? 'n/a' : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** A plain-text table: first row is the header, first column left-aligned, the others right-aligned. */
export function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) =>
    r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** Starts the built api, waits until it is ready (stopping it if it never gets there) and says so. */
export async function startReadyApi(env: Record<string, string>): Promise<ApiProcess> {
  const startedAt = Date.now();
  const api = await startApi(env);
  try {
    await waitReady(api, 60_000);
  } catch (err) {
    await api.stop();
    throw err;
  }
  say(
    `api pid ${api.pid} ready at ${api.url} after ${((Date.now() - startedAt) / 1000).toFixed(1)} s (fresh database)`,
  );
  return api;
}

/**
 * What every benchmark sets up the same way: a fresh bench database and queue prefix, the built api on them signed
 * in as the bench admin, and whatever else it starts, all taken down in reverse order at the end or on Ctrl-C (the
 * queue keys deleted and the database dropped last).
 */
export class BenchSession {
  readonly prefix = benchQueuePrefix();
  readonly databaseUrl: string;
  private readonly undo: (() => Promise<unknown>)[] = [];
  private readonly cleanup: () => Promise<void>;

  constructor(
    readonly database: string,
    private readonly admin: { email: string; password: string },
  ) {
    this.databaseUrl = benchDatabaseUrl(database);
    this.cleanup = cleanupOnce(async () => {
      for (const step of this.undo.reverse()) await step();
      await deleteQueueKeys(this.prefix);
      // BENCH_KEEP_DATABASE=1 leaves the seeded data for EXPLAIN in psql (dropped by the next run's begin()).
      if (process.env.BENCH_KEEP_DATABASE === '1') say(`kept database ${this.database}`);
      else await dropBenchDatabase(this.database);
    }, 'stopping what the benchmark started, deleting the queue keys and dropping the bench database');
  }

  /** Drops what an earlier, interrupted run may have left. */
  async begin(): Promise<void> {
    await dropBenchDatabase(this.database);
  }

  /** The environment of the api and the worker: this session's database and queue prefix, quiet logs. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      DATABASE_URL: this.databaseUrl,
      QUEUE_PREFIX: this.prefix,
      LOG_LEVEL: 'warn',
      ADMIN_EMAIL: this.admin.email,
      ADMIN_PASSWORD: this.admin.password,
      // One account sends the whole load: its request budget is counted, as for any user, but set out of reach.
      USER_REQUESTS_PER_MINUTE: '1000000',
      ...extra,
    };
  }

  /** Runs `step` at the end, before the steps registered earlier. */
  atEnd(step: () => Promise<unknown>): void {
    this.undo.push(step);
  }

  /** Starts the built api (it migrates the fresh database) and signs in as the bench admin. */
  async startApi(extra: Record<string, string> = {}): Promise<{ api: ApiProcess; token: string }> {
    const api = await startReadyApi(this.env(extra));
    this.atEnd(() => api.stop(10_000));
    return { api, token: await login(api.url, this.admin.email, this.admin.password) };
  }

  /** A direct connection to the bench database, for bulk loads and checks. */
  async connect(): Promise<Client> {
    const db = new Client({ connectionString: this.databaseUrl });
    await db.connect();
    this.atEnd(() => db.end().catch(() => undefined));
    return db;
  }

  /** Takes everything down; a failed clean-up is reported (and fails the run) but hides no earlier error. */
  async end(): Promise<void> {
    await this.cleanup().catch((err: unknown) => {
      process.stderr.write(`clean-up failed: ${errorText(err)}\n`);
      process.exitCode = 1;
    });
  }
}

/** Runs a benchmark's main: its result becomes the exit code, and an error is printed rather than thrown. */
const missed: string[] = [];

/** The exit code of a benchmark that ran and measured, but missed a target (1 is a run that failed or is invalid). */
export const MISSED_EXIT_CODE = 2;

/**
 * Judges one target: `PASS` or `MISS`, for a line or a table cell. A MISS is remembered, and makes the benchmark
 * exit non-zero (MISSED_EXIT_CODE) once it has finished, so a script or CI cannot read a missed target as a pass.
 */
export function judge(what: string, ok: boolean): 'PASS' | 'MISS' {
  if (!ok) missed.push(what);
  return ok ? 'PASS' : 'MISS';
}

/** Prints `verdict: <what> => PASS|MISS` for one target, judged as `judge` does; answers whether it passed. */
export function verdict(what: string, ok: boolean): boolean {
  say(`verdict: ${what} => ${judge(what, ok)}`);
  return ok;
}

export function runBench(name: string, main: () => Promise<number>): void {
  main().then(
    (code) => {
      if (missed.length > 0) process.stderr.write(`${name}: ${missed.length} target(s) missed: ${missed.join('; ')}\n`);
      const result = code !== 0 ? code : missed.length > 0 ? MISSED_EXIT_CODE : 0;
      process.exitCode = Math.max(result, typeof process.exitCode === 'number' ? process.exitCode : 0);
    },
    (err: unknown) => {
      process.stderr.write(`${name} failed: ${errorText(err)}\n`);
      process.exitCode = 1;
    },
  );
}

/** Says how busy the machine already is, since the benchmarks share its two cores with whatever else runs. */
export async function reportMachineLoad(): Promise<void> {
  const busy = await machineBusyPercent(2_000);
  say(
    `CPU used by other work before start: ${num(busy)}% of all cores` +
      (busy > 15 ? '  <- the machine is busy: the figures will be low and noisy' : ''),
  );
}

/** Signs in through the sign-in form, as a browser does, and returns the session cookie. */
export async function signInToPages(url: string, admin: { email: string; password: string }): Promise<string> {
  const form = await fetch(`${url}/login`);
  const csrfCookie = form.headers
    .getSetCookie()
    .find((c) => c.startsWith('tracker_csrf='))
    ?.split(';')[0];
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  if (!csrfCookie || !token) throw new Error('the sign-in page gave no CSRF cookie or token');
  const res = await fetch(`${url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
    body: new URLSearchParams({ _csrf: token, email: admin.email, password: admin.password }).toString(),
  });
  const session = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('tracker_session='))
    ?.split(';')[0];
  if (res.status !== 303 || !session) throw new Error(`signing in to the pages answered ${res.status}`);
  return session;
}

const INSERT_BATCH = 250_000;

/**
 * 1,000,000 actions in a few INSERT … SELECT statements: every state in turn (with its region), the ten types in
 * turn, a random date from 2000-01-01 to today, a random author, and one action in twenty in a campaign.
 */
const INSERT_ACTIONS_SQL = `
  INSERT INTO advocacy_action (state_code, region, type, date, title, logged_by, campaign_id)
  SELECT s.code, s.region, ($3::text[])[1 + g % cardinality($3::text[])],
         date '2000-01-01' + (random() * (current_date - date '2000-01-01'))::int,
         'Bench action ' || g,
         ($4::uuid[])[1 + floor(random() * cardinality($4::uuid[]))::int],
         CASE WHEN g % 20 = 0 THEN ($5::uuid[])[1 + (g / 20) % cardinality($5::uuid[])] END
  FROM generate_series($1::int, $2::int) AS g
  JOIN (SELECT code, region, (row_number() OVER (ORDER BY code) - 1)::int AS i FROM state) s
    ON s.i = g % (SELECT count(*)::int FROM state)`;

/** Bulk-loads `rows` actions straight into the bench database, then ANALYZEs the table and says how big it is. */
export async function insertActions(db: Client, rows: number, userIds: string[], campaignIds: string[]): Promise<void> {
  const started = Date.now();
  for (let from = 1; from <= rows; from += INSERT_BATCH) {
    const to = Math.min(rows, from + INSERT_BATCH - 1);
    await db.query(INSERT_ACTIONS_SQL, [from, to, ACTION_TYPES, userIds, campaignIds]);
    say(`  ${num(to)} rows after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const inserted = Date.now();
  await db.query('ANALYZE advocacy_action');
  const [stats] = (
    await db.query<{ n: number; states: number; size: string }>(
      `SELECT count(*)::int AS n, count(DISTINCT state_code)::int AS states,
              pg_size_pretty(pg_total_relation_size('advocacy_action')) AS size FROM advocacy_action`,
    )
  ).rows;
  say(
    `inserted ${num(rows)} actions in ${((inserted - started) / 1000).toFixed(1)} s, ANALYZE ` +
      `${((Date.now() - inserted) / 1000).toFixed(1)} s; table ${num(stats.n)} rows over ${stats.states} states, ` +
      `${stats.size} with its indexes`,
  );
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/**
 * Runs `sql` once under EXPLAIN ANALYZE: its execution time, the indexes it walks, and any sequential scan of
 * one of `tables` (which a query meant for an index must not need).
 */
export async function explainStatement(
  db: Client,
  sql: string,
  params: unknown[],
  tables: readonly string[],
): Promise<{ ms: number; indexes: string[]; seqScans: string[] }> {
  const [{ 'QUERY PLAN': plan }] = (
    await db.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params)
  ).rows as { 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }] }[];
  const indexes = new Set<string>();
  const seqScans = new Set<string>();
  const walk = (node: PlanNode) => {
    if (node['Index Name']) indexes.add(node['Index Name']);
    if (node['Node Type'] === 'Seq Scan' && tables.includes(node['Relation Name'] ?? '')) {
      seqScans.add(node['Relation Name']!);
    }
    node.Plans?.forEach(walk);
  };
  walk(plan[0].Plan);
  return { ms: plan[0]['Execution Time'], indexes: [...indexes], seqScans: [...seqScans] };
}

/** The footnote under every figures table: how the figures were taken. */
export function loadFootnote(): string {
  const latency =
    LOAD_GENERATOR === 'wrk'
      ? 'latency as wrk records it (one thread)'
      : 'latency as autocannon records it, in whole ms; req/s is the mean of 1 s samples';
  return `(${latency}; api CPU as % of one core)`;
}
