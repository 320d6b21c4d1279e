/**
 * The weekly digest with 1,000,000 actions and 100,000 follow-ups: how long one digest takes to build
 * (GET /api/digests/preview: the SQL and the layout) and to reach 50 recipients through an SMTP sink
 * (POST /api/digests/send until the last message is accepted), against the built api and worker. Run with
 * `npm run bench:digest`; BENCH_ACTIONS, BENCH_FOLLOW_UPS, BENCH_RECIPIENTS and BENCH_BUILDS override the sizes,
 * BENCH_SECONDS the time the build and the bare route (GET /health) are loaded for the ratio between them.
 */
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { ACTION_TYPES } from '../../libs/advocacy/src/action-types';
import { weekActivityStatement } from '../../libs/advocacy/src/action-stats.repository';
import { digestQueries } from '../../libs/digest/src/digest-queries';
import { DigestWeek, lastEndedWeek } from '../../libs/digest/src/digest-week';
import { openAtWeekEndStatement } from '../../libs/follow-ups/src/follow-up-stats.repository';
import { treatyWeekStatement } from '../../libs/states/src/treaty-news.repository';
import {
  API_MAIN,
  ApiProcess,
  benchBareRoute,
  benchRoute,
  BenchSession,
  ChildHandle,
  envInt,
  errorText,
  num,
  percentile,
  reportMachineLoad,
  runBench,
  verdict,
  say,
  sendJson,
  startSmtpSink,
  startWorker,
  table,
  vsBare,
  waitWorkerReady,
  WORKER_MAIN,
} from './bench-support';

const DATABASE = 'tracker_bench_digest';
const ADMIN = { email: 'bench-admin@tracker.test', password: 'bench-admin-password' };
const TIME_ZONE = 'Europe/Amsterdam';
const BATCH = 250_000;
const TARGET = { buildMs: 1_000, sendMs: 10_000 };

/**
 * Actions as bench:actions loads them: every state in turn (with its region), the ten types in turn, a random date
 * from 2000-01-01 to today (about a hundred a day), a random author.
 */
const INSERT_ACTIONS_SQL = `
  INSERT INTO advocacy_action (state_code, region, type, date, title, logged_by)
  SELECT s.code, s.region, ($3::text[])[1 + g % cardinality($3::text[])],
         date '2000-01-01' + (random() * (current_date - date '2000-01-01'))::int,
         'Bench action ' || g,
         ($4::uuid[])[1 + floor(random() * cardinality($4::uuid[]))::int]
  FROM generate_series($1::int, $2::int) AS g
  JOIN (SELECT code, region, (row_number() OVER (ORDER BY code) - 1)::int AS i FROM state) s
    ON s.i = g % (SELECT count(*)::int FROM state)`;

/**
 * Follow-ups due from two years ago to a year ahead, as they stand in use: most past ones closed (done or cancelled
 * two days after their time), one in fourteen left open and overdue, nine in ten future ones open. Their reminders
 * and escalations are marked as sent, so the worker sends none of them: the sink receives only the digest.
 */
const INSERT_FOLLOW_UPS_SQL = `
  INSERT INTO follow_up (state_code, region, title, remind_at, assignee_id, created_by, status, closed_at,
                         created_at, reminder_for, escalated_for)
  SELECT s.code, s.region, 'Bench follow-up ' || y.g, y.remind_at, y.assignee, y.assignee, y.status,
         CASE WHEN y.status <> 'open' THEN LEAST(y.remind_at + interval '2 days', now() - interval '1 hour') END,
         LEAST(y.remind_at - interval '30 days', now() - interval '1 day'), y.remind_at, y.remind_at
  FROM (SELECT x.*,
               CASE WHEN x.remind_at < now()
                    THEN CASE WHEN x.g % 100 < 7 THEN 'open' WHEN x.g % 100 < 87 THEN 'done' ELSE 'cancelled' END
                    ELSE CASE WHEN x.g % 100 < 90 THEN 'open' ELSE 'done' END END AS status
          FROM (SELECT g, now() - interval '730 days' + random() * interval '1095 days' AS remind_at,
                       ($2::uuid[])[1 + floor(random() * cardinality($2::uuid[]))::int] AS assignee
                  FROM generate_series(1, $1::int) AS g) x) y
  JOIN (SELECT code, region, (row_number() OVER (ORDER BY code) - 1)::int AS i FROM state) s
    ON s.i = y.g % (SELECT count(*)::int FROM state)`;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

const WATCHED = ['advocacy_action', 'follow_up', 'treaty_event', 'implementation_change'];
/** Tables that must be read through an index. treaty_event is read whole by design: the status derivation
 * (treaty_status) folds every state's events, a few hundred rows. */
const INDEXED_ONLY = ['advocacy_action', 'follow_up'];

/** The statements the digest runs for a week, one per library that owns the figures, as DigestService runs them. */
function digestStatements(week: DigestWeek): { sql: string; params: unknown[] }[] {
  const q = digestQueries(week, TIME_ZONE, new Date());
  return [treatyWeekStatement(q.treaty), weekActivityStatement(q.actions), openAtWeekEndStatement(q.followUps)];
}

/** How PostgreSQL runs the digest's statements once: their time together and how they read the big tables. */
async function explain(db: Client, week: DigestWeek): Promise<{ ms: number; reads: string[]; seqScans: string[] }> {
  const reads = new Set<string>();
  const seqScans = new Set<string>();
  let ms = 0;
  const walk = (node: PlanNode) => {
    const index = node['Index Name'];
    if (index && WATCHED.some((t) => index.startsWith(t))) reads.add(`${node['Node Type']} ${index}`);
    if (node['Node Type'] === 'Seq Scan' && WATCHED.includes(node['Relation Name'] ?? '')) {
      seqScans.add(node['Relation Name']!);
    }
    node.Plans?.forEach(walk);
  };
  for (const { sql, params } of digestStatements(week)) {
    const [{ 'QUERY PLAN': plan }] = (
      await db.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params)
    ).rows as { 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }] }[];
    walk(plan[0].Plan);
    ms += plan[0]['Execution Time'];
  }
  return { ms, reads: [...reads], seqScans: [...seqScans] };
}

async function timedPreview(api: ApiProcess, token: string, weekOf: string): Promise<{ ms: number; html: string }> {
  const started = process.hrtime.bigint();
  const res = await fetch(`${api.url}/api/digests/preview?weekOf=${weekOf}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const html = await res.text();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (res.status !== 200) throw new Error(`GET /api/digests/preview answered ${res.status}: ${html.slice(0, 300)}`);
  return { ms, html };
}

async function main(): Promise<number> {
  const actions = envInt('BENCH_ACTIONS', 1_000_000);
  const followUps = envInt('BENCH_FOLLOW_UPS', 100_000);
  const recipients = envInt('BENCH_RECIPIENTS', 50);
  const builds = envInt('BENCH_BUILDS', 5);
  const loadSeconds = envInt('BENCH_SECONDS', 10);
  for (const main of [API_MAIN, WORKER_MAIN]) {
    if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first`);
  }

  say(`bench:digest: ${num(actions)} actions, ${num(followUps)} follow-ups, ${recipients} recipients`);
  say(`node ${process.version}, ${cpus().length} cores shared by PostgreSQL, the api, the worker and the SMTP sink`);
  await reportMachineLoad();

  const session = new BenchSession(DATABASE, ADMIN);
  await session.begin();
  let worker: ChildHandle | undefined;

  try {
    const sink = await startSmtpSink();
    session.atEnd(() => sink.stop());
    const settings = { SMTP_URL: sink.url, DIGEST_TZ: TIME_ZONE, DIGEST_EXTRA_RECIPIENTS: '' };
    const env = session.env(settings);
    const { api, token } = await session.startApi(settings);

    const db = await session.connect();
    await db.query(
      `INSERT INTO app_user (email, name, role, regions)
       SELECT 'bench-officer-' || i || '@tracker.test', 'Bench officer ' || i, 'campaign-officer', '{africa,europe}'
         FROM generate_series(1, 4) AS i`,
    );
    await db.query(
      `INSERT INTO app_user (email, name, role)
       SELECT 'bench-committee-' || i || '@committee.test', 'Committee member ' || i, 'steering-committee'
         FROM generate_series(1, $1::int) AS i`,
      [recipients],
    );
    const userIds = (
      await db.query<{ id: string }>(`SELECT id FROM app_user WHERE role IN ('admin', 'campaign-officer')`)
    ).rows.map((r) => r.id);

    const loadStarted = Date.now();
    for (let from = 1; from <= actions; from += BATCH) {
      const to = Math.min(actions, from + BATCH - 1);
      await db.query(INSERT_ACTIONS_SQL, [from, to, ACTION_TYPES, userIds]);
      say(`  ${num(to)} actions after ${((Date.now() - loadStarted) / 1000).toFixed(1)} s`);
    }
    await db.query(INSERT_FOLLOW_UPS_SQL, [followUps, userIds]);
    // As autovacuum leaves tables in use: statistics current and pages marked all-visible.
    await db.query('VACUUM ANALYZE advocacy_action');
    await db.query('VACUUM ANALYZE follow_up');
    const [sizes] = (
      await db.query<{ actions: number; follow_ups: number; open: number; size: string }>(
        `SELECT (SELECT count(*)::int FROM advocacy_action) AS actions, (SELECT count(*)::int FROM follow_up) AS follow_ups,
                (SELECT count(*)::int FROM follow_up WHERE status = 'open') AS open,
                pg_size_pretty(pg_total_relation_size('advocacy_action') + pg_total_relation_size('follow_up')) AS size`,
      )
    ).rows;
    say(
      `loaded ${num(sizes.actions)} actions and ${num(sizes.follow_ups)} follow-ups (${num(sizes.open)} open) in ` +
        `${((Date.now() - loadStarted) / 1000).toFixed(1)} s; ${sizes.size} with their indexes`,
    );

    // The week a Monday run would send now: the last one that has ended.
    const week = lastEndedWeek(Date.now(), TIME_ZONE);
    const [{ n: weekActions }] = (
      await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM advocacy_action WHERE deleted_at IS NULL AND date BETWEEN $1 AND $2`,
        [week.start, week.end],
      )
    ).rows;
    const plan = await explain(db, week);
    say(
      `week ${week.id} (${week.start} to ${week.end}): ${num(weekActions)} actions; the digest statement takes ` +
        `${plan.ms.toFixed(1)} ms in PostgreSQL, reading ${plan.reads.join(', ') || '?'}` +
        (plan.seqScans.length ? `; whole-table scan of ${plan.seqScans.join(', ')}` : ''),
    );

    // Build: the preview is the digest every recipient gets, SQL and layout, over HTTP.
    const first = await timedPreview(api, token, week.start);
    if (!first.html.includes(week.id) || !first.html.includes(`${weekActions} action`)) {
      throw new Error(
        `the preview of ${week.id} does not show its ${weekActions} actions: ${first.html.slice(0, 300)}`,
      );
    }
    const times: number[] = [];
    for (let i = 0; i < builds; i++) times.push((await timedPreview(api, token, week.start)).ms);
    times.sort((a, b) => a - b);
    const buildMedian = percentile(times, 50);
    say(
      `build: first ${num(first.ms)} ms, then median ${num(buildMedian)} ms, max ${num(times[times.length - 1])} ms ` +
        `over ${builds}; ${(Buffer.byteLength(first.html) / 1024).toFixed(1)} KB of HTML`,
    );

    // The same build under load, and the bare route in the same run: the ratio holds on a busy machine too.
    const load = { seconds: loadSeconds, warmupSeconds: 2 };
    const bare = await benchBareRoute(api, { ...load, connections: 10 });
    say(`loading GET /api/digests/preview (${cpus().length} connections) ...`);
    const underLoad = await benchRoute(api, `/api/digests/preview?weekOf=${week.start}`, token, {
      ...load,
      connections: cpus().length,
    });
    if (underLoad.non2xx + underLoad.errors > 0) {
      throw new Error(`GET /api/digests/preview under load answered ${JSON.stringify(underLoad.statusCodes)}`);
    }
    say(
      `build under load: ${num(underLoad.requestsPerSecond, 1)} digests/s (p99 ${num(underLoad.latencyP99)} ms), ` +
        `${vsBare(underLoad.requestsPerSecond, bare, 4)} the bare route's ${num(bare.requestsPerSecond)} req/s`,
    );

    const started = startWorker(env);
    worker = started;
    session.atEnd(() => started.stop(10_000));
    await waitWorkerReady(started, session.prefix, ['mail', 'digest']);
    const subject = `Rome Statute campaign: week ${week.id}`;
    const digests = () => sink.messages.filter((m) => m.subject.startsWith(subject));
    const sendStarted = Date.now();
    const sent = await sendJson(api.url, 'POST', '/api/digests/send', token, { weekOf: week.start });
    const composedMs = Date.now() - sendStarted;
    if (sent.status !== 202 || sent.body?.queued !== recipients) {
      throw new Error(`POST /api/digests/send answered ${sent.status}: ${sent.text.slice(0, 300)}`);
    }
    const deadline = sendStarted + 60_000;
    while (digests().length < recipients && Date.now() < deadline) await sleep(20);
    const delivered = digests();
    if (delivered.length < recipients) {
      throw new Error(`only ${delivered.length} of ${recipients} digests arrived within 60 s: ${worker.outputTail()}`);
    }
    const sendMs = Math.max(...delivered.map((m) => m.at)) - sendStarted;
    say(
      `send: composed for ${recipients} recipients in ${num(composedMs)} ms (202), all delivered after ${num(sendMs)} ms`,
    );

    const again = await sendJson(api.url, 'POST', '/api/digests/send', token, { weekOf: week.start });
    await sleep(2_000);
    const perRecipient = new Map<string, number>();
    for (const m of digests()) perRecipient.set(m.to, (perRecipient.get(m.to) ?? 0) + 1);
    const duplicates = [...perRecipient.values()].filter((n) => n > 1).length;
    say(
      `sent again: ${again.status}, ${String(again.body?.queued)} queued; ${perRecipient.size} recipients received ` +
        `${digests().length} digests, ${duplicates} of them more than one`,
    );

    const sendRate = recipients / (sendMs / 1000);
    say();
    say(
      table([
        ['measure', 'value', 'target'],
        ['digest SQL in PostgreSQL (EXPLAIN ANALYZE)', `${num(plan.ms, 1)} ms`, ''],
        ['build: GET /api/digests/preview, median', `${num(buildMedian)} ms`, `< ${num(TARGET.buildMs)} ms`],
        ['build: first request', `${num(first.ms)} ms`, ''],
        ['send: POST /api/digests/send answered', `${num(composedMs)} ms`, ''],
        [`send: ${recipients} emails accepted by the SMTP sink`, `${num(sendMs)} ms`, `< ${num(TARGET.sendMs)} ms`],
        ['duplicates after sending twice', num(duplicates), '0'],
        ['bare route GET /health, 10 connections', `${num(bare.requestsPerSecond)} req/s`, ''],
        [
          `build under load, ${cpus().length} connections: vs bare`,
          `${num(underLoad.requestsPerSecond, 1)}/s = ${vsBare(underLoad.requestsPerSecond, bare, 4)}`,
          '',
        ],
        ['send: emails accepted per second: vs bare', `${num(sendRate, 1)}/s = ${vsBare(sendRate, bare, 4)}`, ''],
      ]),
    );
    say();
    verdict(`build ${num(buildMedian)} ms (target < ${TARGET.buildMs})`, buildMedian < TARGET.buildMs);
    verdict(`send to ${recipients} in ${num(sendMs)} ms (target < ${TARGET.sendMs})`, sendMs < TARGET.sendMs);
    const unindexed = plan.seqScans.filter((t) => INDEXED_ONLY.includes(t));
    if (duplicates > 0 || perRecipient.size !== recipients || unindexed.length > 0) {
      process.stderr.write(
        `\nBENCHMARK INVALID: ${duplicates} recipient(s) got the digest twice, ${perRecipient.size} of ${recipients} got it, ` +
          `sequential scans of large tables: ${unindexed.join(', ') || 'none'}\n`,
      );
      return 1;
    }
    return 0;
  } catch (err) {
    if (worker) process.stderr.write(`worker's last output:\n${worker.outputTail()}\n`);
    throw new Error(errorText(err));
  } finally {
    await session.end();
  }
}

runBench('bench:digest', main);
