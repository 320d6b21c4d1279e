import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  ACTION_TYPES,
  ActionType,
  CAMPAIGN_STATUSES,
  CampaignGoal,
  CampaignStatus,
  CampaignView,
  GOAL_STAGES,
  GoalStage,
} from '@app/advocacy';
import { CampaignProgress, CampaignStateProgress } from '@app/insight';
import { Instrument, INSTRUMENTS, Stage, STAGES } from '@app/states';
import { IsCalendarDate, IsInstrument } from '../common/validation';
import { RecorderDto } from '../states/state.dto';
import { ActionFollowUpDto, oneOf, STATE_CODE } from './action.dto';

export class CreateCampaignDto {
  /** Unique, whatever the case. */
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string;

  /** The instrument the campaign is about. */
  @ApiPropertyOptional({ enum: INSTRUMENTS })
  @IsOptional()
  @IsInstrument()
  instrument?: Instrument;

  /** ISO 3166-1 alpha-3 codes of the states the campaign targets, any case. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(250)
  @Matches(STATE_CODE, { each: true, message: 'stateCodes must each be an ISO 3166-1 alpha-3 code such as UKR' })
  stateCodes?: string[];

  @ApiPropertyOptional({ type: String, format: 'date' })
  @IsOptional()
  @IsCalendarDate()
  startsOn?: string;

  /** Not before startsOn. */
  @ApiPropertyOptional({ type: String, format: 'date' })
  @IsOptional()
  @IsCalendarDate()
  endsOn?: string;
}

/** What a campaign wants of its target states. */
export class CampaignGoalDto {
  @ApiProperty({ enum: INSTRUMENTS })
  @IsInstrument()
  instrument!: Instrument;

  /** The treaty stage wanted. */
  @ApiProperty({ enum: GOAL_STAGES })
  @IsIn(GOAL_STAGES, oneOf('goal.stage', GOAL_STAGES))
  stage!: GoalStage;

  /** Wanted by this day; not before the campaign began. */
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate({ message: 'goal.by must be a real date written YYYY-MM-DD' })
  by?: string | null;
}

// PATCH: a field sent as null is validated (and refused) instead of skipped, unlike @IsOptional().
const unlessAbsent = () => ValidateIf((_: object, value: unknown) => value !== undefined);

/** Any field of a campaign; null clears description, goal or endsOn. stateCodes replaces the targets. */
export class UpdateCampaignDto {
  @unlessAbsent()
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'name must not be blank' })
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string | null;

  /** The target states, in full (any case): those left out stop being targets. */
  @unlessAbsent()
  @IsArray()
  @ArrayMaxSize(250)
  @Matches(STATE_CODE, { each: true, message: 'stateCodes must each be an ISO 3166-1 alpha-3 code such as UKR' })
  stateCodes?: string[];

  @ApiPropertyOptional({ type: CampaignGoalDto, nullable: true })
  @IsOptional()
  @IsObject({ message: 'goal must be an object' })
  @ValidateNested()
  @Type(() => CampaignGoalDto)
  goal?: CampaignGoalDto | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  endsOn?: string | null;

  @ApiPropertyOptional({ enum: CAMPAIGN_STATUSES })
  @unlessAbsent()
  @IsIn(CAMPAIGN_STATUSES, oneOf('status', CAMPAIGN_STATUSES))
  status?: CampaignStatus;
}

export class CampaignGoalViewDto implements CampaignGoal {
  @ApiProperty({ enum: INSTRUMENTS })
  instrument!: Instrument;
  @ApiProperty({ enum: GOAL_STAGES })
  stage!: GoalStage;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  by!: string | null;
}

/** The API's description of CampaignView: a field that drifts from the view fails to compile, both ways. */
export class CampaignDto implements CampaignView {
  id!: string;
  name!: string;
  @ApiProperty({ type: String, nullable: true })
  description!: string | null;
  @ApiProperty({ enum: INSTRUMENTS, nullable: true })
  instrument!: Instrument | null;
  /** ISO 3166-1 alpha-3 codes, sorted. */
  stateCodes!: string[];
  @ApiProperty({ type: String, format: 'date', nullable: true })
  startsOn!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  endsOn!: string | null;
  @ApiProperty({ type: CampaignGoalViewDto, nullable: true })
  goal!: CampaignGoalViewDto | null;
  @ApiProperty({ enum: CAMPAIGN_STATUSES })
  status!: CampaignStatus;
  createdBy!: RecorderDto;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;
}

// Every field the DTO documents is one the view has (the other way round from `implements`).
export type CampaignDtoMatchesView = CampaignView extends CampaignDto ? true : never;
export const campaignDtoMatchesView: CampaignDtoMatchesView = true;

export class CampaignPageDto {
  /** By name, case-insensitively. */
  items!: CampaignDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last' })
  nextCursor!: string | null;
}

export class CampaignStateProgressDto implements CampaignStateProgress {
  /** ISO 3166-1 alpha-3. */
  code!: string;
  name!: string;
  /** Stage of the goal's instrument today. */
  @ApiProperty({ enum: STAGES })
  stage!: Stage;
  /** Stage of the goal's instrument on the day the campaign began. */
  @ApiProperty({ enum: STAGES })
  stageAtStart!: Stage;
  /** When the state reached the goal's stage, if it did on or after the campaign began. */
  @ApiProperty({ type: String, format: 'date', nullable: true })
  reachedOn!: string | null;
  /** The campaign's live actions about the state. */
  actions!: number;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  lastActionOn!: string | null;
  /** Pledges the state made for the goal's instrument since the campaign began. */
  pledges!: number;
}

export class PledgeCountsDto {
  made!: number;
  kept!: number;
  lapsed!: number;
}

export class CampaignProgressDto implements CampaignProgress {
  @ApiProperty({ format: 'uuid' })
  campaignId!: string;
  /** The goal's instrument (else the campaign's, else the Rome Statute). */
  @ApiProperty({ enum: INSTRUMENTS })
  instrument!: Instrument;
  /** The goal's stage (default party). */
  @ApiProperty({ enum: GOAL_STAGES })
  stage!: GoalStage;
  /** The campaign's start date, or the day it was created. */
  @ApiProperty({ type: String, format: 'date' })
  beganOn!: string;
  @ApiProperty({ type: String, format: 'date' })
  asOf!: string;
  targets!: number;
  /** Targets that reached the goal's stage on or after the campaign began. */
  reached!: number;
  /** Targets with at least one of the campaign's actions. */
  contacted!: number;
  /** Targets with none yet, sorted. */
  notContacted!: string[];
  pledges!: PledgeCountsDto;
  /** Open follow-ups of the campaign's actions. */
  openFollowUps!: number;
  states!: CampaignStateProgressDto[];
}

/** One action per target state of the campaign (or the subset named), with a follow-up each if asked. */
export class CreateCampaignActionsDto {
  @ApiProperty({ enum: ACTION_TYPES })
  @IsIn(ACTION_TYPES, oneOf('type', ACTION_TYPES))
  type!: ActionType;

  /** When it happened or is planned: from 1995-01-01 to one year from today. */
  @ApiProperty({ type: String, format: 'date', example: '2025-03-14' })
  @IsCalendarDate()
  date!: string;

  @IsString()
  @MaxLength(300)
  @Matches(/\S/, { message: 'title must not be blank' })
  title!: string;

  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  summary?: string;

  /** Target states of the campaign to log the action for (any case); default: every target. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(250)
  @Matches(STATE_CODE, { each: true, message: 'stateCodes must each be an ISO 3166-1 alpha-3 code such as UKR' })
  stateCodes?: string[];

  /**
   * Contacts the letter went to: each state's action is linked to those given whose state is its state (contacts of
   * other states, or of none, link to no action); unknown or erased ids are refused (400), nothing saved.
   */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true, message: 'contactIds must each be a contact id (UUID)' })
  contactIds?: string[];

  /** A follow-up for each action; its reminder goes to the assignee (default: you). */
  @IsOptional()
  @IsObject({ message: 'followUp must be an object' })
  @ValidateNested()
  @Type(() => ActionFollowUpDto)
  followUp?: ActionFollowUpDto;
}

export class LoggedCampaignActionDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  stateCode!: string;
}

export class LoggedCampaignFollowUpDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  stateCode!: string;
  @ApiProperty({ format: 'uuid' })
  actionId!: string;
}

export class CampaignActionsLoggedDto {
  /** One per state, sorted by state code. */
  actions!: LoggedCampaignActionDto[];
  /** One per action when a follow-up was asked for; else empty. */
  followUps!: LoggedCampaignFollowUpDto[];
}
