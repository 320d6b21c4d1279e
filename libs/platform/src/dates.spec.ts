import { addYears, isCalendarDate, parseInstant, zonedInstant } from './dates';

describe('calendar dates', () => {
  it('accepts real dates written YYYY-MM-DD only', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2025-13-01')).toBe(false);
    expect(isCalendarDate('2025-1-01')).toBe(false);
    expect(isCalendarDate('2025-01-01T00:00:00Z')).toBe(false);
    expect(isCalendarDate(20250101)).toBe(false);
  });

  it('adds years as PostgreSQL does, 29 February going to 28 February', () => {
    expect(addYears('2016-10-27', 1)).toBe('2017-10-27');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
  });
});

describe('zonedInstant', () => {
  it('places a wall-clock time in its time zone, in winter and in summer', () => {
    expect(zonedInstant('2026-01-15', 9, 0, 'Europe/Amsterdam').toISOString()).toBe('2026-01-15T08:00:00.000Z');
    expect(zonedInstant('2026-07-15', 9, 0, 'Europe/Amsterdam').toISOString()).toBe('2026-07-15T07:00:00.000Z');
    expect(zonedInstant('2026-03-29', 9, 0, 'Europe/Amsterdam').toISOString()).toBe('2026-03-29T07:00:00.000Z');
    expect(zonedInstant('2026-11-22', 9, 0, 'America/New_York').toISOString()).toBe('2026-11-22T14:00:00.000Z');
    expect(zonedInstant('2026-11-22', 9, 0, 'UTC').toISOString()).toBe('2026-11-22T09:00:00.000Z');
  });
});

describe('parseInstant', () => {
  it('reads ISO 8601 instants with their offset', () => {
    expect(parseInstant('2026-03-01T09:30:00Z')?.toISOString()).toBe('2026-03-01T09:30:00.000Z');
    expect(parseInstant('2026-03-01T10:30+01:00')?.toISOString()).toBe('2026-03-01T09:30:00.000Z');
    expect(parseInstant('2026-03-01T09:30:00.123456-02:00')?.toISOString()).toBe('2026-03-01T11:30:00.123Z');
  });

  it('refuses local times, dates alone and times that do not exist instead of rolling them over', () => {
    for (const bad of [
      '2026-03-01T09:30:00',
      '2026-03-01',
      '2026-02-30T10:00:00Z',
      '2026-03-01T24:00:00Z',
      '2026-03-01T10:60:00Z',
      '2026-03-01T10:00:00+25:00',
      '0000-01-01T00:00:00Z',
      20260301,
    ]) {
      expect(parseInstant(bad)).toBeNull();
    }
  });
});
