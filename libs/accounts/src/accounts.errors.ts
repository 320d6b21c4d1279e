import { defineErrors, ErrorCodeOf } from '@app/platform';

/** What accounts, sign-in and set-password links refuse, each code with its kind; `not-allowed` is commonError's. */
export const accountsError = defineErrors('accounts', {
  'user-not-found': 'not-found',
  'email-taken': 'conflict',
  'last-admin': 'conflict',
  'user-deactivated': 'conflict',
  'password-already-set': 'conflict',
  'link-invalid': 'invalid',
  'link-used': 'invalid',
  'link-expired': 'invalid',
  'account-deactivated': 'invalid',
  'too-many-requests-from-address': 'rate-limited',
  'too-many-failed-sign-ins': 'rate-limited',
  'too-many-requests-from-user': 'rate-limited',
  'sign-in-limits-unavailable': 'unavailable',
});
export type AccountsErrorCode = ErrorCodeOf<typeof accountsError>;
