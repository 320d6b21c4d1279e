import { defineErrors, ErrorCodeOf } from '@app/platform';

/**
 * Advocacy's error codes (actions and campaigns). `action-not-found` is declared by follow-ups, which names actions
 * and cannot import advocacy; `actionNotFound` is re-exported from there. `bad-state` is the states library's.
 */
export const advocacyError = defineErrors('advocacy', {
  'bad-campaign': 'invalid',
  'not-author': 'forbidden',
  'campaign-not-found': 'not-found',
  'campaign-name-taken': 'conflict',
  'unknown-states': 'invalid',
  'not-targets': 'invalid',
  'no-targets': 'invalid',
  'campaign-closed': 'conflict',
  'states-refused': 'forbidden',
  'action-import-refused': 'invalid',
});
export type AdvocacyErrorCode = ErrorCodeOf<typeof advocacyError>;

export { actionNotFound } from '@app/follow-ups';

export const campaignNotFound = (id: string) => advocacyError('campaign-not-found', `campaign ${id} not found`);
