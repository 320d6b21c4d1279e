import { execFile } from 'node:child_process';
import { join } from 'node:path';

jest.setTimeout(120_000);

const ROOT = join(__dirname, '..');

/**
 * Runs a benchmark `main` through runBench as the bench:* scripts do (ts-node, with the @app/* paths); answers its exit
 * code and output.
 */
function runFakeBench(main: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const script = `
    const { runBench, verdict, judge } = require('./test/bench/bench-support');
    runBench('bench:fake', async () => { ${main} });
  `;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', '-e', script],
      { cwd: ROOT, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
  });
}

/** A benchmark that misses a target must not exit 0: a script or CI reading only the exit code would call it a pass. */
describe('the benchmarks’ exit code', () => {
  it('is 0 when every target passes, 2 when one is missed, 1 when the run failed or was invalid', async () => {
    const passed = await runFakeBench(`verdict('p99 3 ms (target < 10)', true); judge('median', true); return 0;`);
    const missedLine = await runFakeBench(
      `verdict('p99 12 ms (target < 10)', false); verdict('req/s', true); return 0;`,
    );
    const missedCell = await runFakeBench(
      `const cell = judge('peak RSS', false); console.log('cell ' + cell); return 0;`,
    );
    const invalid = await runFakeBench(`verdict('p99 12 ms (target < 10)', false); return 1;`);
    const failed = await runFakeBench(`throw new Error('the api did not start');`);
    expect(passed).toMatchObject({ code: 0 });
    expect(passed.stdout).toContain('verdict: p99 3 ms (target < 10) => PASS');
    expect(missedLine).toMatchObject({ code: 2 });
    expect(missedLine.stdout).toContain('verdict: p99 12 ms (target < 10) => MISS');
    expect(missedLine.stderr).toContain('bench:fake: 1 target(s) missed: p99 12 ms (target < 10)');
    expect(missedCell).toMatchObject({ code: 2 });
    expect(missedCell.stdout).toContain('cell MISS');
    expect(invalid).toMatchObject({ code: 1 });
    expect(failed).toMatchObject({ code: 1 });
    expect(failed.stderr).toContain('bench:fake failed: ');
  });
});
