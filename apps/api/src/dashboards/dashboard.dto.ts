import { ApiProperty } from '@nestjs/swagger';
import { REGIONS, Region } from '@app/accounts';
import type {
  DashboardView,
  GlobalDashboardView,
  RegionDashboardView,
  RegionStateRow,
  RegionSummary,
  StateDashboardView,
} from '@app/dashboards';
import {
  EVENT_TYPES,
  EventType,
  IMPLEMENTATION_STAGES,
  ImplementationCounts,
  ImplementationStage,
  Instrument,
  INSTRUMENTS,
  Stage,
  StageCounts,
  StatusChange,
  Track,
  TRACKS,
} from '@app/states';
import { ImplementationDto, PartiesPointDto, StateDetailDto } from '../states/state.dto';

export class StageCountsByStageDto {
  none!: number;
  signed!: number;
  /** Instrument deposited, not yet in force for the state. */
  deposited!: number;
  party!: number;
  /** Withdrawal notified, not yet effective: still a party. */
  withdrawing!: number;
  withdrawn!: number;
}

export class InstrumentCountsDto implements StageCounts {
  @ApiProperty({ enum: INSTRUMENTS })
  instrument!: Instrument;
  stages!: StageCountsByStageDto;
}

export class ImplementationStageCountsDto {
  /** Nobody has recorded a stage yet. */
  unknown!: number;
  /** Checked: nothing. */
  none!: number;
  drafting!: number;
  @ApiProperty({ name: 'before-parliament' })
  'before-parliament'!: number;
  enacted!: number;
}

export class TrackCountsDto implements ImplementationCounts {
  @ApiProperty({ enum: TRACKS })
  track!: Track;
  stages!: ImplementationStageCountsDto;
}

export class ActionCountsDto {
  /** Actions dated in the 30 days up to today (UTC), today included. */
  last30Days!: number;
  last90Days!: number;
}

export class FollowUpCountsDto {
  open!: number;
  /** Open, and their reminder time has passed. */
  overdue!: number;
  /** Open, and due within the next 7 days. */
  dueSoon!: number;
}

export class StatusChangeDto implements StatusChange {
  @ApiProperty({ enum: ['treaty-event', 'implementation'] })
  kind!: StatusChange['kind'];
  id!: string;
  @ApiProperty({ type: String, format: 'date' })
  date!: string;
  stateCode!: string;
  stateName!: string;
  @ApiProperty({ enum: REGIONS })
  region!: Region;
  @ApiProperty({ enum: INSTRUMENTS, nullable: true, description: 'Treaty events only' })
  instrument!: Instrument | null;
  @ApiProperty({ enum: EVENT_TYPES, nullable: true, description: 'Treaty events only' })
  type!: EventType | null;
  @ApiProperty({ enum: TRACKS, nullable: true, description: 'Implementation changes only' })
  track!: Track | null;
  @ApiProperty({ enum: IMPLEMENTATION_STAGES, nullable: true, description: 'Implementation changes only' })
  stage!: ImplementationStage | null;
  @ApiProperty({ type: String, nullable: true, description: "The event's source or the change's reference" })
  source!: string | null;
  @ApiProperty({ type: String, format: 'date-time' })
  recordedAt!: string;
}

export class DashboardDto implements DashboardView {
  @ApiProperty({ type: String, format: 'date', description: 'The day (UTC) the figures hold for' })
  asOf!: string;
  @ApiProperty({ type: String, format: 'date-time' })
  generatedAt!: string;
  /** How many states the figures cover. */
  stateCount!: number;
  @ApiProperty({ type: [InstrumentCountsDto], description: 'States at each stage, per instrument' })
  instruments!: InstrumentCountsDto[];
  @ApiProperty({ type: [TrackCountsDto], description: 'States at each stage, per implementation track' })
  implementation!: TrackCountsDto[];
  actions!: ActionCountsDto;
  followUps!: FollowUpCountsDto;
  @ApiProperty({ type: [StatusChangeDto], description: 'Latest treaty events and implementation changes' })
  recentChanges!: StatusChangeDto[];
}

export class RegionSummaryDto implements RegionSummary {
  @ApiProperty({ enum: REGIONS })
  region!: Region;
  name!: string;
  stateCount!: number;
  /** States parties to the Rome Statute: party or withdrawing. */
  parties!: number;
}

export class GlobalDashboardDto extends DashboardDto implements GlobalDashboardView {
  @ApiProperty({ type: [RegionSummaryDto] })
  regions!: RegionSummaryDto[];
  @ApiProperty({
    type: [PartiesPointDto],
    description: 'States parties to the Rome Statute on each date the number changed',
  })
  partiesOverTime!: PartiesPointDto[];
}

export class StageByInstrumentDto {
  @ApiProperty({ enum: ['none', 'signed', 'deposited', 'party', 'withdrawing', 'withdrawn'] })
  'rome-statute'!: Stage;
  @ApiProperty({ enum: ['none', 'signed', 'deposited', 'party', 'withdrawing', 'withdrawn'] })
  apic!: Stage;
  @ApiProperty({ enum: ['none', 'signed', 'deposited', 'party', 'withdrawing', 'withdrawn'] })
  'amendment-aggression'!: Stage;
  @ApiProperty({ enum: ['none', 'signed', 'deposited', 'party', 'withdrawing', 'withdrawn'] })
  'amendment-art8-2010'!: Stage;
  @ApiProperty({ enum: ['none', 'signed', 'deposited', 'party', 'withdrawing', 'withdrawn'] })
  'amendment-art8-2017-biological'!: Stage;
  @ApiProperty({ enum: ['none', 'signed', 'deposited', 'party', 'withdrawing', 'withdrawn'] })
  'amendment-art8-2017-fragments'!: Stage;
  @ApiProperty({ enum: ['none', 'signed', 'deposited', 'party', 'withdrawing', 'withdrawn'] })
  'amendment-art8-2017-laser'!: Stage;
  @ApiProperty({ enum: ['none', 'signed', 'deposited', 'party', 'withdrawing', 'withdrawn'] })
  'amendment-art8-2019'!: Stage;
}

export class StateActionsDto {
  last90Days!: number;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Latest action up to today' })
  lastOn!: string | null;
}

export class StateFollowUpsDto {
  open!: number;
  overdue!: number;
}

export class RegionStateRowDto implements RegionStateRow {
  code!: string;
  name!: string;
  instruments!: StageByInstrumentDto;
  implementation!: ImplementationDto;
  actions!: StateActionsDto;
  followUps!: StateFollowUpsDto;
}

export class RegionDashboardDto extends DashboardDto implements RegionDashboardView {
  @ApiProperty({ enum: REGIONS })
  region!: Region;
  name!: string;
  @ApiProperty({ type: [PartiesPointDto], description: "The region's states parties to the Rome Statute over time" })
  partiesOverTime!: PartiesPointDto[];
  @ApiProperty({ type: [RegionStateRowDto], description: 'Every state of the region, by name' })
  states!: RegionStateRowDto[];
}

export class StateDashboardDto extends DashboardDto implements StateDashboardView {
  @ApiProperty({ type: StateDetailDto, description: 'The state as GET /api/states/{code} gives it' })
  state!: StateDetailDto;
}
