import type { Region } from '@app/accounts';
import type { ActionCounts } from '@app/advocacy';
import type { FollowUpCounts } from '@app/follow-ups';
import type {
  ImplementationCounts,
  ImplementationStage,
  Instrument,
  Stage,
  StageCounts,
  StateDetail,
  StatusChange,
  Track,
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

export interface StateDashboardView extends DashboardView {
  /** The state as GET /api/states/:code gives it. */
  state: StateDetail;
}
