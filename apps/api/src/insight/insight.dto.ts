import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { REGIONS, Region } from '@app/accounts';
import { ACTION_TYPES } from '@app/advocacy';
import { OutcomeMove, Outcomes, PLEDGE_INSTRUMENTS, PlaybookEntry, StalledState } from '@app/insight';
import { Instrument, INSTRUMENTS } from '@app/states';
import { IsCalendarDate } from '../common/validation';
import { oneOf } from '../advocacy/action.dto';

export class StalledQueryDto {
  /** An instrument, or `implementation-cooperation` / `implementation-crimes`; default: all. */
  @ApiPropertyOptional({ enum: PLEDGE_INSTRUMENTS })
  @IsOptional()
  @IsIn(PLEDGE_INSTRUMENTS, oneOf('instrument', PLEDGE_INSTRUMENTS))
  instrument?: string;

  @ApiPropertyOptional({ enum: REGIONS })
  @IsOptional()
  @IsIn(REGIONS, oneOf('region', REGIONS))
  region?: Region;
}

export class StalledStateDto implements StalledState {
  /** ISO 3166-1 alpha-3. */
  code!: string;
  name!: string;
  @ApiProperty({ enum: REGIONS })
  region!: Region;
  @ApiProperty({ enum: PLEDGE_INSTRUMENTS })
  instrument!: string;
  /** A treaty stage, or an implementation stage for the tracks. */
  stage!: string;
  /** The day its stage last moved; null when it never has. */
  @ApiProperty({ type: String, format: 'date', nullable: true })
  since!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  lastActionOn!: string | null;
  /** The playbook's next step for the stage; null when it has none. */
  @ApiProperty({ type: String, nullable: true })
  suggestion!: string | null;
}

export class PlaybookEntryDto implements PlaybookEntry {
  @ApiProperty({ enum: PLEDGE_INSTRUMENTS })
  @IsIn(PLEDGE_INSTRUMENTS, oneOf('instrument', PLEDGE_INSTRUMENTS))
  instrument!: string;

  /** none, signed or withdrawn for an instrument; unknown, none, drafting or before-parliament for a track. */
  @IsString()
  @Length(1, 40)
  stage!: string;

  @IsString()
  @Length(1, 2000)
  suggestion!: string;
}

export class OutcomesQueryDto {
  /** Default rome-statute. */
  @ApiPropertyOptional({ enum: INSTRUMENTS })
  @IsOptional()
  @IsIn(INSTRUMENTS, oneOf('instrument', INSTRUMENTS))
  instrument?: Instrument;

  @ApiPropertyOptional({ enum: REGIONS })
  @IsOptional()
  @IsIn(REGIONS, oneOf('region', REGIONS))
  region?: Region;

  /** A campaign's id: its targets are the targeted states, its actions the ones counted, from the day it began. */
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'campaign must be a campaign id (UUID)' })
  campaign?: string;

  /** Moves from this day (default: when the campaign began, else ten years ago). */
  @ApiPropertyOptional({ type: String, format: 'date' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;
}

export class OutcomeMoveDto implements OutcomeMove {
  code!: string;
  name!: string;
  @ApiProperty({ enum: ['signed', 'deposited'] })
  movedTo!: 'signed' | 'deposited';
  @ApiProperty({ type: String, format: 'date' })
  movedOn!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  firstActionOn!: string | null;
  @ApiProperty({ type: Number, nullable: true })
  leadTimeDays!: number | null;
  actionsBefore!: number;
  @ApiProperty({ enum: ACTION_TYPES, isArray: true })
  actionTypes!: string[];
}

export class OutcomesDto implements Outcomes {
  @ApiProperty({ type: String, format: 'date' })
  from!: string;
  @ApiProperty({ type: String, format: 'date' })
  asOf!: string;
  /** Oldest move first. */
  states!: OutcomeMoveDto[];
  @ApiProperty({ type: Number, nullable: true })
  medianLeadTimeDays!: number | null;
  /** 0 to 1; null when no state was targeted. */
  @ApiProperty({ type: Number, nullable: true })
  movedShareTargeted!: number | null;
  @ApiProperty({ type: Number, nullable: true })
  movedShareNotTargeted!: number | null;
}
