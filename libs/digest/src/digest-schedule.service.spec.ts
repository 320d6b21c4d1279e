import { JobQueue, loadConfig } from '@app/platform';
import { DigestRunsRepository } from './digest-runs.repository';
import { DigestSchedule } from './digest-schedule.service';

/** Runs that know when the schedule was first registered and which weeks were composed. */
function fakeRuns(firstRegisteredAt: string | null, composedWeeks: string[]) {
  return {
    firstRegisteredAt: () => Promise.resolve(firstRegisteredAt ? new Date(firstRegisteredAt) : null),
    wasComposed: (week: string) => Promise.resolve(composedWeeks.includes(week)),
  } as unknown as DigestRunsRepository;
}

const config = loadConfig({ DIGEST_CRON: '0 8 * * 1', DIGEST_TZ: 'Europe/Amsterdam' });
const schedule = (first: string | null, composed: string[] = []) =>
  new DigestSchedule(fakeRuns(first, composed), {} as JobQueue, config);

// Wednesday 25 November 2026; the last run was Monday 23 November, 08:00 in Amsterdam (07:00 UTC), for week 47.
const NOW = Date.parse('2026-11-25T10:00:00Z');

describe('catching up a missed digest run', () => {
  it('composes the last run’s week when PostgreSQL has no record of it', async () => {
    expect(await schedule('2026-11-01T00:00:00Z').dueJobs(NOW)).toEqual([
      { queue: 'digest', name: 'digest.compose', data: { week: '2026-W47', trigger: 'catch-up' } },
    ]);
  });

  it('does nothing once the week was composed, by whatever trigger', async () => {
    expect(await schedule('2026-11-01T00:00:00Z', ['2026-W47']).dueJobs(NOW)).toEqual([]);
  });

  it('does not send runs from before the schedule was first registered, nor without a schedule', async () => {
    expect(await schedule('2026-11-23T07:00:01Z').dueJobs(NOW)).toEqual([]);
    expect(await schedule(null).dueJobs(NOW)).toEqual([]);
  });

  it('leaves older missed weeks alone: only the latest run is caught up', async () => {
    expect(await schedule('2026-01-01T00:00:00Z', ['2026-W46']).dueJobs(NOW)).toEqual([
      expect.objectContaining({ data: { week: '2026-W47', trigger: 'catch-up' } }),
    ]);
    expect(await schedule('2026-01-01T00:00:00Z', ['2026-W47']).dueJobs(NOW)).toEqual([]);
  });

  it('names the week of a scheduled run by when it was due, not when a worker got to it', () => {
    const s = schedule('2026-01-01T00:00:00Z');
    expect(s.jobForRun(Date.parse('2026-11-23T07:00:00Z')).data).toEqual({ week: '2026-W47', trigger: 'schedule' });
    expect(s.jobForRun(Date.parse('2026-11-16T07:00:00Z')).data).toEqual({ week: '2026-W46', trigger: 'schedule' });
  });
});
