import { DomainError } from '@app/platform';
import { checkActionDate, latestActionDate } from './action-dates';

const messageOf = (fn: () => void): string => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return `${e.kind}: ${e.message}`;
    throw e;
  }
  return 'ok';
};

describe('checkActionDate', () => {
  const today = '2025-06-15';

  it('accepts dates from 1995-01-01 up to one year ahead, both ends included', () => {
    expect(messageOf(() => checkActionDate('1995-01-01', today))).toBe('ok');
    expect(messageOf(() => checkActionDate(today, today))).toBe('ok');
    expect(messageOf(() => checkActionDate('2026-06-15', today))).toBe('ok');
  });

  it('refuses a date before 1995 or more than a year ahead, naming the field', () => {
    expect(messageOf(() => checkActionDate('1994-12-31', today))).toBe(
      'invalid: date 1994-12-31 is before 1995-01-01, when the campaign began',
    );
    expect(messageOf(() => checkActionDate('2026-06-16', today))).toBe(
      'invalid: date 2026-06-16 is more than one year in the future (latest 2026-06-15)',
    );
  });

  it('refuses what is not a real calendar date', () => {
    expect(messageOf(() => checkActionDate('2025-02-29', today))).toBe(
      'invalid: date must be a real date written YYYY-MM-DD',
    );
  });

  it('moves 29 February a year on to 28 February, as PostgreSQL does', () => {
    expect(latestActionDate('2024-02-29')).toBe('2025-02-28');
  });
});
