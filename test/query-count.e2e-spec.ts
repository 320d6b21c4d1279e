import { Client } from 'pg';
import { startApi, TestApi } from './support/api';

/**
 * Counts the SQL statements the api sends while serving one request, by watching the pg driver the
 * api uses in this process. Reads must stay within a fixed number of statements whatever the data size.
 */
describe('every read runs a bounded number of SQL statements', () => {
  let api: TestApi;
  let counting = false;
  let statements: string[] = [];
  const original = Client.prototype.query;

  beforeAll(async () => {
    api = await startApi();
    const testClient = api.db;
    Client.prototype.query = function (this: Client, ...args: unknown[]) {
      if (counting && this !== testClient)
        statements.push(String((args[0] as { text?: string })?.text ?? args[0]).slice(0, 80));
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof Client.prototype.query;
  });
  afterAll(async () => {
    Client.prototype.query = original;
    await api.close();
  });

  const statementsFor = async (path: string) => {
    statements = [];
    counting = true;
    const res = await api.request('GET', path);
    counting = false;
    expect({ path, status: res.status }).toEqual({ path, status: 200 });
    return statements.length;
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

  it('serves the unchanged list from its cache with two statements: the token and the revision', async () => {
    await statementsFor('/api/states?region=europe');
    expect(await statementsFor('/api/states?region=europe')).toBe(2);
  });
});
