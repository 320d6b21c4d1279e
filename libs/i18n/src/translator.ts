import { isLiteralElement } from '@formatjs/icu-messageformat-parser';
import IntlMessageFormat, { type PrimitiveType } from 'intl-messageformat';
import { AREAS, CATALOGUES } from './catalogue';
import { DEFAULT_LOCALE, directionOf, INTL_TAGS, isLocale, type Locale, LOCALES } from './locales';

export type MessageValues = Record<string, PrimitiveType>;

/** How many written dates each language keeps (about 27 years of days); then it starts again. */
const DATES_KEPT = 10_000;

const ENGLISH_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Whether a message is plain text, needing no values: its parsed form holds literal text only. */
const isPlainText = (message: IntlMessageFormat): boolean => message.getAst().every(isLiteralElement);

/** Thrown for a key no catalogue holds: a mistake in the code, which the catalogue test finds first. */
export class UnknownMessageError extends Error {
  constructor(key: string) {
    super(`no message "${key}" in the catalogues`);
  }
}

/**
 * One language's messages and formats. Messages are ICU MessageFormat ("{count, plural, one {# action} other
 * {# actions}}"), compiled once at start; numbers and dates go through `Intl` for the language, so "1 234" in
 * French and "١٬٢٣٤" in Arabic come out as their readers write them.
 */
export class Translator {
  readonly dir: 'ltr' | 'rtl';
  readonly intlTag: string;
  private readonly messages = new Map<string, IntlMessageFormat>();
  /** The messages without a placeholder, as their text: most of a page's labels, read without formatting. */
  private readonly texts = new Map<string, string>();
  /** Calendar dates already written in this language (a page repeats the same few days). */
  private readonly datesWritten = new Map<string, string>();
  private readonly numbers: Intl.NumberFormat;
  private readonly dates: Intl.DateTimeFormat;
  private readonly times: Intl.DateTimeFormat;
  private readonly lists: Intl.ListFormat;

  constructor(
    readonly locale: Locale,
    catalogue: Readonly<Record<string, string>>,
    private readonly fallback: Translator | null,
  ) {
    this.dir = directionOf(locale);
    this.intlTag = INTL_TAGS[locale];
    for (const [key, text] of Object.entries(catalogue)) {
      const message = new IntlMessageFormat(text, this.intlTag);
      this.messages.set(key, message);
      if (isPlainText(message)) this.texts.set(key, String(message.format()));
    }
    this.numbers = new Intl.NumberFormat(this.intlTag);
    this.dates = new Intl.DateTimeFormat(this.intlTag, {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
    this.times = new Intl.DateTimeFormat(this.intlTag, {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: 'UTC',
    });
    this.lists = new Intl.ListFormat(this.intlTag, { type: 'conjunction' });
  }

  /** The message in this language, its placeholders filled; English where a language lacks it. */
  t(key: string, values?: MessageValues): string {
    const text = this.texts.get(key);
    if (text !== undefined) return text;
    const message = this.messages.get(key);
    if (message) return String(message.format(values));
    if (this.fallback) return this.fallback.t(key, values);
    throw new UnknownMessageError(key);
  }

  number(n: number): string {
    return this.numbers.format(n);
  }

  /** A calendar date ("2025-03-14", or the date part of an instant): 14 Mar 2025, 14 mars 2025, ١٤ مارس ٢٠٢٥. */
  date(date: string | null | undefined): string {
    if (!date) return '';
    // English keeps the three-letter months the pages and emails have always had ("Sep", where en-GB says "Sept").
    if (this.locale === 'en') {
      const [y, m, d] = date.slice(0, 10).split('-').map(Number);
      return `${d} ${ENGLISH_MONTHS[m - 1]} ${y}`;
    }
    const day = date.slice(0, 10);
    let written = this.datesWritten.get(day);
    if (written === undefined) {
      written = this.dates.format(new Date(`${day}T00:00:00Z`));
      if (this.datesWritten.size >= DATES_KEPT) this.datesWritten.clear();
      this.datesWritten.set(day, written);
    }
    return written;
  }

  /** An instant in UTC, labelled so; the page's script rewrites it into the reader's own time zone. */
  instant(iso: string): string {
    const t = new Date(iso);
    return this.t('common.instantUtc', { date: this.date(t.toISOString()), time: this.times.format(t) });
  }

  list(items: readonly string[]): string {
    return this.lists.format(items);
  }
}

function build(): Record<Locale, Translator> {
  const flat = (locale: Locale) =>
    Object.assign({}, ...AREAS.map((area) => CATALOGUES[locale][area])) as Record<string, string>;
  const english = new Translator(DEFAULT_LOCALE, flat(DEFAULT_LOCALE), null);
  const all = { [DEFAULT_LOCALE]: english } as Record<Locale, Translator>;
  for (const locale of LOCALES)
    if (locale !== DEFAULT_LOCALE) all[locale] = new Translator(locale, flat(locale), english);
  return all;
}

let translators: Record<Locale, Translator> | undefined;

/** The translator of a language (compiled on first use, then shared); an unknown language gets English. */
export function translator(locale: unknown): Translator {
  translators ??= build();
  return translators[isLocale(locale) ? locale : DEFAULT_LOCALE];
}

/**
 * Marks a message key kept for later, in a table of labels (as `{ party: msg(<key>) }`), so the
 * catalogue test sees it used. Only keys written whole, in `t(…)` or here, count as used.
 */
export const msg = <K extends string>(key: K): K => key;

/** A code's label in the translator's language, from a table of message keys: the code itself for one it lacks. */
export const labelIn = <K extends string>(keys: Readonly<Record<K, string>>, tr: Translator, code: string): string =>
  Object.hasOwn(keys, code) ? tr.t(keys[code as K]) : code;

/** A table of labels in one language, from a table of message keys (as `{ party: msg(<key>) }`). */
export const labelsIn = <K extends string>(keys: Readonly<Record<K, string>>, tr: Translator): Record<K, string> =>
  Object.fromEntries(Object.entries<string>(keys).map(([code, key]) => [code, tr.t(key)])) as Record<K, string>;
