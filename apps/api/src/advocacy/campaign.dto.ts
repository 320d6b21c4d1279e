import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { CampaignView } from '@app/advocacy';
import { Instrument, INSTRUMENTS } from '@app/states';
import { IsCalendarDate, IsInstrument } from '../common/validation';
import { RecorderDto } from '../states/state.dto';
import { STATE_CODE } from './action.dto';

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
