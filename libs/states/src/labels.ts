import type { EventType, Instrument, Track } from './treaty';

/** How people read the instrument codes, in the web pages and the weekly digest alike. */
export const INSTRUMENT_LABELS: Record<Instrument, string> = {
  'rome-statute': 'Rome Statute',
  apic: 'Privileges and Immunities (APIC)',
  'amendment-aggression': 'Kampala: crime of aggression',
  'amendment-art8-2010': 'Article 8 amendment (2010)',
  'amendment-art8-2017': 'Article 8 amendments (2017)',
  'amendment-art8-2019': 'Article 8 amendment (2019)',
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
