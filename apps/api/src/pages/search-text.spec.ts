import type { StateMatch } from '@app/states';
import { matchedName, readSearch, SEARCH_MAX_LENGTH } from './search-text';

const germany: StateMatch = {
  code: 'DEU',
  name: 'Germany',
  commonName: null,
  region: 'europe',
  names: { en: 'Germany', fr: 'Allemagne', es: 'Alemania', ar: 'ألمانيا' },
};
const ivoryCoast: StateMatch = {
  code: 'CIV',
  name: "Côte d'Ivoire",
  commonName: 'Ivory Coast',
  region: 'africa',
  names: { en: "Côte d'Ivoire", fr: "Côte d'Ivoire", es: 'Costa de Marfil', ar: 'ساحل العاج' },
};

describe('the search box', () => {
  it('searches the text as typed, spaces collapsed and its length bounded', () => {
    expect(readSearch('  Minister   of  Justice ')).toBe('Minister of Justice');
    expect(readSearch(['a', 'b'])).toBe('');
    expect(readSearch('x'.repeat(500))).toHaveLength(SEARCH_MAX_LENGTH);
  });

  it('says in which language a state was found when its English name does not hold the text', () => {
    expect(matchedName(germany, 'allemagne')).toEqual({ label: 'French', name: 'Allemagne' });
    expect(matchedName(germany, 'Alemania')).toEqual({ label: 'Spanish', name: 'Alemania' });
    expect(matchedName(germany, 'ألمانيا')).toEqual({ label: 'Arabic', name: 'ألمانيا' });
    expect(matchedName(germany, 'germ')).toBeNull();
    expect(matchedName(germany, 'deu')).toBeNull();
  });

  it('compares names without their accents, and names the everyday English name', () => {
    expect(matchedName(ivoryCoast, 'cote')).toBeNull();
    expect(matchedName(ivoryCoast, 'ivory')).toEqual({ label: 'also known as', name: 'Ivory Coast' });
  });
});
