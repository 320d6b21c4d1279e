import { labelsIn, msg, translator } from '@app/i18n';
import type { Confidence, EventType, Instrument, Track } from './treaty';

/*
 * How people read the treaty codes, in the web pages and the weekly digest alike: the message key of each code
 * (the catalogues' `states` area) and, for the callers that write English, its English label.
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

export const TRACK_KEYS: Record<Track, string> = {
  cooperation: msg('states.track.cooperation'),
  crimes: msg('states.track.crimes'),
};

export const CONFIDENCE_KEYS: Record<Confidence, string> = {
  depositary: msg('states.confidence.depositary'),
  official: msg('states.confidence.official'),
  reported: msg('states.confidence.reported'),
};

const english = translator('en');
export const INSTRUMENT_LABELS: Record<Instrument, string> = labelsIn(INSTRUMENT_KEYS, english);
export const EVENT_LABELS: Record<EventType, string> = labelsIn(EVENT_KEYS, english);
export const TRACK_LABELS: Record<Track, string> = labelsIn(TRACK_KEYS, english);
export const CONFIDENCE_LABELS: Record<Confidence, string> = labelsIn(CONFIDENCE_KEYS, english);
