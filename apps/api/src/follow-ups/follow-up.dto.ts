import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { REGIONS, Region } from '@app/accounts';
import { FOLLOW_UP_STATUSES, FollowUpStatus, FollowUpView } from '@app/follow-ups';
import { PageQueryDto } from '../common/page.dto';
import { IsInstant, IsOptionalNotNull } from '../common/validation';

export class CreateFollowUpDto {
  @Matches(/^[A-Za-z]{3}$/, { message: 'stateCode must be an ISO 3166-1 alpha-3 code' })
  stateCode!: string;

  @IsOptional()
  @IsUUID('4', { message: 'actionId must be an action id' })
  actionId?: string;

  @IsString()
  @Length(1, 300)
  @Matches(/\S/, { message: 'title must not be blank' })
  title!: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;

  /** When the assignee is reminded: not in the past (5 minutes' grace), at most two years ahead. */
  @IsInstant()
  remindAt!: string;

  /** Defaults to the caller. */
  @IsOptional()
  @IsUUID('4', { message: 'assigneeId must be a user id' })
  assigneeId?: string;
}

export class UpdateFollowUpDto {
  /**
   * done or cancelled closes it and cancels its reminder; open reopens a closed one (undo), at its time: a reminder
   * already sent for that time is not sent again. A closed follow-up takes no other change until it is reopened.
   */
  @IsOptionalNotNull()
  @IsIn(FOLLOW_UP_STATUSES, { message: `status must be one of ${FOLLOW_UP_STATUSES.join(', ')}` })
  status?: FollowUpStatus;

  /**
   * Moving it reschedules the reminder: not into the past (5 minutes' grace), and not to a time that would be its
   * sixth reminder email within 24 hours (409, naming the first time allowed).
   */
  @IsOptionalNotNull()
  @IsInstant()
  remindAt?: string;

  @IsOptionalNotNull()
  @IsUUID('4', { message: 'assigneeId must be a user id' })
  assigneeId?: string;

  @IsOptionalNotNull()
  @IsString()
  @Length(1, 300)
  @Matches(/\S/, { message: 'title must not be blank' })
  title?: string;

  @IsOptionalNotNull()
  @IsString()
  @MaxLength(4000)
  note?: string;
}

export class FollowUpsQueryDto extends PageQueryDto {
  /** `me` or a user id. */
  @IsOptional()
  @ValidateIf((o: FollowUpsQueryDto) => o.assignee !== 'me')
  @IsUUID('4', { message: 'assignee must be me or a user id' })
  assignee?: string;

  @IsOptional()
  @IsIn(FOLLOW_UP_STATUSES, { message: `status must be one of ${FOLLOW_UP_STATUSES.join(', ')}` })
  status?: FollowUpStatus;

  @IsOptional()
  @Matches(/^[A-Za-z]{3}$/, { message: 'state must be an ISO 3166-1 alpha-3 code' })
  state?: string;

  @IsOptional()
  @IsIn(REGIONS, { message: `region must be one of ${REGIONS.join(', ')}` })
  region?: Region;

  /** Only follow-ups whose reminder time is before this instant. */
  @IsOptional()
  @IsInstant()
  dueBefore?: string;
}

export class CalendarQueryDto {
  @IsString()
  @Length(20, 100)
  token!: string;
}

class PersonDto {
  id!: string;
  name!: string;
}

/** The API's description of FollowUpView: a field that drifts from the view fails to compile, both ways. */
export class FollowUpDto implements FollowUpView {
  id!: string;
  stateCode!: string;
  stateName!: string;
  @ApiProperty({ enum: REGIONS })
  region!: string;
  @ApiProperty({ type: String, nullable: true })
  actionId!: string | null;
  title!: string;
  @ApiProperty({ type: String, nullable: true })
  note!: string | null;
  @ApiProperty({ type: String, format: 'date-time' })
  remindAt!: string;
  assigneeId!: string;
  assignee!: PersonDto;
  createdBy!: PersonDto;
  @ApiProperty({ enum: FOLLOW_UP_STATUSES })
  status!: FollowUpStatus;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  closedAt!: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      'The reminder time dealt with: its email gone to the outbox for sending, or skipped because the assignee is ' +
      'no longer active (set once that time has come)',
  })
  reminderSentFor!: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      'The reminder time the escalation was sent for; a follow-up is escalated once, whatever its reschedules',
  })
  escalatedFor!: string | null;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: string;
}

// Every field the DTO documents is one the view has (the other way round from `implements`).
export type FollowUpDtoMatchesView = FollowUpView extends FollowUpDto ? true : never;
export const followUpDtoMatchesView: FollowUpDtoMatchesView = true;

export class FollowUpPageDto {
  items!: FollowUpDto[];
  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

export class CalendarLinkDto {
  /** Subscribe to this address in Outlook, Google Calendar or Apple Calendar; keep it secret. */
  url!: string;
}
