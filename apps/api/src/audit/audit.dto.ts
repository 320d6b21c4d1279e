import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches, ValidateBy, ValidationOptions } from 'class-validator';
import { AUDIT_ACTIONS, AUDIT_ENTITIES, AuditAction, AuditEntity } from '@app/audit';
import { isCalendarDate, parseInstant } from '@app/platform';
import { PageQueryDto } from '../common/page.dto';
import { RecorderDto } from '../states/state.dto';

/** A real date YYYY-MM-DD or an ISO 8601 instant with its time zone. */
function IsDateOrInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDateOrInstant',
      validator: {
        validate: (value) => isCalendarDate(value) || parseInstant(value) !== null,
        defaultMessage: (args) =>
          `${args?.property} must be a date YYYY-MM-DD or an ISO 8601 instant with a time zone, e.g. 2026-03-01T09:00:00Z`,
      },
    },
    options,
  );
}

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: AUDIT_ENTITIES })
  @IsOptional()
  @IsIn(AUDIT_ENTITIES, { message: `entity must be one of ${AUDIT_ENTITIES.join(', ')}` })
  entity?: AuditEntity;

  /** The id of the entity changed (a treaty event, implementation change, action, follow-up, campaign or user). */
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'id must be a UUID' })
  id?: string;

  /** Who made the changes: a user id, or `system` for changes made at start-up. */
  @IsOptional()
  @Matches(/^(system|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, {
    message: 'actor must be a user id (UUID) or system',
  })
  actor?: string;

  /** Changes at or after this instant, or from the start of this day (UTC). */
  @ApiPropertyOptional({ example: '2026-03-01' })
  @IsOptional()
  @IsDateOrInstant()
  from?: string;

  /** Changes at or before this instant, or up to the end of this day (UTC). */
  @ApiPropertyOptional({ example: '2026-03-31T17:00:00+02:00' })
  @IsOptional()
  @IsDateOrInstant()
  to?: string;
}

export class AuditEntryDto {
  id!: string;
  /** When the change was made (its transaction's time). */
  @ApiProperty({ type: String, format: 'date-time' })
  at!: string;
  @ApiProperty({ type: RecorderDto, nullable: true, description: 'Who made the change; null for the system' })
  actor!: RecorderDto | null;
  @ApiProperty({ enum: AUDIT_ENTITIES })
  entity!: AuditEntity;
  @ApiProperty({ format: 'uuid' })
  entityId!: string;
  @ApiProperty({ enum: AUDIT_ACTIONS })
  action!: AuditAction;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The entity before the change, as the API shows it; null for a create',
  })
  before!: Record<string, unknown> | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The entity after the change, as the API shows it; null for a delete',
  })
  after!: Record<string, unknown> | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The x-request-id of the request that made the change; null for the system',
  })
  requestId!: string | null;
}

export class AuditPageDto {
  /** Newest first. */
  items!: AuditEntryDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last' })
  nextCursor!: string | null;
}
