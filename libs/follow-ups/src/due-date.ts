import { zonedInstant } from '@app/platform';

/** A follow-up given a due date rather than an instant is reminded at this hour of that day, in DIGEST_TZ. */
export const DUE_DATE_REMINDER_HOUR = 9;

/** The reminder instant of a due date: 09:00 on that day in the coalition's time zone (DIGEST_TZ). */
export function remindAtForDueDate(dueOn: string, timeZone: string): Date {
  return zonedInstant(dueOn, DUE_DATE_REMINDER_HOUR, 0, timeZone);
}
