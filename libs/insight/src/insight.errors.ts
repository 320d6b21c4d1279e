import { defineErrors, ErrorCodeOf } from '@app/platform';

/** The insight library's error codes (pledges, playbook). */
export const insightError = defineErrors('insight', {
  'pledge-not-found': 'not-found',
  'already-pledged-stage': 'conflict',
});
export type InsightErrorCode = ErrorCodeOf<typeof insightError>;

export const pledgeNotFound = (id: string) => insightError('pledge-not-found', `pledge ${id} not found`);
