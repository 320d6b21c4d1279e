import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { REGIONS, Region } from '@app/accounts';
import { ORGANISATION_KINDS, OrganisationKind, OrganisationView } from '@app/people';
import { oneOf, STATE_CODE } from '../advocacy/action.dto';
import { PageQueryDto } from '../common/page.dto';
import { IsCalendarDate, IsOptionalNotNull } from '../common/validation';

export class CreateOrganisationDto {
  @IsString()
  @Length(1, 300)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;

  @ApiProperty({ enum: ORGANISATION_KINDS })
  @IsIn(ORGANISATION_KINDS, oneOf('kind', ORGANISATION_KINDS))
  kind!: OrganisationKind;

  /** ISO 3166-1 alpha-3 code of the state where it sits, any case; its region comes with it. */
  @ApiPropertyOptional({ pattern: STATE_CODE.source, example: 'NLD' })
  @IsOptional()
  @Matches(STATE_CODE, { message: 'stateCode must be an ISO 3166-1 alpha-3 code such as UKR' })
  stateCode?: string;

  /** The region it works in, for one placed in no state (a regional network); else its state's. */
  @ApiPropertyOptional({ enum: REGIONS })
  @IsOptional()
  @IsIn(REGIONS, oneOf('region', REGIONS))
  region?: Region;

  /** http:// or https:// address. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  website?: string;

  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email?: string;

  /** For members of the coalition: the day they joined. */
  @ApiPropertyOptional({ type: String, format: 'date' })
  @IsOptional()
  @IsCalendarDate()
  memberSince?: string;
}

/** Any field; null clears an optional one. */
export class UpdateOrganisationDto {
  @IsOptionalNotNull()
  @IsString()
  @Length(1, 300)
  @Matches(/\S/, { message: 'name must not be blank' })
  name?: string;

  @ApiPropertyOptional({ enum: ORGANISATION_KINDS })
  @IsOptionalNotNull()
  @IsIn(ORGANISATION_KINDS, oneOf('kind', ORGANISATION_KINDS))
  kind?: OrganisationKind;

  @ApiPropertyOptional({ type: String, nullable: true, pattern: STATE_CODE.source })
  @IsOptional()
  @Matches(STATE_CODE, { message: 'stateCode must be an ISO 3166-1 alpha-3 code such as UKR' })
  stateCode?: string | null;

  @ApiPropertyOptional({ enum: REGIONS, nullable: true })
  @IsOptional()
  @IsIn(REGIONS, oneOf('region', REGIONS))
  region?: Region | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  website?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  memberSince?: string | null;
}

export class OrganisationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ORGANISATION_KINDS })
  @IsOptional()
  @IsIn(ORGANISATION_KINDS, oneOf('kind', ORGANISATION_KINDS))
  kind?: OrganisationKind;

  /** ISO 3166-1 alpha-3 code, any case. */
  @ApiPropertyOptional({ pattern: STATE_CODE.source })
  @IsOptional()
  @Matches(STATE_CODE, { message: 'state must be an ISO 3166-1 alpha-3 code such as UKR' })
  state?: string;

  @ApiPropertyOptional({ enum: REGIONS })
  @IsOptional()
  @IsIn(REGIONS, oneOf('region', REGIONS))
  region?: Region;

  /** Part of the name, any case. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

/** The API's description of OrganisationView: a field that drifts from the view fails to compile, both ways. */
export class OrganisationDto implements OrganisationView {
  id!: string;
  name!: string;
  @ApiProperty({ enum: ORGANISATION_KINDS })
  kind!: OrganisationKind;
  @ApiProperty({ type: String, nullable: true, description: 'ISO 3166-1 alpha-3' })
  stateCode!: string | null;
  @ApiProperty({ enum: REGIONS, nullable: true })
  region!: Region | null;
  @ApiProperty({ type: String, nullable: true })
  website!: string | null;
  @ApiProperty({ type: String, nullable: true })
  email!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  memberSince!: string | null;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: string;
}

export type OrganisationDtoMatchesView = OrganisationView extends OrganisationDto ? true : never;
export const organisationDtoMatchesView: OrganisationDtoMatchesView = true;

export class OrganisationPageDto {
  /** By name, case-insensitively. */
  items!: OrganisationDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last' })
  nextCursor!: string | null;
}

export class ImportQueryDto {
  /** `true`: check the file and report, save nothing. */
  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'], oneOf('dryRun', ['true', 'false']))
  dryRun?: 'true' | 'false';
}

export class ImportProblemDto {
  /** The line of the CSV text the row starts on (the header is line 1). */
  line!: number;
  field!: string;
  message!: string;
}

/** What a dry run found: the rows that would be saved, every row's problems, and the duplicates. */
export class ImportReportDto {
  valid!: number;
  errors!: ImportProblemDto[];
  /** Same email, or same name and state, as a record held or an earlier row: reported, never merged. */
  duplicates!: ImportProblemDto[];
}

export class ImportCreatedDto {
  created!: number;
}
