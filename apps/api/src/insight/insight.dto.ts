import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { REGIONS, Region } from '@app/accounts';
import { PLEDGE_INSTRUMENTS, PlaybookEntry, StalledState } from '@app/insight';
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
