import { DataSource } from 'typeorm';
import { DigestRunsRepository } from '@app/digest';
import { openTestDatabase } from '../../support/medium';

describe('DigestRunsRepository', () => {
  let db: DataSource;
  let runs: DigestRunsRepository;
  beforeAll(async () => {
    db = await openTestDatabase();
    runs = new DigestRunsRepository(db);
  });
  afterAll(() => db.destroy());

  it('keeps one run per week, adding the emails of later compositions to the first', async () => {
    expect(await runs.wasComposed('2026-W40')).toBe(false);
    const run = { week: '2026-W40', weekStart: '2026-09-28', composedBy: null };
    await runs.recordRun(db, { ...run, trigger: 'schedule', emails: 3 });
    await runs.recordRun(db, { ...run, trigger: 'manual', emails: 1 });
    expect(await runs.wasComposed('2026-W40')).toBe(true);
    const rows: { trigger: string; emails: number }[] = await db.query(
      `SELECT trigger, emails FROM digest_run WHERE week = '2026-W40'`,
    );
    expect(rows).toEqual([{ trigger: 'schedule', emails: 4 }]);
  });

  it('keeps the first registration time of the schedule when it is registered again with another cron', async () => {
    expect(await runs.firstRegisteredAt()).toBeNull();
    await runs.saveSchedule({ cron: '0 8 * * 1', tz: 'Europe/Amsterdam' });
    const first = await runs.firstRegisteredAt();
    expect(first).toBeInstanceOf(Date);
    await runs.saveSchedule({ cron: '0 9 * * 1', tz: 'UTC' });
    expect(await runs.firstRegisteredAt()).toEqual(first);
    const [schedule]: { cron: string; tz: string }[] = await db.query('SELECT cron, tz FROM digest_schedule');
    expect(schedule).toEqual({ cron: '0 9 * * 1', tz: 'UTC' });
  });
});
