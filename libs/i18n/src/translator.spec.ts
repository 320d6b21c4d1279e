import { negotiateLocale } from './locales';
import { translator } from './translator';

describe('a translator', () => {
  it('writes dates and instants as each language does, English as the pages always have', () => {
    expect(translator('en').date('2025-09-14')).toBe('14 Sep 2025');
    expect(translator('en').instant('2025-09-14T08:05:00Z')).toBe('14 Sep 2025, 08:05 UTC');
    expect(translator('fr').date('2025-09-14')).toBe('14 sept. 2025');
    expect(translator('es').date('2025-03-01')).toMatch(/^1 mar\.? 2025$/);
    expect(translator('ar').date('2025-09-14')).toContain('سبتمبر');
    expect(translator('fr').number(1234)).toMatch(/^1\s234$/);
  });

  it('answers an unknown language in English, and falls back to English for a missing message', () => {
    expect(translator('de').locale).toBe('en');
    expect(translator('ar').dir).toBe('rtl');
    expect(translator('fr').dir).toBe('ltr');
    expect(() => translator('en').t('common.no-such-key')).toThrow('no message "common.no-such-key"');
  });

  it('takes the first language of the browser that it writes, by quality', () => {
    expect(negotiateLocale('fr-CH, fr;q=0.9, en;q=0.8')).toBe('fr');
    expect(negotiateLocale('de-DE, es;q=0.5, ar;q=0.7')).toBe('ar');
    expect(negotiateLocale('de, *;q=0.1')).toBe('en');
    expect(negotiateLocale('es;q=0, fr;q=0.2')).toBe('fr');
    expect(negotiateLocale(undefined)).toBe('en');
  });
});
