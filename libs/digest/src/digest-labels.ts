import { REGION_KEYS } from '@app/accounts';
import { DEFAULT_LOCALE, labelIn, type Locale, msg, translator, type Translator } from '@app/i18n';
import type { OrganisationKind } from '@app/people';
import { type ImplementationStage, type Stage, stateCodeNamed, stateNameIn } from '@app/states';

/**
 * How the digest words what it reports within its sentences (lower case, in the plural), in each of the four
 * languages: the keys of the catalogue's `digest` area, written whole so the catalogue test sees them used. The
 * names of instruments, events, tracks, action types and regions are the ones the pages use, from the libraries
 * that own those codes.
 */

export const STAGE_LABELS: Record<Stage, string> = {
  none: msg('digest.stage.none'),
  signed: msg('digest.stage.signed'),
  deposited: msg('digest.stage.deposited'),
  party: msg('digest.stage.party'),
  withdrawing: msg('digest.stage.withdrawing'),
  withdrawn: msg('digest.stage.withdrawn'),
};

export const IMPLEMENTATION_STAGE_LABELS: Record<ImplementationStage, string> = {
  unknown: msg('digest.implStage.unknown'),
  none: msg('digest.implStage.none'),
  drafting: msg('digest.implStage.drafting'),
  'before-parliament': msg('digest.implStage.before-parliament'),
  enacted: msg('digest.implStage.enacted'),
};

export const ORGANISATION_KIND_NAMES: Record<OrganisationKind, string> = {
  'member-ngo': msg('digest.orgKind.member-ngo'),
  'national-coalition': msg('digest.orgKind.national-coalition'),
  'regional-network': msg('digest.orgKind.regional-network'),
  government: msg('digest.orgKind.government'),
  parliament: msg('digest.orgKind.parliament'),
  igo: msg('digest.orgKind.igo'),
  other: msg('digest.orgKind.other'),
};

const englishDate = (date: string): string => translator(DEFAULT_LOCALE).date(date);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 2025-03-31 … 2025-04-06 → "31 Mar – 6 Apr 2025"; within one month "7–13 Apr 2025". */
export function formatRange(start: string, end: string): string {
  const [sy, sm, sd] = start.split('-').map(Number);
  const [ey, em, ed] = end.split('-').map(Number);
  if (sy !== ey) return `${englishDate(start)} – ${englishDate(end)}`;
  if (sm !== em) return `${sd} ${MONTHS[sm - 1]} – ${ed} ${MONTHS[em - 1]} ${ey}`;
  return `${sd}–${ed} ${MONTHS[em - 1]} ${ey}`;
}

/** +2, −1 or "no change". */
export function formatChange(delta: number): string {
  if (delta === 0) return 'no change';
  return delta > 0 ? `+${delta}` : `−${-delta}`;
}

const utc = (date: string) => new Date(`${date.slice(0, 10)}T00:00:00Z`);

/**
 * The digest's words and formats in one language. English keeps the forms the digest has always had ("1 Apr
 * 2025", bare numbers); the other languages format dates and numbers with `Intl` for the language.
 */
export class DigestWords {
  readonly tr: Translator;
  private readonly ranges: Intl.DateTimeFormat;
  private readonly years: Intl.DateTimeFormat;
  private readonly shortYears: Intl.DateTimeFormat;

  constructor(readonly locale: Locale = DEFAULT_LOCALE) {
    this.tr = translator(locale);
    const tag = this.tr.intlTag;
    this.ranges = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    this.years = new Intl.DateTimeFormat(tag, { year: 'numeric', timeZone: 'UTC' });
    this.shortYears = new Intl.DateTimeFormat(tag, { year: '2-digit', timeZone: 'UTC' });
  }

  private get english(): boolean {
    return this.locale === DEFAULT_LOCALE;
  }

  t(key: string, values?: Parameters<Translator['t']>[1]): string {
    return this.tr.t(key, values);
  }

  date(date: string): string {
    return this.tr.date(date);
  }

  range(start: string, end: string): string {
    return this.english ? formatRange(start, end) : this.ranges.formatRange(utc(start), utc(end));
  }

  number(n: number): string {
    return this.english ? String(n) : this.tr.number(n);
  }

  change(delta: number): string {
    if (this.english) return formatChange(delta);
    if (delta === 0) return this.t('digest.change.none');
    return this.ltr(`${delta > 0 ? '+' : '−'}${this.tr.number(Math.abs(delta))}`);
  }

  /** A chart column's year in full ("2002") and under the column ("’02"). */
  year(date: string): string {
    return this.english ? date.slice(0, 4) : this.years.format(utc(date));
  }

  shortYear(date: string): string {
    return this.english ? `’${date.slice(2, 4)}` : `’${this.shortYears.format(utc(date))}`;
  }

  /**
   * Codes and signed figures ("2025-W14", "2025 Q2", "+1") kept left to right inside right-to-left text, where the
   * bidi algorithm would otherwise move their parts about ("W14-2025"); unchanged in a left-to-right language.
   */
  ltr(text: string): string {
    return this.tr.dir === 'rtl' ? `\u2066${text}\u2069` : text;
  }

  /** Items in a sentence: "Kenya, Ghana" in English, with the Arabic comma in Arabic. */
  join(items: readonly string[]): string {
    return items.join(this.locale === 'ar' ? '، ' : ', ');
  }

  /** A state's name in this language, by code; else by its English name; else as the row has it. */
  stateName(englishName: string, code?: string): string {
    if (this.english) return englishName;
    return stateNameIn(this.locale, code) ?? stateNameIn(this.locale, stateCodeNamed(englishName)) ?? englishName;
  }

  region(region: string): string {
    return labelIn(REGION_KEYS, this.tr, region);
  }
}
