/** The coalition's working languages, in the order the language switcher lists them. */
export const LOCALES = ['en', 'fr', 'es', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

export const isLocale = (value: unknown): value is Locale =>
  typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

/** Each language named in itself, for the switcher: a reader finds their own language whatever the page's. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', fr: 'Français', es: 'Español', ar: 'العربية' };

export const directionOf = (locale: Locale): 'ltr' | 'rtl' => (locale === 'ar' ? 'rtl' : 'ltr');

/**
 * The locale `Intl` formats with: British English keeps the day-month-year order the pages have always used;
 * Arabic as CLDR writes it today (Arabic month names, Western digits, as most of the Arab world's press does).
 */
export const INTL_TAGS: Record<Locale, string> = { en: 'en-GB', fr: 'fr-FR', es: 'es-ES', ar: 'ar' };

/**
 * The reader's first language we have, from an Accept-Language header ("fr-CH, fr;q=0.9, en;q=0.8"): ranges in
 * order of quality, each matched on its primary subtag; `*` or nothing we speak gives the default.
 */
export function negotiateLocale(header: string | undefined | null): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranges = header
    .split(',')
    .map((part, index) => {
      const [range, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/i.exec(p)).find(Boolean);
      return { tag: range.trim().toLowerCase().split('-')[0], q: q ? Number(q[1]) : 1, index };
    })
    .filter((r) => r.q > 0 && !isNaN(r.q))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranges.map((r) => r.tag).find(isLocale) ?? DEFAULT_LOCALE;
}
