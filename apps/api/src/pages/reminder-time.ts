import { isTimeZone } from 'class-validator';
import { reminderInstant } from '@app/follow-ups';
import type { Translator } from '@app/i18n';
import { DomainError, isCalendarDate, zonedInstant } from '@app/platform';
import { FormValues, inEnglish } from './form-check';
import { TIME_OF_DAY } from './forms.dto';

/** Every time zone the forms offer, by name (the runtime's IANA list, with UTC). */
export const TIME_ZONES: readonly string[] = [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])].sort();

/** The instant of the form's day, time of day and time zone; null while one of them is not one. */
export function reminderAt(values: FormValues): Date | null {
  const time = TIME_OF_DAY.exec((values.time ?? '').trim());
  const { dueOn, timeZone } = values;
  if (!isCalendarDate(dueOn) || !time || !isTimeZone(timeZone)) return null;
  return zonedInstant(dueOn, Number(time[1]), Number(time[2]), timeZone);
}

/**
 * What the follow-up rules (the API's: in the future, a few minutes' grace; at most two years ahead) say of the time
 * the form gives, in the words of the form: checked with the service's own function, so that a form shows this
 * error together with those of its other fields, in the reader's language. Undefined when the time is allowed or not
 * yet a time.
 */
export function reminderTimeError(values: FormValues, tr: Translator, now = new Date()): string | undefined {
  const at = reminderAt(values);
  if (!at) return undefined;
  try {
    reminderInstant({ remindAt: at }, values.timeZone, now);
    return undefined;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (error.code === 'remind-at-past') {
      // English has always named the day as typed; other languages name it as their readers write dates.
      const date = inEnglish(tr) ? values.dueOn : tr.date(values.dueOn);
      return tr.t('forms.reminder.past', { date, time: values.time.trim(), timeZone: values.timeZone });
    }
    return tr.t('forms.reminder.tooFar');
  }
}
