import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { REGIONS, Region } from '@app/accounts';
import { ContactExport, ContactView, LAWFUL_BASES, LawfulBasis } from '@app/people';
import { ActionDto, oneOf, STATE_CODE } from '../advocacy/action.dto';
import { AuditEntryDto } from '../audit/audit.dto';
import { PageQueryDto } from '../common/page.dto';
import { RecorderDto } from '../states/state.dto';
import { OrganisationDto } from './organisation.dto';

export class CreateContactDto {
  @IsString()
  @Length(1, 300)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;

  /** For example "Minister of Justice". */
  @IsOptional()
  @IsString()
  @MaxLength(300)
  position?: string;

  /** ISO 3166-1 alpha-3 code, any case. */
  @ApiPropertyOptional({ pattern: STATE_CODE.source, example: 'KEN' })
  @IsOptional()
  @Matches(STATE_CODE, { message: 'stateCode must be an ISO 3166-1 alpha-3 code such as UKR' })
  stateCode?: string;

  @IsOptional()
  @IsUUID('all', { message: 'organisationId must be an organisation id (UUID)' })
  organisationId?: string;

  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email?: string;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  phone?: string;

  /** Languages the person works in, for example ["fr", "en"]. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  languages?: string[];

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string;

  /** The ground on which the coalition keeps the record (GDPR article 6). */
  @ApiProperty({ enum: LAWFUL_BASES })
  @IsIn(LAWFUL_BASES, oneOf('lawfulBasis', LAWFUL_BASES))
  lawfulBasis!: LawfulBasis;
}

/** Any field; null clears an optional one. */
export class UpdateContactDto {
  @IsOptional()
  @IsString()
  @Length(1, 300)
  @Matches(/\S/, { message: 'name must not be blank' })
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  position?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, pattern: STATE_CODE.source })
  @IsOptional()
  @Matches(STATE_CODE, { message: 'stateCode must be an ISO 3166-1 alpha-3 code such as UKR' })
  stateCode?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'organisationId must be an organisation id (UUID)' })
  organisationId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  phone?: string | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  languages?: string[];

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string | null;

  @ApiPropertyOptional({ enum: LAWFUL_BASES })
  @IsOptional()
  @IsIn(LAWFUL_BASES, oneOf('lawfulBasis', LAWFUL_BASES))
  lawfulBasis?: LawfulBasis;
}

export class ContactsQueryDto extends PageQueryDto {
  /** ISO 3166-1 alpha-3 code, any case. */
  @ApiPropertyOptional({ pattern: STATE_CODE.source })
  @IsOptional()
  @Matches(STATE_CODE, { message: 'state must be an ISO 3166-1 alpha-3 code such as UKR' })
  state?: string;

  /** Organisation id. */
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'organisation must be an organisation id (UUID)' })
  organisation?: string;

  /** Part of the name, any case (search as you type). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

/** The API's description of ContactView: personal fields are null (languages empty) once the person is erased. */
export class ContactDto implements ContactView {
  id!: string;
  @ApiProperty({ type: String, nullable: true, description: 'null once erased' })
  name!: string | null;
  @ApiProperty({ type: String, nullable: true })
  position!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'ISO 3166-1 alpha-3' })
  stateCode!: string | null;
  @ApiProperty({ enum: REGIONS, nullable: true, description: "The state's region" })
  region!: Region | null;
  @ApiProperty({ type: RecorderDto, nullable: true })
  organisation!: RecorderDto | null;
  @ApiProperty({ type: String, nullable: true })
  email!: string | null;
  @ApiProperty({ type: String, nullable: true })
  phone!: string | null;
  languages!: string[];
  @ApiProperty({ type: String, nullable: true })
  notes!: string | null;
  @ApiProperty({ enum: LAWFUL_BASES, nullable: true, description: 'null once erased' })
  lawfulBasis!: LawfulBasis | null;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the person was erased' })
  erasedAt!: string | null;
}

export type ContactDtoMatchesView = ContactView extends ContactDto ? true : never;
export const contactDtoMatchesView: ContactDtoMatchesView = true;

export class ContactPageDto {
  /** By name, case-insensitively; erased contacts left out. */
  items!: ContactDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last' })
  nextCursor!: string | null;
}

/** Everything held on one person: the record, its organisation, its audit history and the actions naming them. */
export class ContactExportDto implements ContactExport {
  contact!: ContactDto;
  @ApiProperty({ type: OrganisationDto, nullable: true })
  organisation!: OrganisationDto | null;
  /** Every audit entry about the person, oldest first. */
  history!: AuditEntryDto[];
  /** Every action the person was part of, newest first. */
  actions!: ActionDto[];
}
