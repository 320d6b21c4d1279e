import { ACTION_TYPE_KEYS } from '@app/advocacy';
import {
  type CatalogueState,
  CONFIDENCE_KEYS,
  EVENT_KEYS,
  INSTRUMENT_KEYS,
  TRACK_KEYS,
  type Instrument,
  type Stage,
  IMPLEMENTATION_STAGES,
  INSTRUMENT_CATALOGUE,
  INSTRUMENTS,
  STAGES,
  stateCatalogue,
  stateNameIn,
  TRACKS,
} from '@app/states';
import { labelIn, type Locale, translator, type Translator } from '@app/i18n';
import { escapeHtml, plural } from '@app/platform';
import { renderShareBar, yearOf } from './charts';
import {
  IMPLEMENTATION_KEYS,
  INSTRUMENT_SHORT_KEYS,
  regionName,
  STAGE_HINT_KEYS,
  STAGE_KEYS,
  stageLabelFor,
  TRACK_SHORT_KEYS,
  unconfirmedLabel,
  LAWFUL_BASIS_KEYS,
  ROLE_KEYS,
} from './labels';

/** A label of a code in the translator's language: the code itself for one the table does not know. */
const label =
  <K extends string>(keys: Record<K, string>, tr: Translator) =>
  (key: string | null | undefined): string =>
    key ? labelIn(keys, tr, key) : '';

/** The long words of the narrow table headers, each with where it may break. */
const HYPHENATED: Record<Locale, [string, string][]> = {
  en: [
    ['Aggression', 'Aggres&shy;sion'],
    ['Cooperation', 'Coop&shy;eration'],
  ],
  fr: [
    ['Agression', 'Agres&shy;sion'],
    ['Coopération', 'Coopé&shy;ration'],
  ],
  es: [
    ['Agresión', 'Agre&shy;sión'],
    ['Cooperación', 'Coope&shy;ración'],
  ],
  ar: [],
};

/** The instruments' full titles, as the depositary keeps them, in each language. */
const INSTRUMENT_TITLES = new Map(INSTRUMENT_CATALOGUE.map((i) => [i.code, i.names]));

/** A state as a select offers it: its code, its name in the page's language, and its region (to filter by). */
export interface StateOption {
  value: string;
  label: string;
  region: CatalogueState['region'];
}

const STATE_OPTIONS = new Map<Locale, readonly StateOption[]>();

/** Every state, named and sorted in the language: made once a language, as the catalogue does not change. */
export function stateOptionsFor(locale: Locale): readonly StateOption[] {
  let options = STATE_OPTIONS.get(locale);
  if (!options) {
    const collator = new Intl.Collator(translator(locale).intlTag);
    options = stateCatalogue()
      .map((s) => ({ value: s.code, label: stateNameIn(locale, s.code) ?? s.nameEn, region: s.region }))
      .sort((a, b) => collator.compare(a.label, b.label));
    STATE_OPTIONS.set(locale, options);
  }
  return options;
}

const MARK = '\u0000';

/** The message escaped, with each slot replaced by its HTML. */
function fillSlots(message: string, html: Record<string, string>): string {
  return escapeHtml(message).replace(
    new RegExp(`${MARK}([A-Za-z0-9_]+)${MARK}`, 'g'),
    (_, name: string) => html[name] ?? '',
  );
}

const percents = new Map<string, Intl.NumberFormat>();
function percentOf(tr: Translator, share: number): string {
  let format = percents.get(tr.intlTag);
  if (!format) percents.set(tr.intlTag, (format = new Intl.NumberFormat(tr.intlTag, { style: 'percent' })));
  return format.format(share);
}

/** What every template may call, as `it.h`, in the page's language. */
const helpersFor = (tr: Translator) => ({
  stages: STAGES,
  instruments: INSTRUMENTS,
  tracks: TRACKS,
  implementationStages: IMPLEMENTATION_STAGES,
  stage: label(STAGE_KEYS, tr),
  /** The stage as the instrument words it: "Not accepted" for an amendment nobody signs. */
  stageFor: (instrument: string, stage: string) => stageLabelFor(instrument as Instrument, stage as Stage, tr),
  confidence: label(CONFIDENCE_KEYS, tr),
  unconfirmed: unconfirmedLabel(tr),
  /**
   * Marks to give a message for the placeholders that `linked`, `withBdi` or `withHtml` fill with HTML afterwards:
   * `it.h.linked(it.t('key', it.h.slots('playbook')), { playbook: { href, text } })`.
   */
  slots: (...names: string[]) => Object.fromEntries(names.map((name) => [name, `${MARK}${name}${MARK}`])),
  /** HTML of a message with HTML in its slots (trusted markup the template builds); the rest escaped. */
  withHtml: (message: string, html: Record<string, string>) => fillSlots(message, html),
  /** HTML of a message with links in its slots, their text escaped like the rest. */
  linked: (message: string, links: Record<string, { href: string; text: string }>) =>
    fillSlots(
      message,
      Object.fromEntries(
        Object.entries(links).map(([name, l]) => [name, `<a href="${escapeHtml(l.href)}">${escapeHtml(l.text)}</a>`]),
      ),
    ),
  /** HTML of a message with what people wrote (a name, a title) in its slots, escaped and isolated in <bdi>. */
  withBdi: (message: string, texts: Record<string, string>) =>
    fillSlots(
      message,
      Object.fromEntries(Object.entries(texts).map(([name, text]) => [name, `<bdi>${escapeHtml(text)}</bdi>`])),
    ),
  /** Text made safe to place in the HTML a template hands to `tHtml`. */
  escape: escapeHtml,
  /** A list of names, separated as the language separates them ("A, B", "A، B"). */
  join: (items: readonly string[]) => items.join(tr.t('dashboards.listSeparator')),
  /** A share (0.42) as a percentage in the language ("42%", "42 %", "٤٢٪"); a dash for none. */
  percent: (share: number | null | undefined) => (share === null || share === undefined ? '–' : percentOf(tr, share)),
  /** A year, without the thousands separator of a number. */
  year: (year: string | number) => yearOf(Number(year), tr),
  /** A label as it reads inside a sentence: its first letter lower case where the language writes it so. */
  inSentence: (text: string) => text.charAt(0).toLocaleLowerCase(tr.intlTag) + text.slice(1),
  /** Escaped text with its http(s) addresses made links, for the citations of sources. */
  linkify: (text: string) =>
    escapeHtml(text).replace(
      /https?:\/\/[^\s()<>"]+[^\s()<>".,;:]/g,
      (url) => `<a href="${url}" rel="noopener">${url}</a>`,
    ),
  stageHint: label(STAGE_HINT_KEYS, tr),
  instrument: label(INSTRUMENT_KEYS, tr),
  /** The instrument's full title as the depositary keeps it, in the page's language. */
  instrumentTitle: (code: string) => INSTRUMENT_TITLES.get(code as Instrument)?.[tr.locale] ?? code,
  instrumentShort: label(INSTRUMENT_SHORT_KEYS, tr),
  event: label(EVENT_KEYS, tr),
  track: label(TRACK_KEYS, tr),
  trackShort: label(TRACK_SHORT_KEYS, tr),
  implementation: label(IMPLEMENTATION_KEYS, tr),
  actionType: label(ACTION_TYPE_KEYS, tr),
  role: label(ROLE_KEYS, tr),
  lawfulBasis: label(LAWFUL_BASIS_KEYS, tr),
  region: (region: string) => regionName(region, tr),
  date: (date: string | null | undefined) => tr.date(date),
  instant: (iso: string) => tr.instant(iso),
  plural,
  number: (n: number) => tr.number(n),
  /** A state's name in the page's language; `fallback` (the name the row carries) for a code the catalogue lacks. */
  stateName: (code: string, fallback?: string) => stateNameIn(tr.locale, code) ?? fallback ?? code,
  /** HTML of a short label whose long words may break at a hyphen, for narrow table headers. */
  hyphenate: (text: string) =>
    HYPHENATED[tr.locale].reduce((html, [word, broken]) => html.replace(word, broken), escapeHtml(text)),
  /** Sort key of a stage, for the sortable tables: further along sorts later. */
  stageRank: (stage: string) => STAGES.indexOf(stage as (typeof STAGES)[number]),
  implementationRank: (stage: string) => IMPLEMENTATION_STAGES.indexOf(stage as (typeof IMPLEMENTATION_STAGES)[number]),
  stageBar: (stages: Record<string, number>) =>
    renderShareBar(
      STAGES.map((s) => ({ className: `stage-${s}`, count: stages[s] ?? 0, label: tr.t(STAGE_KEYS[s]) })).reverse(),
      tr,
    ),
  partyBar: (parties: number, states: number) =>
    renderShareBar(
      [
        { className: 'stage-party', count: parties, label: tr.t('dashboards.bar.statesParties') },
        { className: 'stage-none', count: states - parties, label: tr.t('dashboards.bar.otherStates') },
      ],
      tr,
    ),
  implementationBar: (stages: Record<string, number>) =>
    renderShareBar(
      IMPLEMENTATION_STAGES.map((s) => ({
        className: `impl-${s}`,
        count: stages[s] ?? 0,
        label: tr.t(IMPLEMENTATION_KEYS[s]),
      })).reverse(),
      tr,
    ),
});

export type ViewHelpers = ReturnType<typeof helpersFor>;

const HELPERS = new Map<Locale, ViewHelpers>();

/** The helpers of a language, made once and shared by every page in it. */
export function viewHelpersFor(locale: Locale): ViewHelpers {
  let helpers = HELPERS.get(locale);
  if (!helpers) HELPERS.set(locale, (helpers = helpersFor(translator(locale))));
  return helpers;
}
