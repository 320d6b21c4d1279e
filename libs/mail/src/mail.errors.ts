import { defineErrors, ErrorCodeOf } from '@app/platform';

/** What the outbox review refuses. */
export const mailError = defineErrors('mail', {
  'email-not-found': 'not-found',
});
export type MailErrorCode = ErrorCodeOf<typeof mailError>;
