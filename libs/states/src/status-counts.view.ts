import type { Region } from '@app/accounts';
import type { EventType, ImplementationStage, Instrument, Stage, Track } from './treaty';

export interface StageCounts {
  instrument: Instrument;
  /** States at each stage; every stage is present, zero included. */
  stages: Record<Stage, number>;
}

export interface ImplementationCounts {
  track: Track;
  stages: Record<ImplementationStage, number>;
}

/** A treaty event or an implementation change, as a line of "what moved". */
export interface StatusChange {
  kind: 'treaty-event' | 'implementation';
  id: string;
  date: string;
  stateCode: string;
  stateName: string;
  region: Region;
  /** Treaty events: the instrument and the step. */
  instrument: Instrument | null;
  type: EventType | null;
  /** Implementation changes: the track and its new stage. */
  track: Track | null;
  stage: ImplementationStage | null;
  /** The event's source, or the change's reference. */
  source: string | null;
  recordedAt: string;
}

export interface StatusScope {
  region?: Region;
  code?: string;
}
