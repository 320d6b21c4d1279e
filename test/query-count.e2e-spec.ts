import { startApi, TestApi } from './support/api';
import { watchStatements } from './support/statements';

/**
 * Counts the SQL statements the api sends while serving one request, by watching the pg driver the
 * api uses in this process. Reads must stay within a fixed number of statements whatever the data size.
 */
describe('every read runs a bounded number of SQL statements', () => {
  let api: TestApi;
  let statements: string[] = [];
  let watching: ReturnType<typeof watchStatements>;

  // Fixed ids, so that the list of reads below can name one action and one campaign.
  const CAMPAIGN_ID = '5c1f3a52-2f55-4c5e-9a3e-0c6a1d2e7b10';
  const ACTION_ID = '8d2b6e41-7a0c-4f3e-b5d9-3e4f5a6b7c80';
  const FOLLOW_UP_ID = '2a7c9e10-4b3d-4e5f-8a1b-6c7d8e9f0a12';

  beforeAll(async () => {
    api = await startApi();
    await api.db.query(
      `INSERT INTO campaign (id, name, created_by) SELECT $1, 'Counted campaign', id FROM app_user LIMIT 1`,
      [CAMPAIGN_ID],
    );
    await api.db.query(`INSERT INTO campaign_state (campaign_id, state_code) VALUES ($1, 'KEN'), ($1, 'UKR')`, [
      CAMPAIGN_ID,
    ]);
    await api.db.query(
      `INSERT INTO advocacy_action (id, state_code, region, type, date, title, campaign_id, logged_by)
       SELECT $1, 'KEN', 'africa', 'meeting', DATE '2025-03-14', 'Counted action', $2, id FROM app_user LIMIT 1`,
      [ACTION_ID, CAMPAIGN_ID],
    );
    await api.db.query(
      `INSERT INTO follow_up (id, state_code, region, action_id, title, remind_at, assignee_id, created_by)
       SELECT $1, 'KEN', 'africa', $2, 'Counted follow-up', now() + interval '1 day', id, id FROM app_user LIMIT 1`,
      [FOLLOW_UP_ID, ACTION_ID],
    );
    watching = watchStatements(api.db);
  });
  afterAll(async () => {
    watching.restore();
    await api.close();
  });

  // Opening and closing a transaction reads nothing: what is bounded is the statements that read data.
  const TRANSACTION_CONTROL = /^\s*(START TRANSACTION|SET TRANSACTION|BEGIN|COMMIT|ROLLBACK)\b/i;
  const statementsFor = async (path: string) => {
    let status = 0;
    statements = await watching.during(async () => {
      status = (await api.request('GET', path)).status;
    });
    expect({ path, status }).toEqual({ path, status: 200 });
    return statements.filter((s) => !TRANSACTION_CONTROL.test(s)).length;
  };

  const READS = [
    '/api/states',
    '/api/states?asOf=2016-12-31&region=africa&stage=party',
    '/api/states/UKR',
    '/api/states/UKR?asOf=2020-01-01',
    '/api/stats/parties',
    '/api/stats/parties?instrument=apic&from=2004-01-01&to=2020-12-31',
    '/api/me',
    '/api/users',
    '/health/ready',
    '/api/actions',
    `/api/actions?state=ken&region=africa&type=meeting&campaign=${CAMPAIGN_ID}&from=2020-01-01&to=2030-12-31&loggedBy=me&limit=10`,
    `/api/actions/${ACTION_ID}`,
    '/api/campaigns',
    `/api/campaigns/${CAMPAIGN_ID}`,
    '/api/follow-ups',
    `/api/follow-ups?assignee=me&status=open&state=KEN&region=africa&dueBefore=2030-01-01T00:00:00Z&limit=5`,
    `/api/follow-ups/${FOLLOW_UP_ID}`,
    '/api/audit',
    `/api/audit?entity=action&id=${ACTION_ID}&actor=system&from=2020-01-01&to=2030-12-31T00:00:00Z&limit=5`,
  ];

  it('stays at five statements or fewer for every read endpoint', async () => {
    const counts: Record<string, number> = {};
    for (const path of READS) counts[path] = await statementsFor(path);
    for (const [path, n] of Object.entries(counts)) expect({ path, n, ok: n <= 5 }).toEqual({ path, n, ok: true });
  });

  it('does not grow with the number of events recorded', async () => {
    const before = await statementsFor('/api/states/MEX');
    const beforeList = await statementsFor('/api/states?asOf=2025-01-01');
    await api.db.query(`
      INSERT INTO implementation_change (state_code, track, stage, date)
      SELECT 'MEX', CASE WHEN g % 2 = 0 THEN 'crimes' ELSE 'cooperation' END, 'drafting', DATE '2003-01-01' + g
      FROM generate_series(1, 500) g`);
    expect(await statementsFor('/api/states/MEX')).toBe(before);
    expect(await statementsFor('/api/states?asOf=2025-01-01')).toBe(beforeList);
  });

  it('lists actions in three statements, the token, the revision and the page, however many there are', async () => {
    await api.db.query(`
      INSERT INTO advocacy_action (state_code, region, type, date, title, logged_by)
      SELECT 'KEN', 'africa', 'call', DATE '2010-01-01' + g, 'Call ' || g, (SELECT id FROM app_user LIMIT 1)
      FROM generate_series(1, 500) g`);
    expect(await statementsFor('/api/actions?limit=200')).toBe(3);
    const page = await api.request('GET', '/api/actions?state=KEN&limit=100');
    const next = `/api/actions?state=KEN&limit=100&cursor=${page.body.nextCursor}`;
    expect(await statementsFor(next)).toBe(3);
    // The same page again, the records unchanged: kept for their revision, so the token and the revision only.
    expect(await statementsFor(next)).toBe(2);
    expect(await statementsFor(`/api/actions/${ACTION_ID}`)).toBe(2);
  });

  it('builds a digest in a fixed number of statements in one snapshot, whatever the week holds', async () => {
    // After the token: the treaty news (states); the week's actions and the kinds of organisations in them
    // (advocacy, two); the follow-ups open at its end (follow-ups); the pledges due and kept, the unmoved states,
    // their latest actions and the playbook (insight, four). Not yet one statement per owner, as the other reads are.
    expect(await statementsFor('/api/digests/preview?weekOf=2010-01-05')).toBe(9);
    expect(statements.filter((s) => TRANSACTION_CONTROL.test(s))).toEqual([
      'START TRANSACTION',
      'SET TRANSACTION ISOLATION LEVEL REPEATABLE READ',
      'COMMIT',
    ]);
    expect(await statementsFor('/api/digests/preview?weekOf=2025-03-12')).toBe(9);
  });

  it('computes each dashboard in a fixed number of statements, and keeps the status figures until it changes', async () => {
    const paths = ['/api/dashboards/global', '/api/dashboards/regions/africa', '/api/dashboards/states/KEN'];
    // A change of the status drops what was kept: the first read then computes everything.
    await api.db.query(`UPDATE state SET name_fr = name_fr WHERE code = 'KEN'`);
    await new Promise((done) => setTimeout(done, 200));
    const cold = [];
    for (const path of paths) cold.push(await statementsFor(path));
    const warm = [];
    for (const path of paths) warm.push(await statementsFor(path));
    await api.db.query(`
      INSERT INTO advocacy_action (state_code, region, type, date, title, logged_by)
      SELECT 'KEN', 'africa', 'call', current_date - (g % 80), 'Call ' || g, (SELECT id FROM app_user LIMIT 1)
      FROM generate_series(1, 300) g`);
    await api.db.query(`
      INSERT INTO follow_up (state_code, region, title, remind_at, assignee_id, created_by)
      SELECT 'KEN', 'africa', 'Follow-up ' || g, now() + g * interval '1 hour', id, id
      FROM (SELECT id FROM app_user LIMIT 1) u, generate_series(1, 300) g`);
    const later = [];
    for (const path of paths) later.push(await statementsFor(path));
    // Token check, then: the world's 7 figures; a region's states and 6 figures; a state's status and 3 figures.
    expect(cold).toEqual([8, 8, 5]);
    // Kept: what derives from the status. Read each time: actions and follow-ups.
    expect(warm).toEqual([3, 3, 3]);
    expect(later).toEqual(warm);
  });

  it('serves the unchanged list from its cache with one statement, the token check', async () => {
    await statementsFor('/api/states?region=europe');
    expect(await statementsFor('/api/states?region=europe')).toBe(1);
  });

  it('serves the unchanged parties series from its cache with one statement, the token check', async () => {
    await statementsFor('/api/stats/parties?instrument=apic&from=2004-01-01&to=2019-12-31');
    expect(await statementsFor('/api/stats/parties?instrument=apic&from=2004-01-01&to=2019-12-31')).toBe(1);
  });

  it('serves an unchanged state from its cache with one statement, and reads it again once its status changes', async () => {
    const first = await api.request('GET', '/api/states/NOR?asOf=2030-01-01');
    expect(await statementsFor('/api/states/NOR?asOf=2030-01-01')).toBe(1);
    await api.db.query(
      `INSERT INTO implementation_change (state_code, track, stage, date) VALUES ('NOR', 'crimes', 'enacted', '2029-06-01')`,
    );
    // The api hears of the change through PostgreSQL's NOTIFY; give it a moment to arrive.
    const deadline = Date.now() + 3000;
    let after = await api.request('GET', '/api/states/NOR?asOf=2030-01-01');
    while (after.text === first.text && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      after = await api.request('GET', '/api/states/NOR?asOf=2030-01-01');
    }
    expect(after.body.implementation.crimes).toBe('enacted');
    expect(await statementsFor('/api/states/NOR?asOf=2030-01-01')).toBe(1);
  });
});
