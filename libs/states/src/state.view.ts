import type { Region } from '@app/accounts';
import type { EventType, ImplementationStage, Instrument, Stage, Track, UnGroup } from './treaty';

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
}

/** One state in GET /api/states: its status for every instrument and its implementation stages. */
export interface StateSummary {
  code: string;
  name: string;
  names: { en: string; fr: string; es: string; ar: string };
  region: Region;
  unGroup: UnGroup | null;
  unStatus: string;
  instruments: Record<Instrument, InstrumentStatus>;
  implementation: Record<Track, ImplementationStage>;
}

/** Who recorded a step: null for reference data loaded at start-up. */
export type RecordedBy = { id: string; name: string } | null;

export interface TreatyEventLine {
  id: string;
  instrument: Instrument;
  type: EventType;
  date: string;
  source: string | null;
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
