import { defineErrors, ErrorCodeOf } from '@app/platform';

export const digestError = defineErrors('digest', {
  'bad-week': 'invalid',
  'week-not-started': 'invalid',
  'week-not-ended': 'invalid',
});
export type DigestErrorCode = ErrorCodeOf<typeof digestError>;
