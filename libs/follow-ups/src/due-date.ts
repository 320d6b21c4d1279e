import { dateTimeFormat, zonedInstant } from '@app/platform';
import { followUpsError } from './follow-ups.errors';

/** A follow-up given a due date rather than an instant is reminded at this hour of that day, in DIGEST_TZ. */
export const DUE_DATE_REMINDER_HOUR = 9;

/**
 * How far in the past a new reminder time may be: a client's clock a little behind, or "now" sent a moment late.
 * Anything earlier is refused: a reminder time already past would only send (and escalate) at once.
 */
export const REMIND_AT_GRACE_MS = 5 * 60_000;

/** How far ahead a reminder may be set. */
export const REMIND_AT_MAX_AHEAD_MS = 2 * 366 * 86400_000;

/** At most this many reminder emails per follow-up within 24 hours; a reschedule that would send more is refused. */
export const MAX_REMINDERS_PER_DAY = 5;

/** The reminder instant of a due date: 09:00 on that day in the coalition's time zone (DIGEST_TZ). */
export function remindAtForDueDate(dueOn: string, timeZone: string): Date {
  return zonedInstant(dueOn, DUE_DATE_REMINDER_HOUR, 0, timeZone);
}

/** Whether a reminder time has passed, beyond the grace: such a time is refused on create and on reschedule. */
export function isPastReminderTime(remindAt: Date, now: Date = new Date()): boolean {
  return remindAt.getTime() < now.getTime() - REMIND_AT_GRACE_MS;
}

/** The calendar date (YYYY-MM-DD) of an instant in `timeZone`. */
function dateIn(instant: Date, timeZone: string): string {
  return dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/**
 * The first day a follow-up can be due on: today in `timeZone` while its 09:00 has not passed, else tomorrow.
 * Forms offer no earlier day, and the service refuses one.
 */
export function earliestDueOn(timeZone: string, now: Date = new Date()): string {
  const today = dateIn(now, timeZone);
  if (!isPastReminderTime(remindAtForDueDate(today, timeZone), now)) return today;
  return new Date(Date.parse(`${today}T00:00:00Z`) + 86400_000).toISOString().slice(0, 10);
}

/** When a follow-up is reminded, as a caller gives it: an instant, or a day (reminded at 09:00 in DIGEST_TZ). */
export interface ReminderTime {
  remindAt?: Date;
  dueOn?: string;
}

/**
 * The reminder instant of `when`, refused (400, naming the field given) when it has passed beyond the grace or is
 * more than two years ahead.
 */
export function reminderInstant(when: ReminderTime, timeZone: string, now: Date = new Date()): Date {
  if (when.dueOn !== undefined) {
    const remindAt = remindAtForDueDate(when.dueOn, timeZone);
    if (isPastReminderTime(remindAt, now)) {
      throw followUpsError(
        'remind-at-past',
        `dueOn ${when.dueOn} has passed: its reminder would be at 09:00 ${timeZone} that day; ` +
          `choose ${earliestDueOn(timeZone, now)} or later`,
      );
    }
    checkAhead(remindAt, `dueOn ${when.dueOn}`, now);
    return remindAt;
  }
  if (when.remindAt === undefined) throw followUpsError('follow-up-when', 'give dueOn or remindAt');
  const remindAt = when.remindAt;
  if (isPastReminderTime(remindAt, now)) {
    throw followUpsError(
      'remind-at-past',
      `remindAt ${remindAt.toISOString()} has passed: a reminder time must be in the future ` +
        `(at most ${REMIND_AT_GRACE_MS / 60_000} minutes ago)`,
    );
  }
  checkAhead(remindAt, `remindAt ${remindAt.toISOString()}`, now);
  return remindAt;
}

function checkAhead(remindAt: Date, what: string, now: Date): void {
  if (remindAt.getTime() - now.getTime() > REMIND_AT_MAX_AHEAD_MS) {
    throw followUpsError('remind-at-too-far', `${what} is more than two years ahead`);
  }
}
