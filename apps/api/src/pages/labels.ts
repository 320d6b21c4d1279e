import { labelIn, labelsIn, msg, translator, type Translator } from '@app/i18n';
import { ACTION_TYPE_KEYS, type ActionType } from '@app/advocacy';
import type { LawfulBasis } from '@app/people';
import { REGION_KEYS, type Role } from '@app/accounts';
import {
  type Confidence,
  CONFIDENCE_KEYS,
  EVENT_KEYS,
  type EventType,
  type ImplementationStage,
  type Instrument,
  INSTRUMENT_KEYS,
  isSignable,
  type Stage,
  type Track,
  TRACK_KEYS,
} from '@app/states';

const english = translator('en');

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

/** A region's name in the translator's language; the code itself for one we do not know. */
export const regionName = (region: string, tr: Translator = english): string => labelIn(REGION_KEYS, tr, region);

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
