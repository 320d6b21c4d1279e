import type { Confidence, EventType, Instrument, Track } from './treaty';

/** How people read the instrument codes, in the web pages and the weekly digest alike. */
export const INSTRUMENT_LABELS: Record<Instrument, string> = {
  'rome-statute': 'Rome Statute',
  apic: 'Privileges and Immunities (APIC)',
  'amendment-aggression': 'Kampala: crime of aggression',
  'amendment-art8-2010': 'Article 8 amendment (2010)',
  'amendment-art8-2017-biological': 'Article 8 amendment (2017): biological weapons',
  'amendment-art8-2017-fragments': 'Article 8 amendment (2017): undetectable fragments',
  'amendment-art8-2017-laser': 'Article 8 amendment (2017): blinding lasers',
  'amendment-art8-2019': 'Article 8 amendment (2019)',
};

export const EVENT_LABELS: Record<EventType, string> = {
  signature: 'Signature',
  'signature-withdrawn': 'Signature withdrawn (does not intend to become a party)',
  ratification: 'Ratification',
  accession: 'Accession',
  acceptance: 'Acceptance',
  approval: 'Approval',
  succession: 'Succession',
  'deposit-withdrawn': 'Instrument withdrawn before it took effect',
  'entry-into-force': 'Entry into force',
  'withdrawal-notified': 'Withdrawal notified',
  'withdrawal-revoked': 'Withdrawal revoked',
  'withdrawal-effective': 'Withdrawal effective',
};

export const TRACK_LABELS: Record<Track, string> = {
  cooperation: 'Cooperation with the Court',
  crimes: 'Crimes and general principles',
};

export const CONFIDENCE_LABELS: Record<Confidence, string> = {
  depositary: 'UN depositary record',
  official: 'Official source',
  reported: 'Reported, not confirmed by the depositary or an official source',
};
