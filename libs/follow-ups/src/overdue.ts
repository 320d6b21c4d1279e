/*
 * Overdue: an open follow-up whose reminder time is before now. The one definition, which the dashboards, the
 * digest and the pages all use; a figure taken at some instant (the end of a week) counts what was overdue then,
 * and never a follow-up whose time has not come yet (the week in progress).
 */

/** Whether a follow-up's reminder time makes it overdue at `now` (it must also be open). */
export function isOverdue(remindAt: Date | string, now: Date = new Date()): boolean {
  return (typeof remindAt === 'string' ? Date.parse(remindAt) : remindAt.getTime()) < now.getTime();
}

/** isOverdue in SQL: `remindAt` a column, `now` a parameter or expression of type timestamptz. */
export const overdueSql = (remindAt: string, now: string): string => `${remindAt} < ${now}`;

/** The instant before which a follow-up counts as overdue in figures taken at `asOf`: `asOf`, or now if sooner. */
export function overdueCutoff(asOf: Date | string, now: Date = new Date()): Date {
  const at = typeof asOf === 'string' ? new Date(asOf) : asOf;
  return at.getTime() < now.getTime() ? at : now;
}
