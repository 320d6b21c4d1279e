import { addYears, commonError, isCalendarDate, todayUtc } from '@app/platform';

/** The coalition's campaign began in 1995; an earlier date is a typing mistake. */
export const EARLIEST_ACTION_DATE = '1995-01-01';

/** Actions may be logged ahead (a planned meeting), but not beyond a year: further out is a typing mistake. */
export function latestActionDate(today: string = todayUtc()): string {
  return addYears(today, 1);
}

/** Throws the common 'bad-date' error naming `field` unless `date` is a real date in the allowed range. */
export function checkActionDate(date: string, today: string = todayUtc(), field = 'date'): void {
  if (!isCalendarDate(date)) throw commonError('bad-date', `${field} must be a real date written YYYY-MM-DD`);
  if (date < EARLIEST_ACTION_DATE) {
    throw commonError('bad-date', `${field} ${date} is before ${EARLIEST_ACTION_DATE}, when the campaign began`);
  }
  const latest = latestActionDate(today);
  if (date > latest) {
    throw commonError('bad-date', `${field} ${date} is more than one year in the future (latest ${latest})`);
  }
}
