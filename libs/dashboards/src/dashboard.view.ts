import type { Region } from '@app/accounts';
import type { ActionCounts } from '@app/advocacy';
import type { FollowUpCounts } from '@app/follow-ups';
import type {
  EventType,
  ImplementationCounts,
  ImplementationStage,
  Instrument,
  Stage,
  StageCounts,
  StatusChange,
  Track,
  UnGroup,
} from '@app/states';

/** What every dashboard shows, for the whole world, one region or one state. */
export interface DashboardView {
  /** The day the counts hold for (UTC). */
  asOf: string;
  /** When the figures were read. */
  generatedAt: string;
  /** How many states the figures cover. */
  stateCount: number;
  /** States at each stage, per instrument. */
  instruments: StageCounts[];
  /** States at each stage, per implementation track. */
  implementation: ImplementationCounts[];
  actions: ActionCounts;
  followUps: FollowUpCounts;
  /** The latest treaty events and implementation changes, newest first. */
  recentChanges: StatusChange[];
}

export interface PartiesPoint {
  date: string;
  parties: number;
}

export interface RegionSummary {
  region: Region;
  name: string;
  stateCount: number;
  /** Rome Statute parties (withdrawing states still are). */
  parties: number;
}

export interface GlobalDashboardView extends DashboardView {
  regions: RegionSummary[];
  /** Rome Statute parties on every date the number changed. */
  partiesOverTime: PartiesPoint[];
}

/** One state's line in its region's table. */
export interface RegionStateRow {
  code: string;
  name: string;
  instruments: Record<Instrument, Stage>;
  implementation: Record<Track, ImplementationStage>;
  actions: { last90Days: number; lastOn: string | null };
  followUps: { open: number; overdue: number };
}

export interface RegionDashboardView extends DashboardView {
  region: Region;
  name: string;
  partiesOverTime: PartiesPoint[];
  /** Every state of the region, by name. */
  states: RegionStateRow[];
}

export interface InstrumentStatus {
  stage: Stage;
  signedOn: string | null;
  depositedOn: string | null;
  depositKind: EventType | null;
  inForceOn: string | null;
  withdrawalNotifiedOn: string | null;
  withdrawalEffectiveOn: string | null;
}

export interface TreatyEventLine {
  id: string;
  instrument: Instrument;
  type: EventType;
  date: string;
  source: string | null;
  note: string | null;
  recordedBy: { id: string; name: string } | null;
  recordedAt: string;
}

export interface ImplementationLine {
  id: string;
  track: Track;
  stage: ImplementationStage;
  date: string;
  note: string | null;
  reference: string | null;
  recordedBy: { id: string; name: string } | null;
  recordedAt: string;
}

/** One state as GET /api/states/:code gives it: status, every treaty event and the implementation history. */
export interface StateDetail {
  code: string;
  name: string;
  names: { en: string; fr: string; es: string; ar: string };
  region: Region;
  unGroup: UnGroup | null;
  unStatus: string;
  instruments: Record<Instrument, InstrumentStatus>;
  implementation: Record<Track, ImplementationStage>;
  asOf: string;
  events: TreatyEventLine[];
  implementationHistory: ImplementationLine[];
}

export interface StateDashboardView extends DashboardView {
  state: StateDetail;
}
