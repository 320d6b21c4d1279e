import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Length, Max, MaxLength, Min } from 'class-validator';
import {
  DepositaryProposal,
  EVENT_TYPES,
  EventType,
  Instrument,
  INSTRUMENTS,
  PROPOSAL_CHANGES,
  PROPOSAL_STATUSES,
  ProposalChange,
  ProposalStatus,
} from '@app/states';
import { IsInstrument } from '../common/validation';

const oneOf = (name: string, values: readonly string[]) => ({ message: `${name} must be one of ${values.join(', ')}` });
const MAX_TEXT = 2_000_000;

export class StatusTableDto {
  @ApiProperty({ enum: INSTRUMENTS })
  @IsInstrument()
  instrument!: Instrument;

  /**
   * The participants table of the instrument's UN status page, as shown or copied (one participant a line, columns
   * separated by tabs; dates as the UN writes them, `26 Sep 2013 A`), or the MTDSG XML of that page.
   */
  @IsString()
  @Length(1, MAX_TEXT)
  text!: string;

  /** Where the table was read; default the instrument's UN status page. */
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'sourceUrl must be an http(s) address' })
  sourceUrl?: string;
}

export class NotificationDto {
  /** A depositary notification (C.N.) as published. */
  @IsString()
  @Length(1, 100_000)
  text!: string;

  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'sourceUrl must be an http(s) address' })
  sourceUrl?: string;
}

export class StatusTableImportDto {
  id!: string;
  @ApiProperty({ enum: INSTRUMENTS })
  instrument!: Instrument;
  /** Rows of the table read. */
  participants!: number;
  /** Proposals filed (a proposal already pending or rejected is not filed again). */
  proposals!: number;
  /** Participants whose row agrees with the record. */
  unchanged!: number;
  /** Names the tracker could not match to a state: listed, never guessed. */
  unmatched!: string[];
}

export class NotificationImportDto {
  id!: string;
  @ApiProperty({ example: 'C.N.180.2026.TREATIES-XVIII.10' })
  reference!: string;
  @ApiProperty({ enum: INSTRUMENTS })
  instrument!: Instrument;
  stateCode!: string;
  @ApiProperty({ enum: EVENT_TYPES })
  type!: EventType;
  @ApiProperty({ type: String, format: 'date' })
  date!: string;
  proposals!: number;
}

export class ProposalsQueryDto {
  @IsOptional()
  @IsIn(PROPOSAL_STATUSES, oneOf('status', PROPOSAL_STATUSES))
  status?: ProposalStatus;

  @ApiPropertyOptional({ enum: INSTRUMENTS })
  @IsOptional()
  @IsInstrument()
  instrument?: Instrument;

  /** ISO alpha-3, any case. */
  @IsOptional()
  @IsString()
  @Length(3, 3, { message: 'state must be an ISO 3166-1 alpha-3 code' })
  state?: string;

  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value,
  )
  @IsInt({ message: 'limit must be a whole number from 1 to 200' })
  @Min(1, { message: 'limit must be a whole number from 1 to 200' })
  @Max(200, { message: 'limit must be a whole number from 1 to 200' })
  limit?: number;

  /** `nextCursor` of the previous page. */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  cursor?: string;
}

export class ProposalDto implements DepositaryProposal {
  id!: string;
  stateCode!: string;
  stateName!: string;
  @ApiProperty({ enum: INSTRUMENTS })
  instrument!: Instrument;
  @ApiProperty({ enum: EVENT_TYPES })
  type!: EventType;
  @ApiProperty({ type: String, format: 'date' })
  date!: string;
  @ApiProperty({ type: String, nullable: true })
  reference!: string | null;
  @ApiProperty({ type: String, nullable: true })
  sourceUrl!: string | null;
  @ApiProperty({ enum: PROPOSAL_CHANGES })
  change!: ProposalChange;
  @ApiProperty({ type: String, nullable: true, description: 'The event the proposal would correct' })
  currentEventId!: string | null;
  @ApiProperty({ enum: PROPOSAL_STATUSES })
  status!: ProposalStatus;
  @ApiProperty({ type: String, nullable: true, description: 'Why it was rejected' })
  reason!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The event recorded when it was accepted' })
  eventId!: string | null;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;
}

export class ProposalListDto {
  @ApiProperty({ type: [ProposalDto] })
  items!: ProposalDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last' })
  nextCursor!: string | null;
}

export class RejectProposalDto {
  @IsString()
  @Length(1, 2000, { message: 'reason must be 1 to 2000 characters' })
  reason!: string;
}
