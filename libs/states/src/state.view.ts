import type { Region } from '@app/accounts';
import type { Confidence, EventType, ImplementationStage, Instrument, Stage, Track, UnGroup } from './treaty';

/**
 * A state as the states routes give it, and as other libraries receive it from StatesService: one shape,
 * built once by the SQL in states.repository.ts.
 */

export interface InstrumentStatus {
  stage: Stage;
  signedOn: string | null;
  depositedOn: string | null;
  depositKind: EventType | null;
  inForceOn: string | null;
  withdrawalNotifiedOn: string | null;
  withdrawalEffectiveOn: string | null;
  /** The day the state told the depositary it does not intend to become a party; its signature stays recorded. */
  signatureWithdrawnOn: string | null;
  /** False when an event behind the stage is only `reported`. */
  confirmed: boolean;
}

/** One state in GET /api/states: its status for every instrument and its implementation stages. */
export interface StateSummary {
  code: string;
  name: string;
  /** The everyday English name, when the UN's differs ("South Korea" for the Republic of Korea). */
  commonName: string | null;
  names: { en: string; fr: string; es: string; ar: string };
  region: Region;
  unGroup: UnGroup | null;
  unStatus: string;
  instruments: Record<Instrument, InstrumentStatus>;
  implementation: Record<Track, ImplementationStage>;
}

/** A state found by a search: its names in the four languages, and the everyday English one. */
export interface StateMatch {
  code: string;
  name: string;
  commonName: string | null;
  names: { en: string; fr: string; es: string; ar: string };
  region: Region;
}

/** Who recorded a step: null for reference data loaded at start-up. */
export type RecordedBy = { id: string; name: string } | null;

export interface TreatyEventLine {
  id: string;
  instrument: Instrument;
  type: EventType;
  date: string;
  source: string | null;
  sourceUrl: string | null;
  /** The depositary's reference, e.g. C.N.180.2026.TREATIES-XVIII.10. */
  reference: string | null;
  confidence: Confidence;
  note: string | null;
  recordedBy: RecordedBy;
  recordedAt: string;
}

export interface ImplementationLine {
  id: string;
  track: Track;
  stage: ImplementationStage;
  date: string;
  note: string | null;
  reference: string | null;
  recordedBy: RecordedBy;
  recordedAt: string;
}

/** One state as GET /api/states/:code gives it: status, every treaty event and the implementation history. */
export interface StateDetail extends StateSummary {
  asOf: string;
  events: TreatyEventLine[];
  implementationHistory: ImplementationLine[];
}
