import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { REGIONS, Region } from '@app/accounts';
import { PLEDGE_INSTRUMENTS, PLEDGE_STATUSES, PledgeInstrument, PledgeStatus, PledgeView } from '@app/insight';
import { oneOf, STATE_CODE } from '../advocacy/action.dto';
import { PageQueryDto } from '../common/page.dto';
import { IsCalendarDate } from '../common/validation';
import { RecorderDto } from '../states/state.dto';

const NOT_BLANK = /\S/;
// PATCH: a field sent as null is validated (and refused) instead of skipped, unlike @IsOptional().
const unlessAbsent = () => ValidateIf((_: object, value: unknown) => value !== undefined);

export class CreatePledgeDto {
  /** ISO 3166-1 alpha-3 code of the state that pledged, any case. */
  @ApiProperty({ pattern: STATE_CODE.source, example: 'GMB' })
  @IsString()
  @Matches(STATE_CODE, { message: 'stateCode must be an ISO 3166-1 alpha-3 code such as UKR' })
  stateCode!: string;

  /** The instrument to join, or `implementation-cooperation` / `implementation-crimes` to enact legislation. */
  @ApiProperty({ enum: PLEDGE_INSTRUMENTS })
  @IsIn(PLEDGE_INSTRUMENTS, oneOf('instrument', PLEDGE_INSTRUMENTS))
  instrument!: PledgeInstrument;

  /** The day the pledge was made; not in the future. */
  @ApiProperty({ type: String, format: 'date' })
  @IsCalendarDate()
  madeOn!: string;

  /** Where it was made: an Assembly of States Parties session, a Universal Periodic Review, a meeting. */
  @IsString()
  @Length(1, 300)
  @Matches(NOT_BLANK, { message: 'occasion must not be blank' })
  occasion!: string;

  /** The day it is meant to be kept by; not before madeOn. */
  @ApiPropertyOptional({ type: String, format: 'date' })
  @IsOptional()
  @IsCalendarDate()
  targetDate?: string;

  /** Where the pledge is recorded (a statement, a UPR report). */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  source?: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;
}

/** Any field but the state and the instrument; null clears targetDate, source or note. */
export class UpdatePledgeDto {
  @ApiPropertyOptional({ type: String, format: 'date' })
  @unlessAbsent()
  @IsCalendarDate()
  madeOn?: string;

  @unlessAbsent()
  @IsString()
  @Length(1, 300)
  @Matches(NOT_BLANK, { message: 'occasion must not be blank' })
  occasion?: string;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  targetDate?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  source?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string | null;
}

export class PledgesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PLEDGE_STATUSES })
  @IsOptional()
  @IsIn(PLEDGE_STATUSES, oneOf('status', PLEDGE_STATUSES))
  status?: PledgeStatus;

  @ApiPropertyOptional({ enum: PLEDGE_INSTRUMENTS })
  @IsOptional()
  @IsIn(PLEDGE_INSTRUMENTS, oneOf('instrument', PLEDGE_INSTRUMENTS))
  instrument?: PledgeInstrument;

  @ApiPropertyOptional({ enum: REGIONS })
  @IsOptional()
  @IsIn(REGIONS, oneOf('region', REGIONS))
  region?: Region;

  /** ISO 3166-1 alpha-3 code, any case. */
  @ApiPropertyOptional({ pattern: STATE_CODE.source })
  @IsOptional()
  @Matches(STATE_CODE, { message: 'state must be an ISO 3166-1 alpha-3 code such as UKR' })
  state?: string;

  /** A campaign's id: its target states' pledges made since it began. */
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'campaign must be a campaign id (UUID)' })
  campaign?: string;
}

/** The API's description of PledgeView. */
export class PledgeDto implements PledgeView {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  stateCode!: string;
  stateName!: string;
  @ApiProperty({ enum: REGIONS })
  region!: Region;
  @ApiProperty({ enum: PLEDGE_INSTRUMENTS })
  instrument!: PledgeInstrument;
  @ApiProperty({ type: String, format: 'date' })
  madeOn!: string;
  occasion!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  targetDate!: string | null;
  @ApiProperty({ type: String, nullable: true })
  source!: string | null;
  @ApiProperty({ type: String, nullable: true })
  note!: string | null;
  /** Derived: fulfilled once the deposit (or enactment) is recorded on or after madeOn; lapsed after targetDate. */
  @ApiProperty({ enum: PLEDGE_STATUSES })
  status!: PledgeStatus;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  fulfilledOn!: string | null;
  createdBy!: RecorderDto;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;
}

export type PledgeDtoMatchesView = PledgeView extends PledgeDto ? true : never;
export const pledgeDtoMatchesView: PledgeDtoMatchesView = true;

export class PledgePageDto {
  /** Newest first (madeOn, then id). */
  items!: PledgeDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last' })
  nextCursor!: string | null;
}
