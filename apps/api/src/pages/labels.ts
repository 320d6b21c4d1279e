import { msg, translator, type Translator } from '@app/i18n';
import type { ActionType } from '@app/advocacy';
import type { LawfulBasis } from '@app/people';
import { type Region, REGION_NAMES, type Role } from '@app/accounts';
import {
  type Confidence,
  type EventType,
  type ImplementationStage,
  type Instrument,
  isSignable,
  type Stage,
  type Track,
} from '@app/states';

const english = translator('en');

/** A table of labels in one language, from a table of message keys. */
export const labelsIn = <K extends string>(keys: Readonly<Record<K, string>>, tr: Translator): Record<K, string> =>
  Object.fromEntries(Object.entries<string>(keys).map(([code, key]) => [code, tr.t(key)])) as Record<K, string>;

/** How the pages name the codes of the API contract: the message of each code. */
export const STAGE_KEYS: Record<Stage, string> = {
  none: msg('states.stage.none'),
  signed: msg('states.stage.signed'),
  deposited: msg('states.stage.deposited'),
  party: msg('states.stage.party'),
  withdrawing: msg('states.stage.withdrawing'),
  withdrawn: msg('states.stage.withdrawn'),
};

export const STAGE_HINT_KEYS: Record<Stage, string> = {
  none: msg('states.stageHint.none'),
  signed: msg('states.stageHint.signed'),
  deposited: msg('states.stageHint.deposited'),
  party: msg('states.stageHint.party'),
  withdrawing: msg('states.stageHint.withdrawing'),
  withdrawn: msg('states.stageHint.withdrawn'),
};

/** The stages in English, for the callers that write English. */
export const STAGE_LABELS: Record<Stage, string> = labelsIn(STAGE_KEYS, english);
export const STAGE_HINTS: Record<Stage, string> = labelsIn(STAGE_HINT_KEYS, english);

/** An instrument status that rests in part on `reported` events, in a few words. */
export const unconfirmedLabel = (tr: Translator): string => tr.t('states.unconfirmed');
export const UNCONFIRMED_LABEL = unconfirmedLabel(english);

/** Amendments are not open for signature: a state that has not joined one has not accepted it. */
export function stageLabelFor(instrument: Instrument, stage: Stage, tr: Translator = english): string {
  return stage === 'none' && !isSignable(instrument) ? tr.t('states.notAccepted') : tr.t(STAGE_KEYS[stage]);
}

/** For table headers, where space is short. */
export const INSTRUMENT_SHORT_KEYS: Record<Instrument, string> = {
  'rome-statute': msg('states.instrumentShort.rome-statute'),
  apic: msg('states.instrumentShort.apic'),
  'amendment-aggression': msg('states.instrumentShort.amendment-aggression'),
  'amendment-art8-2010': msg('states.instrumentShort.amendment-art8-2010'),
  'amendment-art8-2017-biological': msg('states.instrumentShort.amendment-art8-2017-biological'),
  'amendment-art8-2017-fragments': msg('states.instrumentShort.amendment-art8-2017-fragments'),
  'amendment-art8-2017-laser': msg('states.instrumentShort.amendment-art8-2017-laser'),
  'amendment-art8-2019': msg('states.instrumentShort.amendment-art8-2019'),
};
export const INSTRUMENT_SHORT: Record<Instrument, string> = labelsIn(INSTRUMENT_SHORT_KEYS, english);

/**
 * The instruments as the pages name them in running text and table rows: INSTRUMENT_LABELS of @app/states in
 * English. (The catalogue's full titles, much longer, stand in tooltips.)
 */
export const INSTRUMENT_KEYS: Record<Instrument, string> = {
  'rome-statute': msg('states.instrument.rome-statute'),
  apic: msg('states.instrument.apic'),
  'amendment-aggression': msg('states.instrument.amendment-aggression'),
  'amendment-art8-2010': msg('states.instrument.amendment-art8-2010'),
  'amendment-art8-2017-biological': msg('states.instrument.amendment-art8-2017-biological'),
  'amendment-art8-2017-fragments': msg('states.instrument.amendment-art8-2017-fragments'),
  'amendment-art8-2017-laser': msg('states.instrument.amendment-art8-2017-laser'),
  'amendment-art8-2019': msg('states.instrument.amendment-art8-2019'),
};

/** TRACK_LABELS of @app/states, per language. */
export const TRACK_KEYS: Record<Track, string> = {
  cooperation: msg('states.track.cooperation'),
  crimes: msg('states.track.crimes'),
};

export const TRACK_SHORT_KEYS: Record<Track, string> = {
  cooperation: msg('states.trackShort.cooperation'),
  crimes: msg('states.trackShort.crimes'),
};
export const TRACK_SHORT: Record<Track, string> = labelsIn(TRACK_SHORT_KEYS, english);

export const IMPLEMENTATION_KEYS: Record<ImplementationStage, string> = {
  unknown: msg('states.implementation.unknown'),
  none: msg('states.implementation.none'),
  drafting: msg('states.implementation.drafting'),
  'before-parliament': msg('states.implementation.before-parliament'),
  enacted: msg('states.implementation.enacted'),
};
export const IMPLEMENTATION_LABELS: Record<ImplementationStage, string> = labelsIn(IMPLEMENTATION_KEYS, english);

/** EVENT_LABELS of @app/states, per language. */
export const EVENT_KEYS: Record<EventType, string> = {
  signature: msg('states.event.signature'),
  'signature-withdrawn': msg('states.event.signature-withdrawn'),
  ratification: msg('states.event.ratification'),
  accession: msg('states.event.accession'),
  acceptance: msg('states.event.acceptance'),
  approval: msg('states.event.approval'),
  succession: msg('states.event.succession'),
  'deposit-withdrawn': msg('states.event.deposit-withdrawn'),
  'entry-into-force': msg('states.event.entry-into-force'),
  'withdrawal-notified': msg('states.event.withdrawal-notified'),
  'withdrawal-revoked': msg('states.event.withdrawal-revoked'),
  'withdrawal-effective': msg('states.event.withdrawal-effective'),
};

/** CONFIDENCE_LABELS of @app/states, per language. */
export const CONFIDENCE_KEYS: Record<Confidence, string> = {
  depositary: msg('states.confidence.depositary'),
  official: msg('states.confidence.official'),
  reported: msg('states.confidence.reported'),
};

/** ACTION_TYPE_LABELS of @app/advocacy, per language. */
export const ACTION_TYPE_KEYS: Record<ActionType, string> = {
  'letter-head-of-state': msg('states.actionType.letter-head-of-state'),
  'letter-minister': msg('states.actionType.letter-minister'),
  meeting: msg('states.actionType.meeting'),
  call: msg('states.actionType.call'),
  'parliamentary-briefing': msg('states.actionType.parliamentary-briefing'),
  media: msg('states.actionType.media'),
  'social-media': msg('states.actionType.social-media'),
  event: msg('states.actionType.event'),
  submission: msg('states.actionType.submission'),
  other: msg('states.actionType.other'),
};

/** The coalition's regions, as each language names them. */
export const REGION_KEYS: Record<Region, string> = {
  africa: msg('common.region.africa'),
  americas: msg('common.region.americas'),
  'asia-pacific': msg('common.region.asia-pacific'),
  europe: msg('common.region.europe'),
  mena: msg('common.region.mena'),
};

/** A region's name in the translator's language; the code itself for one we do not know. */
export const regionName = (region: string, tr: Translator = english): string =>
  region in REGION_KEYS ? tr.t(REGION_KEYS[region as Region]) : (REGION_NAMES[region as Region] ?? region);

/** 2025-03-14 → "14 Mar 2025", as the English pages write a calendar date. */
export const formatDate = (date: string | null | undefined): string => english.date(date);

export const LAWFUL_BASIS_KEYS: Record<LawfulBasis, string> = {
  consent: msg('states.lawfulBasis.consent'),
  'legitimate-interest': msg('states.lawfulBasis.legitimate-interest'),
  'public-task': msg('states.lawfulBasis.public-task'),
  contract: msg('states.lawfulBasis.contract'),
};
export const LAWFUL_BASIS_LABELS: Record<LawfulBasis, string> = labelsIn(LAWFUL_BASIS_KEYS, english);
export const lawfulBasisLabels = (tr: Translator): Record<LawfulBasis, string> => labelsIn(LAWFUL_BASIS_KEYS, tr);

export const ROLE_KEYS: Record<Role, string> = {
  admin: msg('states.role.admin'),
  'campaign-officer': msg('states.role.campaign-officer'),
  'regional-officer': msg('states.role.regional-officer'),
  'steering-committee': msg('states.role.steering-committee'),
  viewer: msg('states.role.viewer'),
};
export const ROLE_LABELS: Record<Role, string> = labelsIn(ROLE_KEYS, english);
export const roleLabels = (tr: Translator): Record<Role, string> => labelsIn(ROLE_KEYS, tr);

export const stageLabels = (tr: Translator): Record<Stage, string> => labelsIn(STAGE_KEYS, tr);
export const implementationLabels = (tr: Translator): Record<ImplementationStage, string> =>
  labelsIn(IMPLEMENTATION_KEYS, tr);
export const instrumentLabels = (tr: Translator): Record<Instrument, string> => labelsIn(INSTRUMENT_KEYS, tr);
export const trackLabels = (tr: Translator): Record<Track, string> => labelsIn(TRACK_KEYS, tr);
export const eventLabels = (tr: Translator): Record<EventType, string> => labelsIn(EVENT_KEYS, tr);
export const confidenceLabels = (tr: Translator): Record<Confidence, string> => labelsIn(CONFIDENCE_KEYS, tr);
export const actionTypeLabels = (tr: Translator): Record<ActionType, string> => labelsIn(ACTION_TYPE_KEYS, tr);
