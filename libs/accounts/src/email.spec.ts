import { normalizeEmail, storedEmail } from './email';

describe('normalizeEmail: the one form of an address that names an account', () => {
  it('lower-cases and trims', () => {
    expect(normalizeEmail('  Ama.Mensah@Coalition.TEST ')).toBe('ama.mensah@coalition.test');
  });

  it('lower-cases İ (U+0130) to a plain i, as PostgreSQL does, where JavaScript writes i and a dot above', () => {
    expect('admİn@x.org'.toLowerCase()).toBe('admi\u0307n@x.org');
    expect(normalizeEmail('admİn@x.org')).toBe('admin@x.org');
    expect(normalizeEmail('ADMİN@X.ORG')).toBe(normalizeEmail('admin@x.org'));
  });

  it('lower-cases each character alone: a final Σ is σ, as in the database, not ς', () => {
    expect(normalizeEmail('ΟΔΥΣ@x.org')).toBe('οδυσ@x.org');
  });

  it('takes compatibility forms as the letters they stand for (fullwidth, the Kelvin and Ohm signs, ligatures)', () => {
    expect(normalizeEmail('ａｄｍｉｎ＠ｘ．ｏｒｇ')).toBe('admin@x.org');
    expect(normalizeEmail('\u212Aofi@x.org')).toBe('kofi@x.org');
    expect(normalizeEmail('\u2126mar@x.org')).toBe('ωmar@x.org');
    expect(normalizeEmail('\uFB01fi@x.org')).toBe('fifi@x.org');
    // Composed and decomposed accents are one address.
    expect(normalizeEmail('ine\u0301s@x.org')).toBe(normalizeEmail('inés@x.org'));
  });

  it('gives the same form when applied again', () => {
    for (const email of [
      'admİn@x.org',
      'ΟΔΥΣ@x.org',
      'ａｄｍｉｎ＠ｘ．ｏｒｇ',
      ' \u3000Léa@x.org\u3000',
      'x\u00a8@x.org',
    ]) {
      expect(normalizeEmail(normalizeEmail(email))).toBe(normalizeEmail(email));
    }
  });

  it('keeps the case an owner typed in the stored form, normalised and trimmed', () => {
    expect(storedEmail(' Léa.Moreau@Tracker.test ')).toBe('Léa.Moreau@Tracker.test');
    expect(storedEmail('Ａma@x.org')).toBe('Ama@x.org');
  });
});
