import { isoWeekOf, lastEndedWeek, localDate, nextFire, previousFire, weekBounds, weekFromId } from './digest-week';

describe('the weeks a digest covers', () => {
  it('names ISO weeks, including those that straddle a new year', () => {
    expect(isoWeekOf('2026-11-18')).toEqual({ id: '2026-W47', start: '2026-11-16', end: '2026-11-22' });
    expect(isoWeekOf('2026-11-22')).toEqual({ id: '2026-W47', start: '2026-11-16', end: '2026-11-22' });
    // 1 January 2021 was a Friday: still in the last week of 2020, which had 53.
    expect(isoWeekOf('2021-01-01')).toEqual({ id: '2020-W53', start: '2020-12-28', end: '2021-01-03' });
    // 31 December 2024 was a Tuesday: already week 1 of 2025.
    expect(isoWeekOf('2024-12-31')).toEqual({ id: '2025-W01', start: '2024-12-30', end: '2025-01-05' });
  });

  it('reads a week back from its id, and refuses ids that name no week', () => {
    for (const date of ['2020-12-31', '2025-01-01', '2026-06-15', '2027-01-03']) {
      expect(weekFromId(isoWeekOf(date).id)).toEqual(isoWeekOf(date));
    }
    expect(weekFromId('2021-W53')).toBeUndefined();
    expect(weekFromId('2026-W00')).toBeUndefined();
    expect(weekFromId('2026-47')).toBeUndefined();
  });

  it('covers the seven days before a Monday run, by the calendar of the configured time zone', () => {
    // Monday 23 November 2026, 08:00 in Amsterdam is 07:00 UTC.
    expect(lastEndedWeek(Date.parse('2026-11-23T07:00:00Z'), 'Europe/Amsterdam').id).toBe('2026-W47');
    // 23:30 UTC on Sunday is already Monday in Amsterdam, but not in New York.
    const sundayNight = Date.parse('2026-11-22T23:30:00Z');
    expect(lastEndedWeek(sundayNight, 'Europe/Amsterdam').id).toBe('2026-W47');
    expect(lastEndedWeek(sundayNight, 'America/New_York').id).toBe('2026-W46');
    // Later in the week it is still the week that ended on the Sunday before.
    expect(lastEndedWeek(Date.parse('2026-11-26T12:00:00Z'), 'Europe/Amsterdam').id).toBe('2026-W47');
  });

  it('bounds a week by midnights of the time zone, across a daylight-saving change', () => {
    // Summer time ended in Amsterdam on Sunday 25 October 2026.
    const bounds = weekBounds(isoWeekOf('2026-10-21'), 'Europe/Amsterdam');
    expect(bounds.startsAt.toISOString()).toBe('2026-10-18T22:00:00.000Z');
    expect(bounds.endsAt.toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect(bounds.nextEndsAt.toISOString()).toBe('2026-11-01T23:00:00.000Z');
    expect(localDate(bounds.endsAt, 'Europe/Amsterdam')).toBe('2026-10-26');
  });

  it('finds when the cron last fired, in its time zone', () => {
    const now = Date.parse('2026-11-25T10:00:00Z'); // a Wednesday
    expect(new Date(previousFire(now, '0 8 * * 1', 'Europe/Amsterdam')!).toISOString()).toBe(
      '2026-11-23T07:00:00.000Z',
    );
    expect(new Date(previousFire(now, '0 8 * * 1', 'America/New_York')!).toISOString()).toBe(
      '2026-11-23T13:00:00.000Z',
    );
    expect(previousFire(Date.parse('2026-11-25T10:00:07.500Z'), '*/5 * * * * *', 'UTC')).toBe(
      Date.parse('2026-11-25T10:00:05Z'),
    );
    // A fire exactly now counts as fired.
    expect(previousFire(Date.parse('2026-11-23T07:00:00Z'), '0 8 * * 1', 'Europe/Amsterdam')).toBe(
      Date.parse('2026-11-23T07:00:00Z'),
    );
    expect(nextFire(now, '0 8 * * 1', 'Europe/Amsterdam')).toBe(Date.parse('2026-11-30T07:00:00Z'));
  });
});
