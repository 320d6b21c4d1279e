import { defineErrors, ErrorCodeOf } from '@app/platform';

/** The people library's error codes (contacts and organisations). `bad-state` is the states library's. */
export const peopleError = defineErrors('people', {
  'organisation-not-found': 'not-found',
  'contact-not-found': 'not-found',
  'bad-email': 'invalid',
  'bad-website': 'invalid',
  'bad-organisation': 'invalid',
  'bad-region': 'invalid',
  'bad-value': 'invalid',
  'already-erased': 'conflict',
  'unknown-contacts': 'invalid',
  'unknown-organisations': 'invalid',
  'import-refused': 'invalid',
});
export type PeopleErrorCode = ErrorCodeOf<typeof peopleError>;

export const organisationNotFound = (id: string) =>
  peopleError('organisation-not-found', `organisation ${id} not found`);
export const contactNotFound = (id: string) => peopleError('contact-not-found', `contact ${id} not found`);
