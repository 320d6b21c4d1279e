import { IntersectionType, OmitType, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsTimeZone, IsUUID, Matches, ValidateBy, ValidationOptions } from 'class-validator';
import { CreateCampaignActionsDto, CreateCampaignDto, UpdateCampaignDto } from '../advocacy/campaign.dto';
import { Track, TRACKS } from '@app/states';
import { CreateActionDto, oneOf } from '../advocacy/action.dto';
import { SetPasswordDto } from '../auth/auth.dto';
import { CreateFollowUpDto } from '../follow-ups/follow-up.dto';
import { CreatePledgeDto } from '../insight/pledge.dto';
import { IsCalendarDate } from '../common/validation';
import { formatDate } from './labels';
import { CorrectTreatyEventDto, UpdateImplementationDto } from '../states/state.dto';
import { CreateUserDto, UpdateUserDto } from '../users/user.dto';

/*
 * What a page's form holds beyond the API's body, validated the same way: each extends the API's DTO where there
 * is one, so its limits are the API's.
 */

/** The value equals another property of the same object: a password typed twice. */
function IsSameAs(property: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isSameAs',
      constraints: [property],
      validator: {
        validate: (value, args) => value === (args?.object as Record<string, unknown>)[property],
        defaultMessage: (args) => `${args?.property} must be the same as ${property}`,
      },
    },
    options,
  );
}

/** A date on or after the date in another property (both YYYY-MM-DD); a date that is not one is left to IsCalendarDate. */
function IsOnOrAfter(property: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isOnOrAfter',
      constraints: [property],
      validator: {
        validate: (value, args) =>
          typeof value !== 'string' || value >= String((args?.object as Record<string, unknown>)[property]),
        defaultMessage: (args) => `${args?.property} must be on or after ${property}`,
      },
    },
    options,
  );
}

/** The implementation form: the API's body, and the track, which the API takes from the address. */
export class ImplementationFormDto extends UpdateImplementationDto {
  @IsIn(TRACKS, oneOf('track', TRACKS))
  track!: Track;
}

/**
 * Rescheduling a follow-up: the day it is now due, its reminder going at 09:00 in DIGEST_TZ as the API's
 * `followUp.dueOn`. From `earliest` on, the first day whose 09:00 has not passed (today before 09:00, tomorrow
 * after): an earlier day would make it overdue and send its reminder at once. (The API's UpdateFollowUpDto takes an
 * instant, `remindAt`; the page hands the day to the service, which applies the same rule.)
 */
export class RescheduleFormDto {
  @IsCalendarDate()
  @IsOnOrAfter('earliest', {
    message: (args) =>
      `Choose ${formatDate(String((args.object as RescheduleFormDto).earliest))} or a later date: the reminder ` +
      'goes at 09:00 on the day chosen, and for an earlier day that time has passed.',
  })
  dueOn!: string;

  /** The first day a follow-up can be due on, given by the page (earliestDueOn), not typed. */
  @IsCalendarDate()
  earliest!: string;
}

/** Choosing a password from a link: the API's body, and the password typed again. */
export class SetPasswordFormDto extends SetPasswordDto {
  @IsSameAs('password', { message: 'Type the same password twice.' })
  confirm!: string;
}

/** A list of state codes typed into one field ("KEN, UGA TZA"), as the API's array. */
const typedCodes = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(/[\s,;]+/).filter((c) => c !== '') : value;

/** Creating a campaign on its page: the API's body, its target states typed into one field. */
export class CampaignFormDto extends CreateCampaignDto {}

/** Editing or closing a campaign: the API's body, its target states typed into one field. */
export class CampaignEditFormDto extends UpdateCampaignDto {}

/** One letter to many of a campaign's states: the API's body, the states (none: every target) in one field. */
export class CampaignLetterFormDto extends CreateCampaignActionsDto {}

// The property stays the API's (its checks, its type); only the page's reading of the typed text is added.
for (const dto of [CampaignFormDto, CampaignEditFormDto, CampaignLetterFormDto]) {
  Transform(typedCodes)(dto.prototype, 'stateCodes');
}

/** A time of day as a browser's time field sends it: hours and minutes (seconds, if sent, are ignored). */
export const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)(:[0-5]\d)?$/;

/**
 * When a follow-up is reminded, as a person gives it: a day, a time of day and the time zone they are in. The page
 * turns the three into the API's `remindAt`; the service then applies the API's rules (future, with the grace; at
 * most two years ahead).
 */
export class ReminderTimeFormDto {
  @IsCalendarDate()
  dueOn!: string;

  @Matches(TIME_OF_DAY, { message: 'time must be a time of day such as 14:30' })
  time!: string;

  @IsTimeZone({ message: 'timeZone must be a time zone such as Europe/Amsterdam' })
  timeZone!: string;
}

/** A new follow-up, alone or about an action: the API's body, its `remindAt` given as a day, a time and a zone. */
export class FollowUpFormDto extends IntersectionType(
  OmitType(CreateFollowUpDto, ['remindAt'] as const),
  ReminderTimeFormDto,
) {}

/** Giving a follow-up to someone else: the API's `assigneeId`, which this form must have. */
export class ReassignFormDto {
  @IsUUID('4', { message: 'assigneeId must be a user id' })
  assigneeId!: string;
}

/** The reader's own name, with the rules of a user's name in the API. */
/** The reader's name and language on /me; the language as the API's (one of LOCALES), left out when not sent. */
export class MeFormDto extends PickType(CreateUserDto, ['name', 'locale'] as const) {}

/**
 * Changing an action on its page: the fields of PATCH /api/actions/:id with the API's own limits. The form always
 * sends every field, so the kind, date and title are required as when the action was logged (an empty one is an
 * error, not "unchanged"); a blank optional field clears it.
 */
export class ActionEditFormDto extends OmitType(CreateActionDto, ['stateCode', 'followUp'] as const) {}

/** Correcting a recorded event on a state's page: the API's body, and the event corrected (in the API's address). */
export class CorrectionFormDto extends CorrectTreatyEventDto {
  @IsUUID('all', { message: 'eventId must be the id of an event' })
  eventId!: string;
}

/** The regions ticked on a user form, one value each, read as the API's array (the page joins them with commas). */
const tickedRegions = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').filter((r) => r !== '') : value;

/**
 * Inviting a user: the API's body without a password, so the invitation is emailed as POST /api/users does; its
 * `locale` is the language of the invitation and of the new user's pages.
 */
export class InviteFormDto extends CreateUserDto {}

/** Changing a user's role and regions: the API's body. */
export class UserRoleFormDto extends UpdateUserDto {}

for (const dto of [InviteFormDto, UserRoleFormDto]) {
  Transform(tickedRegions)(dto.prototype, 'regions');
}

/** A pledge recorded on a state's page: the API's body, the state being the page's. */
export class PledgeFormDto extends OmitType(CreatePledgeDto, ['stateCode'] as const) {}
