/**
 * 10,000 follow-ups due in the same minute: how late their reminder emails reach an SMTP sink, whether any is
 * lost or sent twice, and how much memory the worker takes meanwhile. Runs the built api and worker.
 * Run with `npm run bench:reminders`. The follow-ups fall due over one minute from T, each at its own instant
 * (BENCH_SPREAD_SECONDS, 60); BENCH_SPREAD_SECONDS=0 makes them all due at T itself, the worst case.
 * BENCH_FOLLOW_UPS, BENCH_LEAD_SECONDS and BENCH_CREATE_CONCURRENCY override the load, and the worker settings QUEUE_MAIL_CONCURRENCY, QUEUE_REMINDERS_CONCURRENCY and
 * RECONCILE_EVERY_SECONDS are passed through to it. The bare route (GET /health) is loaded first, BENCH_BARE_SECONDS
 * (10), so that the creation and delivery rates are also given as ratios to it, which hold on a busy machine.
 */
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import {
  API_MAIN,
  ApiProcess,
  benchBareRoute,
  benchDatabaseUrl,
  benchQueuePrefix,
  ChildHandle,
  cleanupOnce,
  deleteQueueKeys,
  dropBenchDatabase,
  envInt,
  errorText,
  login,
  num,
  reportMachineLoad,
  percentile,
  runBench,
  judge,
  sampleCpu,
  sampleMachineBusy,
  sampleRss,
  say,
  sendJson,
  SmtpSink,
  startReadyApi,
  startSmtpSink,
  startWorker,
  table,
  vsBare,
  waitWorkerReady,
  WORKER_MAIN,
} from './bench-support';

const DATABASE = 'tracker_bench_reminders';
const ADMIN = { email: 'bench-admin@tracker.test', password: 'bench-admin-password' };
const ASSIGNEES = 5;
/** How long after T the benchmark waits for the last email at most. */
const WAIT_AFTER_T_MS = 120_000;
/** Once every follow-up has its email, how long to keep listening for late duplicates. */
const DUPLICATE_GRACE_MS = 5_000;
const TARGET = { allWithinMs: 60_000, medianMs: 2_000, rssMb: 250 };
/** The worker settings the benchmark reports, with the worker's defaults (libs/platform). */
const WORKER_SETTINGS: [string, string][] = [
  ['QUEUE_REMINDERS_CONCURRENCY', '20'],
  ['QUEUE_MAIL_CONCURRENCY', '10'],
  ['RECONCILE_EVERY_SECONDS', '60'],
];

const title = (n: number) => `Bench ${n}`;
const assigneeEmail = (i: number) => `bench-officer-${i}@tracker.test`;
const seconds = (ms: number, digits = 1) => `${num(ms / 1000, digits)} s`;

/** Creates the follow-ups through the API, `concurrency` requests at a time; returns the failures. */
async function createFollowUps(
  api: ApiProcess,
  token: string,
  count: number,
  concurrency: number,
  dueOf: (n: number) => number,
  assigneeIds: string[],
  stopped: () => boolean,
): Promise<string[]> {
  const failures: string[] = [];
  let next = 0;
  const lane = async () => {
    while (next < count && failures.length < 20 && !stopped()) {
      const n = next++;
      try {
        const res = await sendJson(api.url, 'POST', '/api/follow-ups', token, {
          stateCode: 'KEN',
          title: title(n),
          remindAt: new Date(dueOf(n)).toISOString(),
          assigneeId: assigneeIds[n % assigneeIds.length],
        });
        if (res.status !== 201) failures.push(`${title(n)}: ${res.status} ${res.text.slice(0, 200)}`);
      } catch (err) {
        failures.push(`${title(n)}: ${errorText(err)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return failures;
}

/** What the sink received, against what was expected. */
function analyse(sink: SmtpSink, count: number, dueOf: (n: number) => number) {
  const expected = new Map<string, number>();
  for (let n = 0; n < count; n++) expected.set(`Follow-up due: ${title(n)} (Kenya)`, n);
  const first = new Map<string, number>();
  const copies = new Map<string, number>();
  let unexpected = 0;
  let wrongRecipient = 0;
  for (const m of sink.messages) {
    const n = expected.get(m.subject);
    if (n === undefined) {
      unexpected++;
      continue;
    }
    copies.set(m.subject, (copies.get(m.subject) ?? 0) + 1);
    if (!first.has(m.subject)) first.set(m.subject, m.at - dueOf(n));
    if (m.to !== assigneeEmail(n % ASSIGNEES)) wrongRecipient++;
  }
  const lateness = [...first.values()].sort((a, b) => a - b);
  const duplicated = [...copies.values()].filter((c) => c > 1);
  return {
    delivered: first.size,
    missing: count - first.size,
    duplicates: duplicated.length,
    extraCopies: duplicated.reduce((sum, c) => sum + c - 1, 0),
    unexpected,
    wrongRecipient,
    lateness,
    unexpectedSample: sink.messages.find((m) => !expected.has(m.subject))?.subject,
    early: lateness.filter((ms) => ms < 0).length,
  };
}

/** The database's side of the story: how the outbox and the follow-ups ended up, and when reminders were composed. */
async function databaseState(db: Client): Promise<string[]> {
  const outbox = await db.query<{ status: string; n: number; attempts: number }>(
    `SELECT status, count(*)::int AS n, max(attempts)::int AS attempts FROM outbox_email GROUP BY status ORDER BY status`,
  );
  const [followUps] = (
    await db.query<{ reminded: number; total: number }>(
      `SELECT count(*) FILTER (WHERE reminder_for = remind_at)::int AS reminded, count(*)::int AS total FROM follow_up`,
    )
  ).rows;
  // Where the time went, per email and against its own due time (not_before): created_at is when the reminder job
  // composed it (ahead), last_attempt_at when the batch sending what had fallen due claimed it, sent_at when the SMTP
  // server had accepted it.
  const [stages] = (
    await db.query<Record<string, number | null>>(
      `WITH s AS (
         SELECT extract(epoch FROM created_at - not_before) * 1000 AS composed,
                extract(epoch FROM last_attempt_at - not_before) * 1000 AS claimed,
                extract(epoch FROM sent_at - last_attempt_at) * 1000 AS sending
           FROM outbox_email WHERE kind = 'reminder')
       SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY composed) AS composed_median, max(composed) AS composed_last,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY claimed) AS claimed_median, max(claimed) AS claimed_last,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY sending) AS sending_median, max(sending) AS sending_max
         FROM s`,
    )
  ).rows;
  const ms = (key: string) => seconds(Number(stages[key] ?? Number.NaN), 2);
  const signed = (key: string) => (Number(stages[key]) < 0 ? '' : '+') + ms(key);
  const statuses = outbox.rows.map((r) => `${r.status} ${num(r.n)} (max ${r.attempts} attempts)`).join(', ');
  return [
    `outbox: ${statuses || 'empty'}; follow-ups reminded ${num(followUps.reminded)} of ${num(followUps.total)}`,
    `composed by the reminder job: median ${signed('composed_median')}, last ${signed('composed_last')} from its time`,
    `claimed for sending: median ${signed('claimed_median')}, last ${signed('claimed_last')} from its time`,
    `claimed until accepted by SMTP: median ${ms('sending_median')}, max ${ms('sending_max')}`,
  ];
}

async function composedCount(db: Client): Promise<number> {
  return (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_email`)).rows[0].n;
}

function checkAlive(...children: (ChildHandle | undefined)[]): void {
  for (const c of children) {
    if (c && c.exited() !== null) throw new Error(`${c.label} exited (${c.exited()}):\n${c.outputTail()}`);
  }
}

async function main(): Promise<number> {
  const count = envInt('BENCH_FOLLOW_UPS', 10_000);
  const leadSeconds = envInt('BENCH_LEAD_SECONDS', 90, 10);
  const spreadSeconds = envInt('BENCH_SPREAD_SECONDS', 60, 0);
  const concurrency = envInt('BENCH_CREATE_CONCURRENCY', 20);
  // Checked before anything is dropped, so a missing build costs nothing.
  for (const main of [API_MAIN, WORKER_MAIN])
    if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first`);

  const settings = WORKER_SETTINGS.map(([name, fallback]) =>
    process.env[name] ? `${name}=${process.env[name]}` : `${name}=${fallback} (default)`,
  );
  say(
    `bench:reminders: ${num(count)} follow-ups due ` +
      (spreadSeconds > 0 ? `over ${spreadSeconds} s from T, each at its own instant,` : 'at one instant T,') +
      ` created ~${leadSeconds} s ahead`,
  );
  say(`worker settings: ${settings.join(', ')}`);
  say(`node ${process.version}, ${cpus().length} cores shared by PostgreSQL, Redis, the api, the worker and the sink`);
  await reportMachineLoad();

  const prefix = benchQueuePrefix();
  await dropBenchDatabase(DATABASE);
  let sink: SmtpSink | undefined;
  let api: ApiProcess | undefined;
  let worker: ChildHandle | undefined;
  let rss: { stop(): number } | undefined;
  let db: Client | undefined;
  let stopping = false;
  const cleanup = cleanupOnce(async () => {
    // Requests still being sent would keep the api's connections busy and its shutdown waiting.
    stopping = true;
    rss?.stop();
    await db?.end().catch(() => undefined);
    // Both before the sink and the keys, so nothing writes to the queue or the sink while they are taken down.
    await Promise.all([worker?.stop(15_000), api?.stop(10_000)]);
    await sink?.stop();
    await deleteQueueKeys(prefix);
    await dropBenchDatabase(DATABASE);
  }, 'stopping the api and the worker, deleting the queue keys and dropping the bench database');

  try {
    sink = await startSmtpSink();
    const env = {
      DATABASE_URL: benchDatabaseUrl(DATABASE),
      QUEUE_PREFIX: prefix,
      SMTP_URL: sink.url,
      LOG_LEVEL: 'warn',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      // One account sends the whole load: its request budget is counted, as for any user, but set out of reach.
      USER_REQUESTS_PER_MINUTE: '1000000',
    };
    api = await startReadyApi(env);
    // Started once the api has migrated, so the worker's own set-up finds nothing to do.
    const workerStartedAt = Date.now();
    worker = startWorker(env);
    rss = sampleRss(worker.pid, 200);
    await waitWorkerReady(worker, prefix, ['reminders', 'mail'], 60_000);
    say(`worker pid ${worker.pid} listening on queue prefix ${prefix} after ${seconds(Date.now() - workerStartedAt)}`);
    say(`SMTP sink on port ${sink.port}`);

    // The bare route, before the load, as the baseline of the ratios below (figures swing with the machine).
    const bare = await benchBareRoute(api, {
      connections: 10,
      seconds: envInt('BENCH_BARE_SECONDS', 10),
      warmupSeconds: 2,
    });

    db = new Client({ connectionString: benchDatabaseUrl(DATABASE) });
    await db.connect();
    const token = await login(api.url, ADMIN.email, ADMIN.password);
    const assigneeIds: string[] = [];
    for (let i = 0; i < ASSIGNEES; i++) {
      const res = await sendJson(api.url, 'POST', '/api/users', token, {
        email: assigneeEmail(i),
        name: `Bench officer ${i}`,
        role: 'campaign-officer',
        regions: ['africa'],
        password: 'bench-officer-password',
      });
      if (res.status !== 201 || typeof res.body?.id !== 'string')
        throw new Error(`POST /api/users answered ${res.status}: ${res.text.slice(0, 300)}`);
      assigneeIds.push(res.body.id as string);
    }

    // A whole second, so that T reads the same in the request, the database and the job id.
    const t = Math.ceil((Date.now() + leadSeconds * 1000) / 1000) * 1000;
    // Follow-up n is due at its own millisecond of the spread (all at T when there is none).
    const dueOf = (n: number) => t + Math.floor((n * spreadSeconds * 1000) / count);
    const lastDue = dueOf(count - 1);
    say(
      `creating ${num(count)} follow-ups (${concurrency} requests at a time) due from T = ${new Date(t).toISOString()}` +
        ` to ${new Date(lastDue).toISOString()} ...`,
    );
    const creating = Date.now();
    const failures = await createFollowUps(api, token, count, concurrency, dueOf, assigneeIds, () => stopping);
    const createdIn = Date.now() - creating;
    if (stopping) return 130;
    if (failures.length > 0)
      throw new Error(`creating follow-ups failed (first ${failures.length}):\n  ${failures.join('\n  ')}`);
    say(
      `  created in ${seconds(createdIn)} (${num(count / (createdIn / 1000))}/s); ` +
        (Date.now() < t
          ? `T is ${seconds(t - Date.now())} away`
          : `creation overran T by ${seconds(Date.now() - t)}: lateness includes it`),
    );
    checkAlive(api, worker);

    // Wait for every title (not just 10,000 messages, which a duplicate could make up), then a little more.
    const deadline = lastDue + WAIT_AFTER_T_MS;
    const wanted = new Set(Array.from({ length: count }, (_, n) => `Follow-up due: ${title(n)} (Kenya)`));
    const seen = new Set<string>();
    let scanned = 0;
    let lastReport = t;
    let completeAt: number | undefined;
    // CPU from T on: the worker's, and the whole machine's (PostgreSQL, Redis and the sink included).
    let cpu: { worker: { stop(): number }; machine: { stop(): number } } | undefined;
    let cpuFigures: { worker: number; machine: number } | undefined;
    while (Date.now() < deadline && !stopping) {
      if (cpu === undefined && Date.now() >= t) cpu = { worker: sampleCpu(worker.pid), machine: sampleMachineBusy() };
      for (; scanned < sink.messages.length; scanned++) {
        const subject = sink.messages[scanned].subject;
        if (wanted.has(subject)) seen.add(subject);
      }
      if (seen.size === count) {
        if (completeAt === undefined) {
          completeAt = Date.now();
          // Up to the last email, not through the idle grace that follows.
          cpuFigures = { worker: cpu?.worker.stop() ?? Number.NaN, machine: cpu?.machine.stop() ?? Number.NaN };
        }
        if (Date.now() - completeAt >= DUPLICATE_GRACE_MS) break;
      }
      if (Date.now() - lastReport >= 10_000) {
        lastReport = Date.now();
        say(
          `  T+${seconds(Date.now() - t, 0)}: ${num(seen.size)} of ${num(count)} follow-ups have their email; ` +
            `${num(await composedCount(db))} reminders composed`,
        );
      }
      checkAlive(api, worker);
      await sleep(100);
    }
    const peakRssMb = rss.stop();
    cpuFigures ??= { worker: cpu?.worker.stop() ?? Number.NaN, machine: cpu?.machine.stop() ?? Number.NaN };
    const r = analyse(sink, count, dueOf);
    const lastMs = r.lateness.length > 0 ? r.lateness[r.lateness.length - 1] : Number.NaN;
    const medianMs = percentile(r.lateness, 50);
    say();

    const verdict = (what: string, ok: boolean) => judge(what, ok);
    const createRate = count / (createdIn / 1000);
    // From T to the last email: the rate the follow-ups fell due at (over the spread), unless the machine lagged.
    const lastAt = sink.messages.reduce((latest, m) => Math.max(latest, m.at), t);
    const deliveryRate = r.delivered / (Math.max(1_000, lastAt - t) / 1000);
    const allInTime = r.missing === 0 && lastMs <= TARGET.allWithinMs;
    say(
      table([
        ['measure', 'value', 'target', 'verdict'],
        ['follow-ups created', `${num(count)} in ${seconds(createdIn)}`, '', ''],
        ['bare route GET /health, 10 connections', `${num(bare.requestsPerSecond)} req/s`, '', ''],
        [
          `POST /api/follow-ups (${concurrency} at a time): vs bare`,
          `${num(createRate)}/s = ${vsBare(createRate, bare, 3)}`,
          '',
          '',
        ],
        ['emails from T to the last: vs bare', `${num(deliveryRate)}/s = ${vsBare(deliveryRate, bare, 3)}`, '', ''],
        ['emails received (all)', num(sink.messages.length), '', ''],
        ['follow-ups with their email', num(r.delivered), num(count), ''],
        [
          'each email after its time, at most',
          r.missing === 0 ? seconds(lastMs) : `not all after ${seconds(WAIT_AFTER_T_MS, 0)}`,
          `<= ${seconds(TARGET.allWithinMs, 0)}`,
          verdict('each email within its time', allInTime),
        ],
        ['lateness min', seconds(r.lateness.length > 0 ? r.lateness[0] : Number.NaN, 2), '', ''],
        [
          'lateness median',
          seconds(medianMs, 2),
          `< ${seconds(TARGET.medianMs, 0)}`,
          verdict('lateness median', medianMs < TARGET.medianMs),
        ],
        ['lateness p99', seconds(percentile(r.lateness, 99), 2), '', ''],
        ['lateness max', seconds(lastMs, 2), '', ''],
        [
          'duplicates',
          `${num(r.duplicates)} (${num(r.extraCopies)} extra)`,
          '0',
          verdict('no duplicates', r.duplicates === 0),
        ],
        ['missing', num(r.missing), '0', verdict('none missing', r.missing === 0)],
        [
          'worker peak RSS',
          `${num(peakRssMb, 1)} MB`,
          `< ${TARGET.rssMb} MB`,
          verdict('worker peak RSS', peakRssMb < TARGET.rssMb),
        ],
        ['worker CPU, T to the last email', `${num(cpuFigures.worker)}% of a core`, '', ''],
        ['machine CPU, T to last email', `${num(cpuFigures.machine)}% of ${cpus().length} cores`, '', ''],
      ]),
    );
    say(
      "(lateness: arrival at the sink - the follow-up's own time, for the first email of each follow-up; " +
        'RSS sampled every 200 ms)',
    );
    say();

    const problems: string[] = [];
    if (r.unexpected > 0) problems.push(`${r.unexpected} email(s) not for any follow-up, e.g. "${r.unexpectedSample}"`);
    if (r.wrongRecipient > 0) problems.push(`${r.wrongRecipient} email(s) to someone other than the assignee`);
    // The handler sends up to 1 s early by design (clock skew), so this is a note, not a failure.
    if (r.early > 0) say(`note: ${r.early} email(s) arrived before their time`);
    for (const line of await databaseState(db).catch((err: unknown) => [`not readable: ${errorText(err)}`]))
      say(`database: ${line}`);
    for (const c of [api, worker]) {
      if (c.outputLines() > 0)
        say(
          `${c.label} wrote ${c.outputLines()} log line(s) at LOG_LEVEL=warn; last: ${c.outputTail().split('\n').pop()}`,
        );
    }
    for (const p of problems) process.stderr.write(`${p}\n`);
    return r.missing > 0 || r.duplicates > 0 || problems.length > 0 ? 1 : 0;
  } finally {
    // A failed clean-up is reported but must not hide the error that brought us here.
    await cleanup().catch((err: unknown) => {
      process.stderr.write(`clean-up failed: ${errorText(err)}\n`);
      process.exitCode = 1;
    });
  }
}

runBench('bench:reminders', main);
