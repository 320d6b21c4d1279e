import { REGIONS } from '@app/accounts';
import type { WeekActivityQuery } from '@app/advocacy';
import type { WeekEndQuery } from '@app/follow-ups';
import type { TreatyWeekQuery } from '@app/states';
import { chartDates, DigestWeek, localDate, weekBounds } from './digest-week';

/**
 * What the digest asks each owner for one week, read at `now` in `timeZone`: the digest runs these, and
 * bench:digest explains the same ones.
 */
export function digestQueries(
  week: DigestWeek,
  timeZone: string,
  now: Date,
): { statusDate: string; treaty: TreatyWeekQuery; actions: WeekActivityQuery; followUps: WeekEndQuery } {
  const today = localDate(now, timeZone);
  const bounds = weekBounds(week, timeZone);
  // Status is taken on the Sunday, or today for the week in progress.
  const statusDate = week.end < today ? week.end : today;
  return {
    statusDate,
    treaty: {
      start: week.start,
      end: week.end,
      statusDate,
      recordedFrom: bounds.startsAt,
      recordedTo: bounds.endsAt,
      chartDates: chartDates(statusDate),
    },
    actions: { start: week.start, end: week.end, regions: REGIONS },
    // For the week in progress, overdue is due before now, as on the dashboards, not before the week's end.
    followUps: { weekEndsAt: bounds.endsAt, nextWeekEndsAt: bounds.nextEndsAt, regions: REGIONS, now },
  };
}
