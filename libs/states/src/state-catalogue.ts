import countries from 'world-countries';
import type { Region } from '@app/accounts';
import type { Locale } from '@app/i18n';
import type { UnGroup } from './treaty';

export interface CatalogueState {
  code: string;
  iso2: string;
  /** The UN's short name (UNTERM), as the depositary's records write it. */
  nameEn: string;
  /** The everyday English name when it differs ("Ivory Coast", "South Korea"), kept so a search finds it. */
  commonName: string | null;
  nameFr: string;
  nameEs: string;
  nameAr: string;
  region: Region;
  unGroup: UnGroup | null;
  unStatus: 'member' | 'observer' | 'non-member';
}

/** Not UN members, but tracked: the two observer states, and two states that are or may become parties. */
const OBSERVERS = new Set(['VAT', 'PSE']);
const NON_MEMBERS = new Set(['COK', 'NIU']);

/**
 * The coalition's five regions are not the UN's. Middle East & North Africa takes the Arab states of
 * North Africa and Western Asia, Iran and Israel (Comoros, Djibouti, Mauritania, Somalia and Sudan are
 * worked by the Africa office); Europe takes the Caucasus, Cyprus, Turkey and Central Asia; the Americas
 * include Canada and the United States; Asia-Pacific takes the rest of Asia and Oceania.
 */
const MENA = [
  'DZA',
  'BHR',
  'EGY',
  'IRN',
  'IRQ',
  'ISR',
  'JOR',
  'KWT',
  'LBN',
  'LBY',
  'MAR',
  'OMN',
  'PSE',
  'QAT',
  'SAU',
  'SYR',
  'TUN',
  'ARE',
  'YEM',
];
const EUROPE_IN_ASIA = ['ARM', 'AZE', 'CYP', 'GEO', 'TUR', 'KAZ', 'KGZ', 'TJK', 'TKM', 'UZB'];

const UN_GROUP_NAMES: Record<string, UnGroup> = {
  'African Group': 'african',
  'Asia and the Pacific Group': 'asia-pacific',
  'Eastern European Group': 'eastern-european',
  'Latin American and Caribbean Group': 'latin-american-caribbean',
  'Western European and Others Group': 'western-european-other',
};
// The State of Palestine is a full member of the Asia-Pacific Group although only an observer at the UN;
// the Assembly of States Parties counts the Cook Islands (and would count Niue) with that group too.
const UN_GROUP_OVERRIDES: Record<string, UnGroup | null> = {
  PSE: 'asia-pacific',
  COK: 'asia-pacific',
  NIU: 'asia-pacific',
  VAT: null,
};

/**
 * English names as the UN writes them (its terminology database's short names), where the everyday name of the
 * `world-countries` package differs; the everyday name stays searchable.
 */
const UN_SHORT_NAMES: Record<string, string> = {
  BOL: 'Bolivia (Plurinational State of)',
  BRN: 'Brunei Darussalam',
  CIV: "Côte d'Ivoire",
  COD: 'Democratic Republic of the Congo',
  COG: 'Congo',
  CPV: 'Cabo Verde',
  FSM: 'Micronesia (Federated States of)',
  GBR: 'United Kingdom of Great Britain and Northern Ireland',
  IRN: 'Iran (Islamic Republic of)',
  KOR: 'Republic of Korea',
  LAO: "Lao People's Democratic Republic",
  MDA: 'Republic of Moldova',
  NLD: 'Netherlands (Kingdom of the)',
  PRK: "Democratic People's Republic of Korea",
  PSE: 'State of Palestine',
  RUS: 'Russian Federation',
  STP: 'Sao Tome and Principe',
  SYR: 'Syrian Arab Republic',
  TZA: 'United Republic of Tanzania',
  USA: 'United States of America',
  VAT: 'Holy See',
  VEN: 'Venezuela (Bolivarian Republic of)',
  VNM: 'Viet Nam',
};

function regionOf(code: string, unRegion: string): Region {
  if (MENA.includes(code)) return 'mena';
  if (EUROPE_IN_ASIA.includes(code)) return 'europe';
  switch (unRegion) {
    case 'Africa':
      return 'africa';
    case 'Americas':
      return 'americas';
    case 'Europe':
      return 'europe';
    case 'Asia':
    case 'Oceania':
      return 'asia-pacific';
    default:
      throw new Error(`no coalition region for ${code} (${unRegion})`);
  }
}

function unStatusOf(code: string): CatalogueState['unStatus'] {
  if (OBSERVERS.has(code)) return 'observer';
  return NON_MEMBERS.has(code) ? 'non-member' : 'member';
}

let catalogue: readonly CatalogueState[] | undefined;

/** Every state the tracker follows: UN members and observers plus the Cook Islands and Niue (made once). */
export function stateCatalogue(): readonly CatalogueState[] {
  return (catalogue ??= countries
    .filter((c) => (c.unMember && !OBSERVERS.has(c.cca3)) || OBSERVERS.has(c.cca3) || NON_MEMBERS.has(c.cca3))
    .map((c) => {
      const code = c.cca3;
      const unGroup =
        code in UN_GROUP_OVERRIDES ? UN_GROUP_OVERRIDES[code] : (UN_GROUP_NAMES[c.unRegionalGroup] ?? null);
      return {
        code,
        iso2: c.cca2,
        nameEn: UN_SHORT_NAMES[code] ?? c.name.common,
        commonName: code in UN_SHORT_NAMES ? c.name.common : null,
        nameFr: c.translations.fra?.common ?? c.name.common,
        nameEs: c.translations.spa?.common ?? c.name.common,
        nameAr: c.translations.ara?.common ?? c.name.common,
        region: regionOf(code, c.region),
        unGroup,
        unStatus: unStatusOf(code),
      };
    })
    .sort((a, b) => a.code.localeCompare(b.code)));
}

let byCode: ReadonlyMap<string, CatalogueState> | undefined;

/** The catalogue's state of a code (upper case), or undefined for a code it does not hold. */
export function catalogueState(code: string): CatalogueState | undefined {
  return (byCode ??= new Map(stateCatalogue().map((s) => [s.code, s]))).get(code);
}

const NAME_IN: Record<Locale, (s: CatalogueState) => string> = {
  en: (s) => s.nameEn,
  fr: (s) => s.nameFr,
  es: (s) => s.nameEs,
  ar: (s) => s.nameAr,
};

/** A state's name in a language, by its code; undefined for no code, or one the catalogue does not hold. */
export function stateNameIn(locale: Locale, code: string | undefined): string | undefined {
  const state = code === undefined ? undefined : catalogueState(code);
  return state && NAME_IN[locale](state);
}

let byEnglishName: ReadonlyMap<string, string> | undefined;

/** The code of the state the catalogue names so in English (for rows that carry only a name). */
export function stateCodeNamed(nameEn: string): string | undefined {
  return (byEnglishName ??= new Map(stateCatalogue().map((s) => [s.nameEn, s.code]))).get(nameEn);
}
