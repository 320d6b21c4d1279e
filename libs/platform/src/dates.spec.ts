import { addYears, isCalendarDate } from './dates';

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
