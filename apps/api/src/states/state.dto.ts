import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsIn, IsOptional, IsString, IsUrl, Length, Matches, MaxLength } from 'class-validator';
import { REGIONS, Region } from '@app/accounts';
import { type Locale, LOCALES } from '@app/i18n';
import {
  Confidence,
  CONFIDENCES,
  EVENT_TYPES,
  EventType,
  IMPLEMENTATION_STAGES,
  ImplementationLine,
  ImplementationStage,
  Instrument,
  INSTRUMENTS,
  InstrumentStatus,
  STAGES,
  Stage,
  StateDetail,
  StateSummary,
  Track,
  TRACKS,
  TreatyEventLine,
  UN_GROUPS,
  UnGroup,
} from '@app/states';
import { IsCalendarDate, IsInstrument } from '../common/validation';

const oneOf = (name: string, values: readonly string[]) => ({ message: `${name} must be one of ${values.join(', ')}` });

/** `party,withdrawing`, or the parameter repeated, as one list; anything else is left for the validators. */
function stageList(value: unknown): unknown {
  const parts = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(parts) || !parts.every((p) => typeof p === 'string')) return value;
  return parts.flatMap((p: string) => p.split(',').map((s) => s.trim()));
}

/** `?lang=`: the language of the names a response gives as `name`. */
export class LangQueryDto {
  /** The language of each `name` (the `names` object keeps all four); English by default. */
  @ApiPropertyOptional({ enum: LOCALES })
  @IsOptional()
  @IsIn(LOCALES, oneOf('lang', LOCALES))
  lang?: Locale;
}

export class StatesQueryDto extends LangQueryDto {
  @IsOptional()
  @IsIn(REGIONS, oneOf('region', REGIONS))
  region?: Region;

  /**
   * Derived stages of `instrument` to keep, comma-separated. The states parties are `party,withdrawing`: a state
   * whose withdrawal is notified but not yet effective still is one, as the statistics and the digest count them.
   */
  @ApiPropertyOptional({ type: String, example: 'party,withdrawing' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => stageList(value))
  @IsArray()
  @IsIn(STAGES, { each: true, ...oneOf('stage', STAGES) })
  stage?: Stage[];

  /** The instrument `stage` applies to; default rome-statute. */
  @ApiPropertyOptional({ enum: INSTRUMENTS })
  @IsOptional()
  @IsInstrument()
  instrument?: Instrument;

  /** Part of a name (English, French, Spanish or Arabic) or an ISO alpha-3 code. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  /** Status as it stood at the end of this day; default today. */
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}

export class AsOfQueryDto extends LangQueryDto {
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}

export class InstrumentStatusDto implements InstrumentStatus {
  @ApiProperty({ enum: STAGES })
  stage!: Stage;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  signedOn!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  depositedOn!: string | null;
  @ApiProperty({ enum: EVENT_TYPES, nullable: true, description: 'Kind of the deposited instrument' })
  depositKind!: EventType | null;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Recorded, or computed by the treaty rules',
  })
  inForceOn!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  withdrawalNotifiedOn!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  withdrawalEffectiveOn!: string | null;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'The state told the depositary it does not intend to become a party (its signature stays recorded)',
  })
  signatureWithdrawnOn!: string | null;
  @ApiProperty({ description: 'False when an event behind the stage is only reported (not depositary or official)' })
  confirmed!: boolean;
}

export class InstrumentsDto implements Record<Instrument, InstrumentStatus> {
  @ApiProperty({ type: InstrumentStatusDto }) 'rome-statute'!: InstrumentStatusDto;
  @ApiProperty({ type: InstrumentStatusDto }) apic!: InstrumentStatusDto;
  @ApiProperty({ type: InstrumentStatusDto }) 'amendment-aggression'!: InstrumentStatusDto;
  @ApiProperty({ type: InstrumentStatusDto }) 'amendment-art8-2010'!: InstrumentStatusDto;
  @ApiProperty({ type: InstrumentStatusDto }) 'amendment-art8-2017-biological'!: InstrumentStatusDto;
  @ApiProperty({ type: InstrumentStatusDto }) 'amendment-art8-2017-fragments'!: InstrumentStatusDto;
  @ApiProperty({ type: InstrumentStatusDto }) 'amendment-art8-2017-laser'!: InstrumentStatusDto;
  @ApiProperty({ type: InstrumentStatusDto }) 'amendment-art8-2019'!: InstrumentStatusDto;
}

export class ImplementationDto implements Record<Track, ImplementationStage> {
  @ApiProperty({ enum: IMPLEMENTATION_STAGES })
  cooperation!: ImplementationStage;
  @ApiProperty({ enum: IMPLEMENTATION_STAGES })
  crimes!: ImplementationStage;
}

export class StateNamesDto {
  en!: string;
  fr!: string;
  es!: string;
  ar!: string;
}

export class StateSummaryDto implements StateSummary {
  /** ISO 3166-1 alpha-3. */
  code!: string;
  /** English name, as the UN writes it. */
  name!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The everyday English name, where the UN name differs' })
  commonName!: string | null;
  names!: StateNamesDto;
  @ApiProperty({ enum: REGIONS, description: "The coalition's region" })
  region!: Region;
  @ApiProperty({ enum: UN_GROUPS, nullable: true, description: 'UN regional group' })
  unGroup!: UnGroup | null;
  @ApiProperty({ enum: ['member', 'observer', 'non-member'] })
  unStatus!: string;
  instruments!: InstrumentsDto;
  implementation!: ImplementationDto;
}

export class RecorderDto {
  id!: string;
  name!: string;
}

export class TreatyEventDto implements TreatyEventLine {
  id!: string;
  @ApiProperty({ enum: INSTRUMENTS })
  instrument!: Instrument;
  @ApiProperty({ enum: EVENT_TYPES })
  type!: EventType;
  @ApiProperty({ type: String, format: 'date' })
  date!: string;
  @ApiProperty({ type: String, nullable: true })
  source!: string | null;
  @ApiProperty({ type: String, nullable: true })
  sourceUrl!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'C.N.180.2026.TREATIES-XVIII.10' })
  reference!: string | null;
  @ApiProperty({ enum: CONFIDENCES })
  confidence!: Confidence;
  @ApiProperty({ type: String, nullable: true })
  note!: string | null;
  @ApiProperty({ type: RecorderDto, nullable: true, description: 'null for events loaded from reference data' })
  recordedBy!: RecorderDto | null;
  @ApiProperty({ type: String, format: 'date-time' })
  recordedAt!: string;
}

export class ImplementationChangeDto implements ImplementationLine {
  id!: string;
  @ApiProperty({ enum: TRACKS })
  track!: Track;
  @ApiProperty({ enum: IMPLEMENTATION_STAGES })
  stage!: ImplementationStage;
  @ApiProperty({ type: String, format: 'date' })
  date!: string;
  @ApiProperty({ type: String, nullable: true })
  note!: string | null;
  @ApiProperty({ type: String, nullable: true })
  reference!: string | null;
  @ApiProperty({ type: RecorderDto, nullable: true })
  recordedBy!: RecorderDto | null;
  @ApiProperty({ type: String, format: 'date-time' })
  recordedAt!: string;
}

export class StateDetailDto extends StateSummaryDto implements StateDetail {
  @ApiProperty({ type: String, format: 'date' })
  asOf!: string;
  @ApiProperty({ type: [TreatyEventDto], description: 'Every treaty event up to asOf, oldest first' })
  events!: TreatyEventDto[];
  @ApiProperty({ type: [ImplementationChangeDto] })
  implementationHistory!: ImplementationChangeDto[];
}

export class CreateTreatyEventDto {
  @ApiProperty({ enum: INSTRUMENTS })
  @IsInstrument()
  instrument!: Instrument;

  @IsIn(EVENT_TYPES, oneOf('type', EVENT_TYPES))
  type!: EventType;

  @IsCalendarDate()
  date!: string;

  /** Where this is recorded, as a citation a person can follow (who published what, when). */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  source?: string;

  /** The address of the source. */
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'sourceUrl must be an http(s) address' })
  @MaxLength(2000)
  sourceUrl?: string;

  /** The depositary notification's reference, e.g. C.N.180.2026.TREATIES-XVIII.10. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reference?: string;

  /**
   * How sure this is: `depositary` (the UN Secretary-General's records), `official` (a government, the Court or
   * the Assembly of States Parties), `reported` (anything else). Default `reported`.
   */
  @ApiPropertyOptional({ enum: CONFIDENCES, default: 'reported' })
  @IsOptional()
  @IsIn(CONFIDENCES, oneOf('confidence', CONFIDENCES))
  confidence?: Confidence;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;
}

export class CreatedTreatyEventDto extends TreatyEventDto {
  stateCode!: string;
}

/** A new event that stands in for an earlier one that was wrong: the event as recorded anew, and why. */
export class CorrectTreatyEventDto extends CreateTreatyEventDto {
  /** Why the earlier record was wrong; it leads the new event's note and is kept in the audit trail. */
  @IsString()
  @Length(1, 1000)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason!: string;
}

export class CorrectedTreatyEventDto extends CreatedTreatyEventDto {
  /** The id of the event corrected, which stays in the audit trail but no longer counts. */
  @ApiProperty({ format: 'uuid' })
  corrects!: string;
}

export class UpdateImplementationDto {
  @IsIn(IMPLEMENTATION_STAGES, oneOf('stage', IMPLEMENTATION_STAGES))
  stage!: ImplementationStage;

  /** When the stage was reached; default today. */
  @IsOptional()
  @IsCalendarDate()
  date?: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;

  /** A bill number, gazette reference or link. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reference?: string;
}

export class CreatedImplementationChangeDto extends ImplementationChangeDto {
  stateCode!: string;
}

export class PartiesQueryDto {
  @ApiPropertyOptional({ enum: INSTRUMENTS })
  @IsOptional()
  @IsInstrument()
  instrument?: Instrument;

  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

export class PartiesPointDto {
  @ApiProperty({ type: String, format: 'date' })
  date!: string;
  /** States parties on that day (a state whose withdrawal is pending still is one). */
  parties!: number;
}

export class PartiesSeriesDto {
  @ApiProperty({ enum: INSTRUMENTS })
  instrument!: Instrument;
  @ApiProperty({ type: String, format: 'date' })
  from!: string;
  @ApiProperty({ type: String, format: 'date' })
  to!: string;
  @ApiProperty({
    type: [PartiesPointDto],
    description: 'One point at each date the count can change, and at from and to',
  })
  series!: PartiesPointDto[];
}

export class InstrumentNamesDto {
  en!: string;
  fr!: string;
  es!: string;
  ar!: string;
}

export class InstrumentDto {
  @ApiProperty({ enum: INSTRUMENTS })
  code!: Instrument;
  /** The name in the language asked with `?lang=`, English by default. */
  name!: string;
  names!: InstrumentNamesDto;
  @ApiProperty({ type: String, format: 'date' })
  adoptedOn!: string;
  /** The UN depositary's record, chapter XVIII of Multilateral Treaties Deposited with the Secretary-General. */
  @ApiProperty({ example: 'XVIII-10-a' })
  unReference!: string;
  /** When the instrument enters into force for a state, as the status derivation applies it. */
  entryIntoForce!: string;
}
