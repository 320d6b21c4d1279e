import { defaultRepeatStrategy } from 'bullmq';
import { dateTimeFormat, zonedInstant } from '@app/platform';

/** A digest covers one ISO 8601 week, Monday to Sunday, in DIGEST_TZ. */
export interface DigestWeek {
  /** `2026-W47`: the key of the week's emails and of its job. */
  id: string;
  /** Monday, YYYY-MM-DD. */
  start: string;
  /** Sunday, YYYY-MM-DD. */
  end: string;
}

const DAY_MS = 86_400_000;
const WEEK_ID = /^(\d{4})-W(\d{2})$/;

const dayMs = (date: string) => Date.parse(`${date}T00:00:00Z`);
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  return dateOf(dayMs(date) + days * DAY_MS);
}

/** 1 for Monday … 7 for Sunday. */
export function isoWeekday(date: string): number {
  return ((new Date(dayMs(date)).getUTCDay() + 6) % 7) + 1;
}

/** The ISO week a calendar date falls in (the week belongs to the year of its Thursday). */
export function isoWeekOf(date: string): DigestWeek {
  const monday = dayMs(date) - (isoWeekday(date) - 1) * DAY_MS;
  const thursday = monday + 3 * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const week = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return { id: `${year}-W${String(week).padStart(2, '0')}`, start: dateOf(monday), end: dateOf(monday + 6 * DAY_MS) };
}

/** The week with that id (`2026-W47`); undefined for an id that names no week. */
export function weekFromId(id: string): DigestWeek | undefined {
  const m = WEEK_ID.exec(id);
  if (!m) return undefined;
  // 4 January is always in week 1.
  const jan4 = `${m[1]}-01-04`;
  const week = isoWeekOf(addDays(jan4, (Number(m[2]) - 1) * 7));
  return week.id === id ? week : undefined;
}

/** The calendar date at `instant` in `timeZone`. */
export function localDate(instant: Date | number, timeZone: string): string {
  const parts = dateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/**
 * The last week that has ended at `instant` in `timeZone`: for a run on Monday, the seven days before it;
 * later in the week, still the week that ended on the Sunday before.
 */
export function lastEndedWeek(instant: Date | number, timeZone: string): DigestWeek {
  const today = localDate(instant, timeZone);
  return isoWeekOf(addDays(today, -isoWeekday(today)));
}

export interface WeekBounds {
  /** Monday 00:00 in the time zone. */
  startsAt: Date;
  /** The Monday after, 00:00: the end of the week. */
  endsAt: Date;
  /** A week after `endsAt`: the end of the week the digest is read in. */
  nextEndsAt: Date;
}

export function weekBounds(week: DigestWeek, timeZone: string): WeekBounds {
  return {
    startsAt: zonedInstant(week.start, 0, 0, timeZone),
    endsAt: zonedInstant(addDays(week.end, 1), 0, 0, timeZone),
    nextEndsAt: zonedInstant(addDays(week.end, 8), 0, 0, timeZone),
  };
}

/** The next time `cron` fires after `after` in `timeZone`, by BullMQ's own rules (its job scheduler uses them). */
export function nextFire(after: number, cron: string, timeZone: string): number | undefined {
  return defaultRepeatStrategy(after, { pattern: cron, tz: timeZone });
}

/**
 * The last time `cron` fired at or before `now` in `timeZone` (within a year), or undefined. Cron parsers
 * only step forward, so this looks back over growing windows and steps forward from the first fire in one.
 */
export function previousFire(now: number, cron: string, timeZone: string): number | undefined {
  for (const back of [60_000, 3_600_000, DAY_MS, 8 * DAY_MS, 32 * DAY_MS, 367 * DAY_MS]) {
    let fired = nextFire(now - back, cron, timeZone);
    if (fired === undefined || fired > now) continue;
    // The smallest window holding a fire holds few: at most one a second over a minute.
    for (let i = 0; i < 100_000; i++) {
      const following = nextFire(fired, cron, timeZone);
      if (following === undefined || following > now) break;
      fired = following;
    }
    return fired;
  }
  return undefined;
}

/** The dates of the parties chart: the end of every year from the first in force (2002), then the status date. */
export function chartDates(statusDate: string): string[] {
  const dates: string[] = [];
  for (let year = 2002; `${year}-12-31` < statusDate; year++) dates.push(`${year}-12-31`);
  return [...dates, statusDate];
}
