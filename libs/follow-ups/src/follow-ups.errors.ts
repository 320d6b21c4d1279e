import { defineErrors, ErrorCodeOf } from '@app/platform';

/**
 * The follow-ups' error codes. `action-not-found` is declared here rather than in advocacy, which owns actions:
 * a follow-up names an action, and follow-ups cannot import advocacy (advocacy imports follow-ups), so advocacy
 * throws it through this factory too.
 */
export const followUpsError = defineErrors('follow-ups', {
  'action-not-found': 'not-found',
  'action-state-mismatch': 'invalid',
  'follow-up-not-found': 'not-found',
  'follow-up-closed': 'conflict',
  'assignee-not-found': 'invalid',
  'remind-at-too-far': 'invalid',
  'remind-at-past': 'invalid',
  // The follow-up has had its share of reminder emails for the day: a later time is needed, not a retry.
  'too-many-reminders': 'conflict',
  'follow-up-when': 'invalid',
});
export type FollowUpsErrorCode = ErrorCodeOf<typeof followUpsError>;

export const actionNotFound = (id: string) => followUpsError('action-not-found', `action ${id} not found`);
export const followUpNotFound = (id: string) => followUpsError('follow-up-not-found', `follow-up ${id} not found`);
