/**
 * Campaigns at scale: 1,000,000 actions and 200 campaigns (25 to 75 target states each). Measures a campaign's
 * progress (GET /api/campaigns/:id/progress), the stalled list per region (GET /api/insights/stalled?region=) and a
 * letter to 75 states with a follow-up each (POST /api/campaigns/:id/actions), against the built api, with each
 * read's ratio to the bare route (GET /health) of the same run. Run with `npm run bench:campaigns`; BENCH_SECONDS,
 * BENCH_CONNECTIONS and BENCH_ACTIONS override the load and the rows.
 */
import { existsSync } from 'node:fs';
import {
  API_MAIN,
  BenchSession,
  benchRoute,
  envInt,
  insertActions,
  num,
  percentile,
  reportMachineLoad,
  runBench,
  say,
  sendJson,
  table,
  verdict,
} from './bench-support';

const ADMIN = { email: 'bench-admin@tracker.test', password: 'bench-admin-password' };
const WARMUP_SECONDS = 2;
const CAMPAIGNS = 200;
const TARGET = { readP99Ms: 50, bulkMs: 1000 };
const LETTERS = 5;

async function main(): Promise<number> {
  const seconds = envInt('BENCH_SECONDS', 10);
  const connections = envInt('BENCH_CONNECTIONS', 10);
  const rows = envInt('BENCH_ACTIONS', 1_000_000);
  if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: run \`npm run build\` first`);
  const session = new BenchSession('tracker_bench_campaigns', ADMIN);
  await session.begin();
  try {
    await reportMachineLoad();
    const { api, token } = await session.startApi();
    const db = await session.connect();
    const [{ id: adminId }] = (await db.query<{ id: string }>(`SELECT id FROM app_user LIMIT 1`)).rows;
    // 200 campaigns, each targeting 25 to 75 states taken in turn from the list, begun in 2015.
    const states = (await db.query<{ code: string }>(`SELECT code FROM state ORDER BY code`)).rows.map((r) => r.code);
    const campaignIds: string[] = [];
    for (let i = 0; i < CAMPAIGNS; i++) {
      const [{ id }] = (
        await db.query<{ id: string }>(
          `INSERT INTO campaign (name, created_by, starts_on, goal_instrument, goal_stage)
           VALUES ($1, $2, '2015-01-01', 'rome-statute', 'party') RETURNING id`,
          [`Bench campaign ${i}`, adminId],
        )
      ).rows;
      const size = 25 + (i % 51);
      const codes = Array.from({ length: size }, (_, k) => states[(i * 7 + k) % states.length]);
      await db.query(`INSERT INTO campaign_state SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`, [id, codes]);
      campaignIds.push(id);
    }
    say(`seeding ${num(rows)} actions, one in twenty in one of ${CAMPAIGNS} campaigns ...`);
    await insertActions(db, rows, [adminId], campaignIds);
    await db.query('ANALYZE');

    say('loading GET /health (baseline) ...');
    const bare = await benchRoute(api, '/health', undefined, { connections, seconds, warmupSeconds: WARMUP_SECONDS });
    const reads = [`/api/campaigns/${campaignIds[50]}/progress`, '/api/insights/stalled?region=africa'];
    const results = [];
    for (const path of reads) {
      say(`loading GET ${path} ...`);
      results.push(await benchRoute(api, path, token, { connections, seconds, warmupSeconds: WARMUP_SECONDS }));
    }
    say(
      table([
        ['route', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'vs bare'],
        ...[{ ...bare, path: '/health (bare route)' }, ...results].map((r) => [
          r.path,
          num(r.requestsPerSecond),
          num(r.latencyP50),
          num(r.latencyP99),
          num(r.non2xx),
          `${(r.requestsPerSecond / bare.requestsPerSecond).toFixed(2)}x`,
        ]),
      ]),
    );
    for (const r of results) {
      verdict(
        `GET ${r.path} p99 ${r.latencyP99} ms (target < ${TARGET.readP99Ms} ms)`,
        r.latencyP99 < TARGET.readP99Ms,
      );
      verdict(`GET ${r.path} answers 200 only`, r.non2xx === 0 && r.errors === 0);
    }

    // Letters to 75 states with a follow-up each, timed one at a time over HTTP, on fresh 75-state campaigns.
    const codes75 = states.slice(0, 75);
    const dueOn = new Date(Date.now() + 14 * 86400_000).toISOString().slice(0, 10);
    const times: number[] = [];
    for (let i = 0; i < LETTERS; i++) {
      const created = await sendJson(api.url, 'POST', '/api/campaigns', token, {
        name: `Bench letter campaign ${i}`,
        stateCodes: codes75,
      });
      const started = performance.now();
      const res = await sendJson(api.url, 'POST', `/api/campaigns/${created.body.id}/actions`, token, {
        type: 'letter-head-of-state',
        date: new Date().toISOString().slice(0, 10),
        title: 'Ratify the Agreement on Privileges and Immunities',
        followUp: { dueOn },
      });
      times.push(performance.now() - started);
      if (res.status !== 201 || res.body.actions.length !== 75 || res.body.followUps.length !== 75) {
        throw new Error(`the letter answered ${res.status}: ${res.text.slice(0, 300)}`);
      }
    }
    times.sort((a, b) => a - b);
    say(`letter to 75 states with follow-ups: ${times.map((t) => num(t)).join(', ')} ms`);
    verdict(
      `POST /api/campaigns/:id/actions to 75 states, slowest of ${LETTERS} ${num(percentile(times, 100))} ms (target < ${TARGET.bulkMs} ms)`,
      percentile(times, 100) < TARGET.bulkMs,
    );
    return 0;
  } finally {
    await session.end();
  }
}

runBench('bench:campaigns', main);
