import type { Region } from '@app/accounts';
import type { ActionType } from '@app/advocacy';
import type { EventType, ImplementationStage, Instrument, Stage, Track } from '@app/states';

/** How the digest names the codes it reports, for readers rather than for the API. */
export const INSTRUMENT_LABELS: Record<Instrument, string> = {
  'rome-statute': 'Rome Statute',
  apic: 'Privileges and Immunities (APIC)',
  'amendment-aggression': 'Kampala amendments (aggression)',
  'amendment-art8-2010': 'Article 8 amendment (2010)',
  'amendment-art8-2017': 'Article 8 amendments (2017)',
  'amendment-art8-2019': 'Article 8 amendment (2019)',
};

export const REGION_LABELS: Record<Region, string> = {
  africa: 'Africa',
  americas: 'Americas',
  'asia-pacific': 'Asia-Pacific',
  europe: 'Europe',
  mena: 'Middle East & North Africa',
};

export const ACTION_TYPE_LABELS: Record<ActionType, string> = {
  'letter-head-of-state': 'Letter to a head of state',
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

export const STAGE_LABELS: Record<Stage, string> = {
  none: 'not a party',
  signed: 'signatory',
  deposited: 'instrument deposited',
  party: 'party',
  withdrawing: 'withdrawing',
  withdrawn: 'withdrawn',
};

export const TRACK_LABELS: Record<Track, string> = {
  cooperation: 'Cooperation with the Court',
  crimes: 'Crimes in domestic law',
};

export const IMPLEMENTATION_STAGE_LABELS: Record<ImplementationStage, string> = {
  none: 'none',
  drafting: 'drafting',
  'before-parliament': 'before parliament',
  enacted: 'enacted',
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 2025-04-01 → "1 Apr 2025". */
export function formatDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** 2025-03-31 … 2025-04-06 → "31 Mar – 6 Apr 2025"; within one month "7–13 Apr 2025". */
export function formatRange(start: string, end: string): string {
  const [sy, sm, sd] = start.split('-').map(Number);
  const [ey, em, ed] = end.split('-').map(Number);
  if (sy !== ey) return `${formatDate(start)} – ${formatDate(end)}`;
  if (sm !== em) return `${sd} ${MONTHS[sm - 1]} – ${ed} ${MONTHS[em - 1]} ${ey}`;
  return `${sd}–${ed} ${MONTHS[em - 1]} ${ey}`;
}

/** +2, −1 or "no change". */
export function formatChange(delta: number): string {
  if (delta === 0) return 'no change';
  return delta > 0 ? `+${delta}` : `−${-delta}`;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
