import { translator, type Translator } from '@app/i18n';
import { commonError, isCalendarDate, todayUtc } from '@app/platform';
import { OPENED_ON } from '@app/states';

/** What a page shown "as of" a past day tells its template: the day, and the same page today. */
export interface AsOfView {
  /** The past day shown; null for today. */
  date: string | null;
  /** The page's own address, for the picker and the link back to today. */
  path: string;
  today: string;
  earliest: string;
}

/**
 * The day of `?asOf=` on a page: undefined for none or today; a past day from the Rome Statute's adoption on; a
 * date that is not one, or a future one, is refused with a 400 page saying why.
 */
export function pageAsOf(raw: unknown, tr: Translator = translator('en')): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  const today = todayUtc();
  if (typeof raw !== 'string' || !isCalendarDate(raw)) {
    throw commonError('bad-date', tr.t('states.asOf.notADate'));
  }
  if (raw > today) {
    throw commonError('bad-date', tr.t('states.asOf.future', { date: raw }));
  }
  const earliest = OPENED_ON['rome-statute'];
  if (raw < earliest) {
    throw commonError('bad-date', tr.t('states.asOf.beforeAdoption', { date: raw, earliest }));
  }
  return raw === today ? undefined : raw;
}

export function asOfView(path: string, asOf: string | undefined): AsOfView {
  return { date: asOf ?? null, path, today: todayUtc(), earliest: OPENED_ON['rome-statute'] };
}
