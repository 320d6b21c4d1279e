/**
 * The actions export with 1,000,000 actions: GET /api/actions.csv downloaded whole from the built api, which
 * streams it in keyset batches; the rows per second and the api's resident memory while it does (targets: at least
 * 50,000 rows/s, peak RSS under 250 MB). Run with `npm run bench:export`; BENCH_ACTIONS sets the number of actions,
 * BENCH_SECONDS and BENCH_CONNECTIONS the bare route's load (the baseline of the ratio).
 */
import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { actionExportStatement } from '../../libs/advocacy/src/actions.repository';
import { ACTION_EXPORT_BATCH } from '../../libs/advocacy/src/action-csv.service';
import {
  API_MAIN,
  benchBareRoute,
  BenchSession,
  envInt,
  explainStatement,
  insertActions,
  num,
  reportMachineLoad,
  runBench,
  sampleCpu,
  sampleRss,
  say,
  sendJson,
  table,
  verdict,
  vsBare,
} from './bench-support';

const DATABASE = 'tracker_bench_export';
const ADMIN = { email: 'bench-admin@tracker.test', password: 'bench-admin-password' };
const WARMUP_SECONDS = 3;
const TARGET = { rowsPerSecond: 50_000, peakRssMb: 250 };
const HEADER = 'id,date,stateCode,stateName,region,type,title,';

/** The kernel's peak and current resident memory of a process, in MB (NaN when not readable). */
function memoryMb(pid: number): { hwm: number; rss: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1] ?? NaN);
    return { hwm: kb('VmHWM') / 1024, rss: kb('VmRSS') / 1024 };
  } catch {
    return { hwm: Number.NaN, rss: Number.NaN };
  }
}

/** Downloads a CSV as a spreadsheet tool would, counting its lines as they arrive rather than holding them. */
async function download(url: string, token: string) {
  const started = process.hrtime.bigint();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200 || !res.body) throw new Error(`GET ${url} answered ${res.status}: ${await res.text()}`);
  let lines = 0;
  let bytes = 0;
  let head = Buffer.alloc(0);
  let firstByteMs = Number.NaN;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    if (Number.isNaN(firstByteMs)) firstByteMs = Number(process.hrtime.bigint() - started) / 1e6;
    if (head.length < 200) head = Buffer.concat([head, chunk]).subarray(0, 200);
    bytes += chunk.length;
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === 0x0a) lines++;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    seconds,
    firstByteMs,
    bytes,
    rows: lines - 1,
    bom: head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf,
    header: head.subarray(3).toString('utf8'),
    contentType: res.headers.get('content-type'),
  };
}

async function main(): Promise<number> {
  const seconds = envInt('BENCH_SECONDS', 10);
  const connections = envInt('BENCH_CONNECTIONS', 10);
  const actions = envInt('BENCH_ACTIONS', 1_000_000);
  if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: run \`npm run build\` first`);

  say(
    `bench:export: ${num(actions)} actions downloaded as CSV (GET /api/actions.csv), batches of ${ACTION_EXPORT_BATCH}`,
  );
  say(`node ${process.version}, ${cpus().length} cores shared by PostgreSQL, the api and the downloader`);
  await reportMachineLoad();

  const session = new BenchSession(DATABASE, ADMIN);
  await session.begin();
  try {
    const { api, token } = await session.startApi();
    const campaign = await sendJson(api.url, 'POST', '/api/campaigns', token, { name: 'Bench campaign' });
    if (campaign.status !== 201) throw new Error(`POST /api/campaigns answered ${campaign.status}`);
    const db = await session.connect();
    const users = (await db.query<{ id: string }>('SELECT id FROM app_user ORDER BY email')).rows.map((r) => r.id);
    say(`inserting ${num(actions)} actions ...`);
    await insertActions(db, actions, users, [campaign.body.id as string]);
    await db.query('VACUUM (ANALYZE) advocacy_action');
    const live = Number(
      (await db.query(`SELECT count(*) AS n FROM advocacy_action WHERE deleted_at IS NULL`)).rows[0].n,
    );

    // A batch from the middle of the list: it must walk the index from its key, not sort the table.
    const middle = (
      await db.query<{ date: string; id: string }>(
        `SELECT to_char(date, 'YYYY-MM-DD') AS date, id::text FROM advocacy_action WHERE deleted_at IS NULL
         ORDER BY date DESC, id DESC OFFSET $1 LIMIT 1`,
        [Math.floor(live / 2)],
      )
    ).rows[0];
    const batch = actionExportStatement({ after: middle, limit: ACTION_EXPORT_BATCH });
    const plan = await explainStatement(db, batch.sql, batch.params, ['advocacy_action']);
    say(
      `\none batch from the middle, under EXPLAIN ANALYZE: ${plan.ms.toFixed(1)} ms; indexes ` +
        `${plan.indexes.join(', ') || '-'}; sequential scans ${plan.seqScans.join(', ') || 'none'}`,
    );

    const before = memoryMb(api.pid);
    say(
      `\ndownloading GET /api/actions.csv (api RSS before: ${num(before.rss, 1)} MB, high-water mark so far ` +
        `${num(before.hwm, 1)} MB) ...`,
    );
    const rss = sampleRss(api.pid, 100);
    const cpu = sampleCpu(api.pid);
    let got: Awaited<ReturnType<typeof download>>;
    try {
      got = await download(`${api.url}/api/actions.csv`, token);
    } finally {
      rss.stop();
    }
    const peakRss = rss.stop();
    const apiCpu = cpu.stop();
    const after = memoryMb(api.pid);
    if (api.exited() !== null) throw new Error(`api exited (${api.exited()}) during the run:\n${api.outputTail()}`);
    // The bare route is loaded after the export, so that the memory measured is the export's own rather than what
    // thousands of requests left in the heap.
    const bare = await benchBareRoute(api, { connections, seconds, warmupSeconds: WARMUP_SECONDS });

    const rowsPerSecond = got.rows / got.seconds;

    say();
    say(
      table([
        ['route', 'rows', 'MB sent', 's', 'first byte ms', 'rows/s', 'peak RSS MB', 'api CPU %', 'vs bare'],
        [
          'GET /health (bare route)',
          '-',
          '-',
          '-',
          '-',
          `${num(bare.requestsPerSecond)} req/s`,
          num(bare.peakRssMb, 1),
          num(bare.apiCpuPercent),
          '1.00x',
        ],
        [
          'GET /api/actions.csv',
          num(got.rows),
          num(got.bytes / 1_048_576, 1),
          got.seconds.toFixed(1),
          num(got.firstByteMs),
          num(rowsPerSecond),
          num(peakRss, 1),
          num(apiCpu),
          vsBare(rowsPerSecond, bare),
        ],
      ]),
    );
    say(
      `(vs bare: rows per second as a multiple of the bare route's requests per second; api RSS sampled every ` +
        `100 ms; the kernel's high-water mark since the api started: ${num(after.hwm, 1)} MB)`,
    );
    say();

    const problems = [
      got.contentType !== 'text/csv; charset=utf-8' && `content-type ${got.contentType}`,
      !got.bom && 'no byte-order mark',
      !got.header.startsWith(HEADER) && `header ${JSON.stringify(got.header.slice(0, 80))}`,
      got.rows !== live && `${got.rows} rows for ${live} live actions`,
      plan.seqScans.length > 0 && `a batch scans ${plan.seqScans.join(', ')}`,
    ].filter((p): p is string => typeof p === 'string');
    for (const p of problems) process.stderr.write(`export: ${p}\n`);
    verdict(
      `GET /api/actions.csv ${num(rowsPerSecond)} rows/s (target >= ${num(TARGET.rowsPerSecond)})`,
      rowsPerSecond >= TARGET.rowsPerSecond,
    );
    verdict(
      `api peak RSS during the export ${num(peakRss, 1)} MB (target < ${TARGET.peakRssMb})`,
      peakRss < TARGET.peakRssMb,
    );
    if (problems.length > 0) {
      process.stderr.write('\nBENCHMARK INVALID: the export is not what it should be (see above).\n');
      return 1;
    }
    return 0;
  } finally {
    await session.end();
  }
}

runBench('bench:export', main);
