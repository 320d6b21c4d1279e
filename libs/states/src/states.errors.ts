import { defineErrors, ErrorCodeOf } from '@app/platform';

/**
 * The states library's error codes. It owns the notion of a state, so `state-not-found` and `bad-state` are
 * declared here for every library that names a state; `region-not-found` likewise for the regions' dashboards.
 */
export const statesError = defineErrors('states', {
  'state-not-found': 'not-found',
  'region-not-found': 'not-found',
  'bad-state': 'invalid',
  'bad-track': 'invalid',
  'impossible-event': 'invalid',
  'event-sequence': 'conflict',
  'event-not-found': 'not-found',
  'event-corrected': 'conflict',
  'unreadable-depositary-text': 'unreadable',
  'proposal-not-found': 'not-found',
  'proposal-decided': 'conflict',
  'proposal-refused': 'conflict',
});
export type StatesErrorCode = ErrorCodeOf<typeof statesError>;

export function stateNotFound(code: string) {
  return statesError('state-not-found', `state ${code.toUpperCase()} not found`);
}
