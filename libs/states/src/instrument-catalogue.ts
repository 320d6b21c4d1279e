import type { Instrument } from './treaty';

export interface CatalogueInstrument {
  code: Instrument;
  names: { en: string; fr: string; es: string; ar: string };
  adoptedOn: string;
  /** The record's number in the UN Multilateral Treaties Deposited with the Secretary-General, chapter XVIII. */
  unReference: string;
  /** The rule by which the instrument enters into force for a state, as the status derivation applies it. */
  entryIntoForce: string;
}

const AMENDMENT_RULE =
  'Art. 121(5): one year after the state deposits its instrument of ratification or acceptance; ' +
  'the amendment binds only the states that accepted it.';
const STATUTE_FR = 'Statut de Rome de la Cour pénale internationale';
const STATUTE_ES = 'Estatuto de Roma de la Corte Penal Internacional';
const STATUTE_AR = 'نظام روما الأساسي للمحكمة الجنائية الدولية';
const ART8 = {
  en: 'Amendment to article 8 of the Rome Statute of the International Criminal Court',
  fr: `Amendement à l'article 8 du ${STATUTE_FR}`,
  es: `Enmienda al artículo 8 del ${STATUTE_ES}`,
  ar: `تعديل المادة 8 من ${STATUTE_AR}`,
};
const art8 = (en: string, fr: string, es: string, ar: string) => ({
  en: `${ART8.en} (${en})`,
  fr: `${ART8.fr} (${fr})`,
  es: `${ART8.es} (${es})`,
  ar: `${ART8.ar} (${ar})`,
});

/**
 * The instruments as the depositary keeps them. English titles and references are those of the UN Treaty
 * Collection, chapter XVIII (https://treaties.un.org/Pages/Treaties.aspx?id=18); the French, Spanish and Arabic
 * titles follow the authentic texts' wording and should be checked against the UN's records before print.
 */
export const INSTRUMENT_CATALOGUE: readonly CatalogueInstrument[] = [
  {
    code: 'rome-statute',
    names: {
      en: 'Rome Statute of the International Criminal Court',
      fr: STATUTE_FR,
      es: STATUTE_ES,
      ar: STATUTE_AR,
    },
    adoptedOn: '1998-07-17',
    unReference: 'XVIII-10',
    entryIntoForce:
      'Art. 126: 1 July 2002 for instruments deposited by 11 April 2002; after that, the first day of the month ' +
      'after the 60th day following the deposit.',
  },
  {
    code: 'apic',
    names: {
      en: 'Agreement on the Privileges and Immunities of the International Criminal Court',
      fr: 'Accord sur les privilèges et immunités de la Cour pénale internationale',
      es: 'Acuerdo sobre los Privilegios e Inmunidades de la Corte Penal Internacional',
      ar: 'اتفاق امتيازات المحكمة الجنائية الدولية وحصاناتها',
    },
    adoptedOn: '2002-09-09',
    unReference: 'XVIII-13',
    entryIntoForce: 'Art. 35: the thirtieth day after the deposit, and not before 22 July 2004.',
  },
  {
    code: 'amendment-aggression',
    names: {
      en: 'Amendments on the crime of aggression to the Rome Statute of the International Criminal Court',
      fr: `Amendements relatifs au crime d'agression au ${STATUTE_FR}`,
      es: `Enmiendas relativas al crimen de agresión del ${STATUTE_ES}`,
      ar: `تعديلات ${STATUTE_AR} المتعلقة بجريمة العدوان`,
    },
    adoptedOn: '2010-06-11',
    unReference: 'XVIII-10-b',
    entryIntoForce: AMENDMENT_RULE,
  },
  {
    code: 'amendment-art8-2010',
    names: ART8,
    adoptedOn: '2010-06-10',
    unReference: 'XVIII-10-a',
    entryIntoForce: AMENDMENT_RULE,
  },
  {
    code: 'amendment-art8-2017-biological',
    names: art8(
      'Weapons which use microbial or other biological agents, or toxins',
      'Armes utilisant des agents microbiens ou autres agents biologiques, ou des toxines',
      'Armas que utilicen agentes microbianos u otros agentes biológicos, o toxinas',
      'الأسلحة التي تستخدم عوامل جرثومية أو عوامل بيولوجية أخرى أو تكسينات',
    ),
    adoptedOn: '2017-12-14',
    unReference: 'XVIII-10-d',
    entryIntoForce: AMENDMENT_RULE,
  },
  {
    code: 'amendment-art8-2017-fragments',
    names: art8(
      'Weapons the primary effect of which is to injure by fragments undetectable by X-rays in the human body',
      'Armes dont l’effet principal est de blesser par des éclats qui ne sont pas localisables par rayons X dans le corps humain',
      'Armas cuyo efecto principal sea lesionar mediante fragmentos que no puedan localizarse por rayos X en el cuerpo humano',
      'الأسلحة التي يكون أثرها الرئيسي إحداث جراح بشظايا لا يمكن الكشف عنها بالأشعة السينية في جسم الإنسان',
    ),
    adoptedOn: '2017-12-14',
    unReference: 'XVIII-10-e',
    entryIntoForce: AMENDMENT_RULE,
  },
  {
    code: 'amendment-art8-2017-laser',
    names: art8(
      'Blinding laser weapons',
      'Armes à laser aveuglantes',
      'Armas láser cegadoras',
      'أسلحة الليزر المسببة للعمى',
    ),
    adoptedOn: '2017-12-14',
    unReference: 'XVIII-10-f',
    entryIntoForce: AMENDMENT_RULE,
  },
  {
    code: 'amendment-art8-2019',
    names: art8(
      'Intentionally using starvation of civilians',
      'Fait d’affamer délibérément des civils',
      'Hacer padecer intencionalmente hambre a la población civil',
      'تجويع المدنيين عمدا',
    ),
    adoptedOn: '2019-12-06',
    unReference: 'XVIII-10-g',
    entryIntoForce: AMENDMENT_RULE,
  },
];
