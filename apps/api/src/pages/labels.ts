import type { Region } from '@app/accounts';
import type { ActionType } from '@app/advocacy';
import { REGION_NAMES } from '@app/dashboards';
import type { EventType, ImplementationStage, Instrument, Stage, Track } from '@app/states';

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

export const INSTRUMENT_LABELS: Record<Instrument, string> = {
  'rome-statute': 'Rome Statute',
  apic: 'Privileges and Immunities (APIC)',
  'amendment-aggression': 'Kampala: crime of aggression',
  'amendment-art8-2010': 'Article 8 amendment (2010)',
  'amendment-art8-2017': 'Article 8 amendments (2017)',
  'amendment-art8-2019': 'Article 8 amendment (2019)',
};

/** For table headers, where space is short. */
export const INSTRUMENT_SHORT: Record<Instrument, string> = {
  'rome-statute': 'Rome Statute',
  apic: 'APIC',
  'amendment-aggression': 'Aggression',
  'amendment-art8-2010': 'Art. 8 (2010)',
  'amendment-art8-2017': 'Art. 8 (2017)',
  'amendment-art8-2019': 'Art. 8 (2019)',
};

export const EVENT_LABELS: Record<EventType, string> = {
  signature: 'Signature',
  ratification: 'Ratification',
  accession: 'Accession',
  acceptance: 'Acceptance',
  approval: 'Approval',
  succession: 'Succession',
  'entry-into-force': 'Entry into force',
  'withdrawal-notified': 'Withdrawal notified',
  'withdrawal-revoked': 'Withdrawal revoked',
  'withdrawal-effective': 'Withdrawal effective',
};

export const TRACK_LABELS: Record<Track, string> = {
  cooperation: 'Cooperation with the Court',
  crimes: 'Crimes and general principles',
};

export const TRACK_SHORT: Record<Track, string> = { cooperation: 'Cooperation', crimes: 'Crimes' };

export const IMPLEMENTATION_LABELS: Record<ImplementationStage, string> = {
  none: 'None',
  drafting: 'Drafting',
  'before-parliament': 'Before parliament',
  enacted: 'Enacted',
};

export const ACTION_LABELS: Record<ActionType, string> = {
  'letter-head-of-state': 'Letter to head of state',
  'letter-minister': 'Letter to a minister',
  meeting: 'Meeting',
  call: 'Call',
  'parliamentary-briefing': 'Parliamentary briefing',
  media: 'Media',
  'social-media': 'Social media',
  event: 'Event',
  submission: 'Submission',
  other: 'Other',
};

export const regionName = (region: string): string => REGION_NAMES[region as Region] ?? region;

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

export const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
