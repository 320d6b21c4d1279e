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
import { FollowUpDto } from '../follow-ups/follow-up.dto';
import { REGIONS, Region } from '@app/accounts';
import { ACTION_TYPES, ActionFilter, ActionType, ActionView } from '@app/advocacy';
import { IsCalendarDate, IsInstant } from '../common/validation';
import { PageQueryDto } from '../common/page.dto';
import { RecorderDto } from '../states/state.dto';
import { ImportProblemDto } from '../people/organisation.dto';

export const oneOf = (name: string, values: readonly string[]) => ({
  message: `${name} must be one of ${values.join(', ')}`,
});

/** ISO 3166-1 alpha-3, any case. */
export const STATE_CODE = /^[A-Za-z]{3}$/;

const NOT_BLANK = /\S/;

// PATCH: a field sent as null is validated (and refused) instead of skipped, unlike @IsOptional().
const unlessAbsent = () => ValidateIf((_: object, value: unknown) => value !== undefined);

export class ActionFollowUpDto {
  /** The day it is due; the reminder goes out at 09:00 in the coalition's time zone (DIGEST_TZ). Give this or remindAt. */
  @ValidateIf((o: ActionFollowUpDto) => o.remindAt === undefined || o.dueOn !== undefined)
  @IsCalendarDate({ message: 'followUp.dueOn must be a real date written YYYY-MM-DD (or give followUp.remindAt)' })
  dueOn?: string;

  /** The instant of the reminder, with its time zone. Give this or dueOn. */
  @IsOptional()
  @IsInstant()
  remindAt?: string;

  /** Default: you. */
  @IsOptional()
  @IsUUID('4', { message: 'followUp.assigneeId must be a user id' })
  assigneeId?: string;

  /** Default: "Follow up: <the action's title>". */
  @IsOptional()
  @IsString()
  @Length(1, 300)
  title?: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;
}

export class CreateActionDto {
  /** ISO 3166-1 alpha-3 code of the state the action concerns, any case. */
  @ApiProperty({ pattern: STATE_CODE.source, example: 'UKR' })
  @IsString()
  @Matches(STATE_CODE, { message: 'stateCode must be an ISO 3166-1 alpha-3 code such as UKR' })
  stateCode!: string;

  @ApiProperty({ enum: ACTION_TYPES })
  @IsIn(ACTION_TYPES, oneOf('type', ACTION_TYPES))
  type!: ActionType;

  /** When it happened or is planned: from 1995-01-01 to one year from today. */
  @ApiProperty({ type: String, format: 'date', example: '2025-03-14' })
  @IsCalendarDate()
  date!: string;

  @IsString()
  @MaxLength(300)
  @Matches(NOT_BLANK, { message: 'title must not be blank' })
  title!: string;

  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  summary?: string;

  /** Who the action was aimed at, for example "Minister of Justice". */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  target?: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  outcome?: string;

  /** The campaign this action is part of. */
  @IsOptional()
  @IsUUID('all', { message: 'campaignId must be a campaign id (UUID)' })
  campaignId?: string;

  /** Contacts the action addressed or met; unknown or erased ids are refused (400), nothing saved. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'contactIds must each be a contact id (UUID)' })
  contactIds?: string[];

  /** Organisations that led or joined it; unknown or deleted ids are refused (400), nothing saved. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'organisationIds must each be an organisation id (UUID)' })
  organisationIds?: string[];

  /** What must happen next, saved with the action; its reminder goes to the assignee (default: you). */
  @IsOptional()
  @IsObject({ message: 'followUp must be an object' })
  @ValidateNested()
  @Type(() => ActionFollowUpDto)
  followUp?: ActionFollowUpDto;
}

/** Any field of an action except its state; null clears summary, target, outcome or campaignId. */
export class UpdateActionDto {
  @ApiPropertyOptional({ enum: ACTION_TYPES })
  @unlessAbsent()
  @IsIn(ACTION_TYPES, oneOf('type', ACTION_TYPES))
  type?: ActionType;

  @ApiPropertyOptional({ type: String, format: 'date' })
  @unlessAbsent()
  @IsCalendarDate()
  date?: string;

  @unlessAbsent()
  @IsString()
  @MaxLength(300)
  @Matches(NOT_BLANK, { message: 'title must not be blank' })
  title?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  summary?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  target?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  outcome?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'campaignId must be a campaign id (UUID)' })
  campaignId?: string | null;

  /** The contacts the action addressed or met; unknown or erased ids are refused (400), nothing saved; the list given replaces the action's. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'contactIds must each be a contact id (UUID)' })
  contactIds?: string[];

  /** The organisations that led or joined it; unknown or deleted ids are refused (400), nothing saved; the list given replaces the action's. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'organisationIds must each be an organisation id (UUID)' })
  organisationIds?: string[];
}

export class ActionsQueryDto extends PageQueryDto {
  /** ISO 3166-1 alpha-3 code, any case. */
  @ApiPropertyOptional({ pattern: STATE_CODE.source, example: 'UKR' })
  @IsOptional()
  @Matches(STATE_CODE, { message: 'state must be an ISO 3166-1 alpha-3 code such as UKR' })
  state?: string;

  @ApiPropertyOptional({ enum: REGIONS })
  @IsOptional()
  @IsIn(REGIONS, oneOf('region', REGIONS))
  region?: Region;

  @ApiPropertyOptional({ enum: ACTION_TYPES })
  @IsOptional()
  @IsIn(ACTION_TYPES, oneOf('type', ACTION_TYPES))
  type?: ActionType;

  /** Campaign id. */
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'campaign must be a campaign id (UUID)' })
  campaign?: string;

  /** Actions dated on or after this day. */
  @ApiPropertyOptional({ type: String, format: 'date' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  /** Actions dated on or before this day. */
  @ApiPropertyOptional({ type: String, format: 'date' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  /** `me`, or the id of the user who logged the actions. */
  @IsOptional()
  @Matches(/^(me|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, {
    message: 'loggedBy must be "me" or a user id (UUID)',
  })
  loggedBy?: string;

  /** Actions that addressed or met this contact (id). */
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'contact must be a contact id (UUID)' })
  contact?: string;

  /** Actions this organisation led or joined (id). */
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'organisation must be an organisation id (UUID)' })
  organisation?: string;
}

/** The list's query as the actions library takes it, for the API and the list page alike (`me`: the reader). */
export function actionFilterOf(
  query: Omit<ActionsQueryDto, 'limit' | 'cursor'>,
  readerId: string,
): Omit<ActionFilter, 'limit' | 'cursor'> {
  const { state, region, type, campaign, from, to, loggedBy, contact, organisation } = query;
  return {
    stateCode: state,
    region,
    type,
    campaignId: campaign,
    from,
    to,
    loggedBy: loggedBy?.toLowerCase() === 'me' ? readerId : loggedBy,
    contactId: contact,
    organisationId: organisation,
  };
}

/** The API's description of ActionView: a field that drifts from the view fails to compile, both ways. */
export class ActionDto implements ActionView {
  id!: string;
  /** ISO 3166-1 alpha-3. */
  stateCode!: string;
  /** English name of the state. */
  stateName!: string;
  @ApiProperty({ enum: REGIONS, description: "The state's region" })
  region!: Region;
  @ApiProperty({ enum: ACTION_TYPES })
  type!: ActionType;
  @ApiProperty({ type: String, format: 'date' })
  date!: string;
  title!: string;
  @ApiProperty({ type: String, nullable: true })
  summary!: string | null;
  @ApiProperty({ type: String, nullable: true })
  target!: string | null;
  @ApiProperty({ type: String, nullable: true })
  outcome!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  campaignId!: string | null;
  /** Who logged it. */
  loggedBy!: RecorderDto;
  /** Contacts it addressed or met, sorted. */
  @ApiProperty({ type: [String], format: 'uuid' })
  contactIds!: string[];
  /** Organisations that led or joined it, sorted. */
  @ApiProperty({ type: [String], format: 'uuid' })
  organisationIds!: string[];
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: string;
}

// Every field the DTO documents is one the view has (the other way round from `implements`).
export type ActionDtoMatchesView = ActionView extends ActionDto ? true : never;
export const actionDtoMatchesView: ActionDtoMatchesView = true;

export class ActionPageDto {
  /** Newest first. */
  items!: ActionDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last' })
  nextCursor!: string | null;
}

export class CreatedActionDto extends ActionDto {
  /** Present when the request set a follow-up. */
  followUp?: FollowUpDto;
}

/** What a dry run of an actions import found: the rows that would be saved, every row's problems, the duplicates. */
export class ActionImportReportDto {
  valid!: number;
  /** Each problem with the line the row starts on (the header is line 1) and the column. */
  errors!: ImportProblemDto[];
  /** Same state, type, date and title (any case) as an action held or an earlier row: reported, never saved. */
  duplicates!: ImportProblemDto[];
}

export class ActionImportCreatedDto {
  created!: number;
  /** The audit trail's one entry for the import (entity `action-import`) names every action it created. */
  @ApiProperty({ format: 'uuid' })
  importId!: string;
}
