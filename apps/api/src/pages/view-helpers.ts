import { ACTION_TYPE_LABELS } from '@app/advocacy';
import {
  CONFIDENCE_LABELS,
  EVENT_LABELS,
  type Instrument,
  type Stage,
  IMPLEMENTATION_STAGES,
  INSTRUMENT_LABELS,
  INSTRUMENTS,
  STAGES,
  stateCatalogue,
  TRACK_LABELS,
  TRACKS,
} from '@app/states';
import { type Locale, translator, type Translator } from '@app/i18n';
import { escapeHtml, plural } from '@app/platform';
import { renderShareBar } from './charts';
import {
  IMPLEMENTATION_LABELS,
  INSTRUMENT_SHORT,
  regionName,
  STAGE_HINTS,
  STAGE_LABELS,
  stageLabelFor,
  TRACK_SHORT,
  UNCONFIRMED_LABEL,
} from './labels';

const label =
  <K extends string>(labels: Record<K, string>) =>
  (key: string | null | undefined): string =>
    key ? (labels[key as K] ?? key) : '';

/** The names of the states in each language, by code, from the catalogue the states library keeps. */
const STATE_NAMES: Record<Locale, Map<string, string>> = (() => {
  const catalogue = stateCatalogue();
  const names = (pick: (s: (typeof catalogue)[number]) => string) => new Map(catalogue.map((s) => [s.code, pick(s)]));
  return {
    en: names((s) => s.nameEn),
    fr: names((s) => s.nameFr),
    es: names((s) => s.nameEs),
    ar: names((s) => s.nameAr),
  };
})();

/** What every template may call, as `it.h`, in the page's language. */
const helpersFor = (tr: Translator) => ({
  stages: STAGES,
  instruments: INSTRUMENTS,
  tracks: TRACKS,
  implementationStages: IMPLEMENTATION_STAGES,
  stage: label(STAGE_LABELS),
  /** The stage as the instrument words it: "Not accepted" for an amendment nobody signs. */
  stageFor: (instrument: string, stage: string) => stageLabelFor(instrument as Instrument, stage as Stage),
  confidence: label(CONFIDENCE_LABELS),
  unconfirmed: UNCONFIRMED_LABEL,
  /** Escaped text with its http(s) addresses made links, for the citations of sources. */
  linkify: (text: string) =>
    escapeHtml(text).replace(
      /https?:\/\/[^\s()<>"]+[^\s()<>".,;:]/g,
      (url) => `<a href="${url}" rel="noopener">${url}</a>`,
    ),
  stageHint: label(STAGE_HINTS),
  instrument: label(INSTRUMENT_LABELS),
  instrumentShort: label(INSTRUMENT_SHORT),
  event: label(EVENT_LABELS),
  track: label(TRACK_LABELS),
  trackShort: label(TRACK_SHORT),
  implementation: label(IMPLEMENTATION_LABELS),
  actionType: label(ACTION_TYPE_LABELS),
  actionTypes: Object.keys(ACTION_TYPE_LABELS),
  eventTypes: Object.keys(EVENT_LABELS),
  region: (region: string) => regionName(region, tr),
  date: (date: string | null | undefined) => tr.date(date),
  instant: (iso: string) => tr.instant(iso),
  plural,
  number: (n: number) => tr.number(n),
  /** A state's name in the page's language; `fallback` (the name the row carries) for a code the catalogue lacks. */
  stateName: (code: string, fallback?: string) => STATE_NAMES[tr.locale].get(code) ?? fallback ?? code,
  /** HTML of a short label whose long words may break at a hyphen, for narrow table headers. */
  hyphenate: (label: string) =>
    escapeHtml(label).replace('Aggression', 'Aggres&shy;sion').replace('Cooperation', 'Coop&shy;eration'),
  /** Sort key of a stage, for the sortable tables: further along sorts later. */
  stageRank: (stage: string) => STAGES.indexOf(stage as (typeof STAGES)[number]),
  implementationRank: (stage: string) => IMPLEMENTATION_STAGES.indexOf(stage as (typeof IMPLEMENTATION_STAGES)[number]),
  stageBar: (stages: Record<string, number>) =>
    renderShareBar(
      STAGES.map((s) => ({ className: `stage-${s}`, count: stages[s] ?? 0, label: STAGE_LABELS[s] })).reverse(),
    ),
  partyBar: (parties: number, states: number) =>
    renderShareBar([
      { className: 'stage-party', count: parties, label: 'States parties' },
      { className: 'stage-none', count: states - parties, label: 'Other states' },
    ]),
  implementationBar: (stages: Record<string, number>) =>
    renderShareBar(
      IMPLEMENTATION_STAGES.map((s) => ({
        className: `impl-${s}`,
        count: stages[s] ?? 0,
        label: IMPLEMENTATION_LABELS[s],
      })).reverse(),
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
