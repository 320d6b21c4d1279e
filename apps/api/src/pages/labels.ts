import { msg, translator, type Translator } from '@app/i18n';
import type { LawfulBasis } from '@app/people';
import { type Region, REGION_NAMES, type Role } from '@app/accounts';
import { type ImplementationStage, type Instrument, isSignable, type Stage, type Track } from '@app/states';

/** How the pages name the codes of the API contract. */
export const STAGE_LABELS: Record<Stage, string> = {
  none: 'Not signed',
  signed: 'Signed',
  deposited: 'Deposited',
  party: 'Party',
  withdrawing: 'Withdrawing',
  withdrawn: 'Withdrawn',
};

export const STAGE_HINTS: Record<Stage, string> = {
  none: 'neither signed nor joined',
  signed: 'signed, not ratified',
  deposited: 'instrument deposited, not yet in force',
  party: 'in force for the state',
  withdrawing: 'withdrawal notified, not yet effective (still a party)',
  withdrawn: 'withdrawal effective',
};

/** An instrument status that rests in part on `reported` events, in a few words. */
export const UNCONFIRMED_LABEL = 'not confirmed by the depositary';

/** Amendments are not open for signature: a state that has not joined one has not accepted it. */
export function stageLabelFor(instrument: Instrument, stage: Stage): string {
  return stage === 'none' && !isSignable(instrument) ? 'Not accepted' : STAGE_LABELS[stage];
}

/** For table headers, where space is short. */
export const INSTRUMENT_SHORT: Record<Instrument, string> = {
  'rome-statute': 'Rome Statute',
  apic: 'APIC',
  'amendment-aggression': 'Aggression',
  'amendment-art8-2010': 'Art. 8 (2010)',
  'amendment-art8-2017-biological': 'Art. 8 (2017) biological',
  'amendment-art8-2017-fragments': 'Art. 8 (2017) fragments',
  'amendment-art8-2017-laser': 'Art. 8 (2017) lasers',
  'amendment-art8-2019': 'Art. 8 (2019)',
};

export const TRACK_SHORT: Record<Track, string> = { cooperation: 'Cooperation', crimes: 'Crimes' };

export const IMPLEMENTATION_LABELS: Record<ImplementationStage, string> = {
  unknown: 'Not yet recorded',
  none: 'None (checked)',
  drafting: 'Drafting',
  'before-parliament': 'Before parliament',
  enacted: 'Enacted',
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
export const regionName = (region: string, tr: Translator = translator('en')): string =>
  region in REGION_KEYS ? tr.t(REGION_KEYS[region as Region]) : (REGION_NAMES[region as Region] ?? region);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 2025-03-14 → "14 Mar 2025"; calendar dates carry no time zone. */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '';
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** An instant in UTC, labelled so; the page's script rewrites it into the reader's own time zone. */
export function formatInstantUtc(iso: string): string {
  const t = new Date(iso);
  const hh = String(t.getUTCHours()).padStart(2, '0');
  const mm = String(t.getUTCMinutes()).padStart(2, '0');
  return `${formatDate(t.toISOString())}, ${hh}:${mm} UTC`;
}

export const LAWFUL_BASIS_LABELS: Record<LawfulBasis, string> = {
  consent: 'Consent',
  'legitimate-interest': 'Legitimate interest',
  'public-task': 'Public task',
  contract: 'Contract',
};

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  'campaign-officer': 'Campaign officer',
  'regional-officer': 'Regional officer',
  'steering-committee': 'Steering committee',
  viewer: 'Viewer',
};
