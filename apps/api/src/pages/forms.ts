import type { AccountsErrorCode } from '@app/accounts';
import type { AdvocacyErrorCode } from '@app/advocacy';
import type { DigestErrorCode } from '@app/digest';
import type { FollowUpsErrorCode } from '@app/follow-ups';
import type { PeopleErrorCode } from '@app/people';
import { CommonErrorCode, DomainError } from '@app/platform';
import type { StatesErrorCode } from '@app/states';
import { ActionsQueryDto, CreateActionDto } from '../advocacy/action.dto';
import { LoginDto, PasswordResetDto } from '../auth/auth.dto';
import { CreateContactDto, UpdateContactDto } from '../people/contact.dto';
import { CreateOrganisationDto, UpdateOrganisationDto } from '../people/organisation.dto';
import { CreateTreatyEventDto } from '../states/state.dto';
import { DigestPreviewQueryDto } from '../digests/digest.dto';
import { NotificationDto, RejectProposalDto, StatusTableDto } from '../depositary/depositary.dto';
import { FormErrors, FormSpec, FormValues, pathOf, sentence } from './form-check';
import {
  ActionEditFormDto,
  CampaignEditFormDto,
  CampaignFormDto,
  CampaignLetterFormDto,
  CorrectionFormDto,
  FollowUpFormDto,
  ImplementationFormDto,
  InviteFormDto,
  MeFormDto,
  PledgeFormDto,
  ReassignFormDto,
  ReminderTimeFormDto,
  UserRoleFormDto,
  RescheduleFormDto,
  SetPasswordFormDto,
} from './forms.dto';

export * from './form-check';

/*
 * The pages' forms: which DTO each fills (the API's own, or a page DTO extending it) and how each field's errors
 * are said to a person. The limits (lengths, choices, dates) are the DTOs'; nothing here repeats them.
 */

const followUpAsked = (values: FormValues) => values.followUp === 'yes';

/** Logging an action on a state's page, with its follow-up when the box is ticked; the state comes from the page. */
export const ACTION_FORM = {
  dto: CreateActionDto,
  fields: {
    type: { message: 'Choose what kind of action this was.' },
    date: { what: 'the date of the action', date: true },
    title: { what: 'a title' },
    summary: { what: 'the summary' },
    target: { what: 'who it was aimed at' },
    outcome: { what: 'the outcome' },
    campaignId: { message: 'Choose the campaign from the list.' },
    followUp: { path: null },
    followUpDueOn: { path: 'followUp.dueOn', what: 'the follow-up date', date: true, sentIf: followUpAsked },
    followUpAssigneeId: {
      path: 'followUp.assigneeId',
      message: 'Choose who the follow-up is for.',
      sentIf: followUpAsked,
    },
    followUpNote: { path: 'followUp.note', what: 'the note', sentIf: followUpAsked },
  },
} satisfies FormSpec<CreateActionDto>;

/** Changing an action on its page; the people and organisations come from their multiple selects. */
export const ACTION_EDIT_FORM = {
  dto: ActionEditFormDto,
  fields: {
    type: ACTION_FORM.fields.type,
    date: ACTION_FORM.fields.date,
    title: ACTION_FORM.fields.title,
    target: ACTION_FORM.fields.target,
    summary: ACTION_FORM.fields.summary,
    outcome: ACTION_FORM.fields.outcome,
    campaignId: ACTION_FORM.fields.campaignId,
  },
} satisfies FormSpec<ActionEditFormDto>;

const LINK_INCOMPLETE = 'This link to a filtered list is not complete: follow it again from the page it was on.';

/** The filters of the list of actions: GET /api/actions's query, field by field, in the address of the page. */
export const ACTION_FILTER_FORM = {
  dto: ActionsQueryDto,
  fields: {
    state: { message: 'Choose the state from the list.' },
    region: { message: 'Choose the region from the list.' },
    type: { message: 'Choose the kind of action from the list.' },
    campaign: { message: 'Choose the campaign from the list.' },
    from: { what: 'the first day', date: true },
    to: { what: 'the last day', date: true },
    loggedBy: { message: 'Choose who logged the actions from the list.' },
    contact: { atop: true, message: LINK_INCOMPLETE },
    organisation: { atop: true, message: LINK_INCOMPLETE },
  },
} satisfies FormSpec<ActionsQueryDto>;

/** Adding a contact; on an organisation's page the organisation is given by the page. */
export const CONTACT_FORM = {
  dto: CreateContactDto,
  fields: {
    name: { what: 'the name' },
    position: { what: 'the position' },
    stateCode: { message: 'Choose the state from the list.' },
    email: { message: 'Enter an email address such as name@example.org, or leave it empty.' },
    phone: { what: 'the phone number' },
    notes: { what: 'the notes' },
    lawfulBasis: { message: 'Choose on which ground the coalition keeps this record.' },
  },
} satisfies FormSpec<CreateContactDto>;

/** Changing a contact on its page: the same fields, each optional (UpdateContactDto); blank clears. */
export const CONTACT_EDIT_FORM = {
  dto: UpdateContactDto,
  fields: CONTACT_FORM.fields,
} satisfies FormSpec<UpdateContactDto>;

export const ORGANISATION_FORM = {
  dto: CreateOrganisationDto,
  fields: {
    name: { what: 'the name' },
    kind: { message: 'Choose what kind of organisation this is.' },
    stateCode: { message: 'Choose the state from the list.' },
    website: { what: 'the website' },
    email: { message: 'Enter an email address such as info@example.org, or leave it empty.' },
    memberSince: { what: 'the date it joined', date: true },
  },
} satisfies FormSpec<CreateOrganisationDto>;

/** Changing an organisation: the same fields, checked with the API's UpdateOrganisationDto. */
export const ORGANISATION_EDIT_FORM = {
  dto: UpdateOrganisationDto,
  fields: ORGANISATION_FORM.fields,
} satisfies FormSpec<UpdateOrganisationDto>;
const STATE_CODES_MESSAGE = 'Enter state codes such as KEN, UGA, TZA, separated by commas or spaces.';

/** Creating a campaign; its target states typed as codes. */
export const CAMPAIGN_FORM = {
  dto: CampaignFormDto,
  fields: {
    name: { what: 'a name' },
    description: { what: 'the description' },
    instrument: { message: 'Choose the instrument from the list.' },
    stateCodes: { message: STATE_CODES_MESSAGE },
    startsOn: { what: 'the start date', date: true },
    endsOn: { what: 'the end date', date: true },
  },
} satisfies FormSpec<CampaignFormDto>;

const goalGiven = (values: FormValues) => values.goalInstrument !== '' || values.goalStage !== '';

/** Editing or closing a campaign; the goal is sent once its instrument or stage is chosen. */
export const CAMPAIGN_EDIT_FORM = {
  dto: CampaignEditFormDto,
  fields: {
    name: { what: 'a name' },
    description: { what: 'the description' },
    stateCodes: { message: STATE_CODES_MESSAGE },
    goalInstrument: { path: 'goal.instrument', message: 'Choose the goal instrument.', sentIf: goalGiven },
    goalStage: { path: 'goal.stage', message: 'Choose the stage wanted.', sentIf: goalGiven },
    goalBy: { path: 'goal.by', what: 'the goal date', date: true, sentIf: goalGiven },
    endsOn: { what: 'the end date', date: true },
    status: { message: 'Choose active or closed.' },
  },
} satisfies FormSpec<CampaignEditFormDto>;

/** One letter to many states of a campaign, with a follow-up each when the box is ticked. */
export const CAMPAIGN_LETTER_FORM = {
  dto: CampaignLetterFormDto,
  fields: {
    type: { message: 'Choose what kind of action this is.' },
    date: { what: 'the date of the action', date: true },
    title: { what: 'a title' },
    summary: { what: 'the text' },
    stateCodes: { message: STATE_CODES_MESSAGE },
    followUp: { path: null },
    followUpDueOn: { path: 'followUp.dueOn', what: 'the follow-up date', date: true, sentIf: followUpAsked },
  },
} satisfies FormSpec<CampaignLetterFormDto>;

export const EVENT_FORM = {
  dto: CreateTreatyEventDto,
  fields: {
    instrument: { message: 'Choose the instrument.' },
    type: { message: 'Choose the step.' },
    date: { what: 'the date of the step', date: true },
    confidence: { message: 'Choose how sure the step is.' },
    reference: { what: 'the depositary reference' },
    source: { what: 'the source' },
    sourceUrl: { what: 'the address of the source', message: 'Enter the source address as https://…' },
    note: { what: 'the note' },
  },
} satisfies FormSpec<CreateTreatyEventDto>;

/** Correcting a recorded event: which one, the event as it should have been, and why. */
export const CORRECTION_FORM = {
  dto: CorrectionFormDto,
  fields: {
    eventId: { message: 'Choose the event to correct.' },
    ...EVENT_FORM.fields,
    reason: { what: 'why the earlier record was wrong' },
  },
} satisfies FormSpec<CorrectionFormDto>;

const REGIONS_MESSAGE = 'Tick regions from the list.';

/** Inviting a user by email; no password: they choose one from the invitation. */
export const INVITE_FORM = {
  dto: InviteFormDto,
  fields: {
    email: { message: 'Enter an email address such as name@example.org.' },
    name: { what: 'the name' },
    role: { message: 'Choose a role.' },
    regions: { message: REGIONS_MESSAGE },
    locale: { message: 'Choose the language from the list.' },
  },
} satisfies FormSpec<InviteFormDto>;

/** A user's role and regions, changed on the users page (no region ticked: none). */
export const USER_ROLE_FORM = {
  dto: UserRoleFormDto,
  fields: {
    role: { message: 'Choose a role.' },
    regions: { message: REGIONS_MESSAGE },
  },
} satisfies FormSpec<UserRoleFormDto>;

/** The week of the digest preview: any day of it. */
export const DIGEST_WEEK_FORM = {
  dto: DigestPreviewQueryDto,
  fields: { weekOf: { what: 'a day of the week', date: true } },
} satisfies FormSpec<DigestPreviewQueryDto>;

/** A state's pledge, on its page. */
export const PLEDGE_FORM = {
  dto: PledgeFormDto,
  fields: {
    instrument: { message: 'Choose what the state pledged to join or to enact.' },
    madeOn: { what: 'the day it was made', date: true },
    occasion: { what: 'the occasion' },
    targetDate: { what: 'the target date', date: true },
    source: { what: 'the source' },
    note: { what: 'the note' },
  },
} satisfies FormSpec<PledgeFormDto>;

export const IMPLEMENTATION_FORM = {
  dto: ImplementationFormDto,
  fields: {
    track: { message: 'Choose the track.' },
    stage: { message: 'Choose the stage reached.' },
    date: { what: 'the date the stage was reached', date: true },
    reference: { what: 'the reference' },
    note: { what: 'the note' },
  },
} satisfies FormSpec<ImplementationFormDto>;

/** Moving a follow-up to another day; the page gives `earliest`, the first day whose 09:00 has not passed. */
export const RESCHEDULE_FORM = {
  dto: RescheduleFormDto,
  fields: { dueOn: { what: 'the new date', date: true } },
} satisfies FormSpec<RescheduleFormDto>;

/** The day, time of day and time zone of a reminder, as the follow-up forms ask for them. */
const REMINDER_TIME_FIELDS = {
  dueOn: { what: 'the date', date: true },
  time: { message: 'Enter the time of day as hours and minutes, for example 14:30.' },
  timeZone: { message: 'Choose the time zone from the list.' },
} as const;

/** A new follow-up on its own or about an action (given as a hidden field by the page it was opened from). */
export const FOLLOW_UP_FORM = {
  dto: FollowUpFormDto,
  fields: {
    stateCode: { message: 'Choose the state from the list.' },
    actionId: { atop: true, message: 'The action is not one the tracker knows: start again from the action.' },
    title: { what: 'a title' },
    ...REMINDER_TIME_FIELDS,
    assigneeId: { message: 'Choose who the follow-up is for.' },
    note: { what: 'the note' },
  },
} satisfies FormSpec<FollowUpFormDto>;

/** Moving a follow-up to a day and a time of day, on its own page. */
export const REMIND_AT_FORM = {
  dto: ReminderTimeFormDto,
  fields: REMINDER_TIME_FIELDS,
} satisfies FormSpec<ReminderTimeFormDto>;

export const REASSIGN_FORM = {
  dto: ReassignFormDto,
  fields: { assigneeId: { message: 'Choose who the follow-up is for.' } },
} satisfies FormSpec<ReassignFormDto>;

/** The reader's own details on /me. */
export const ME_FORM = {
  dto: MeFormDto,
  fields: {
    name: { what: 'your name' },
    locale: { message: 'Choose a language from the list.' },
  },
} satisfies FormSpec<MeFormDto>;

export const LOGIN_FORM = {
  dto: LoginDto,
  fields: {
    email: { what: 'your email address' },
    password: { what: 'your password', asTyped: true },
  },
} satisfies FormSpec<LoginDto>;

export const PASSWORD_RESET_FORM = {
  dto: PasswordResetDto,
  fields: { email: { message: 'Enter the email address of your account.' } },
} satisfies FormSpec<PasswordResetDto>;

const passwordLength = {
  required: ({ min }: { min?: number }) => `Choose a password of at least ${min} characters.`,
  minLength: ({ min }: { min?: number }) => `Choose a password of at least ${min} characters.`,
  maxLength: ({ max }: { max?: number }) => `Choose a password of at most ${max} characters.`,
};

export const SET_PASSWORD_FORM = {
  dto: SetPasswordFormDto,
  fields: {
    password: { asTyped: true, messages: passwordLength },
    confirm: { asTyped: true, message: 'Type the same password twice.', after: 'password' },
    token: {
      atop: true,
      message: 'This link is not complete: copy it whole from the email, or ask for a new one.',
    },
  },
} satisfies FormSpec<SetPasswordFormDto>;

/** The codes of the libraries whose refusals the page forms show. */
type PageErrorCode =
  | AdvocacyErrorCode
  | FollowUpsErrorCode
  | StatesErrorCode
  | AccountsErrorCode
  | CommonErrorCode
  | PeopleErrorCode
  | DigestErrorCode;

/**
 * The field each refusal of the services concerns, by the error's code: the one table for every page form. A
 * field is named as the API's DTOs name it; a form that has it (as itself, or as the last part of its path:
 * followUp.dueOn) shows the refusal next to it, any other form atop.
 * Keyed by the libraries' typed codes, so a code renamed or dropped in a library fails to compile here.
 */
export const FIELD_OF_ERROR: Partial<Record<PageErrorCode, string>> = {
  'bad-date': 'date',
  'future-date': 'date',
  blank: 'title',
  'bad-campaign': 'campaignId',
  'campaign-not-found': 'campaignId',
  'remind-at-too-far': 'dueOn',
  'remind-at-past': 'dueOn',
  'too-many-reminders': 'dueOn',
  'assignee-not-found': 'assigneeId',
  // A step the instrument does not have (a signature of the APIC); one out of range names its date (fieldOfError).
  'impossible-event': 'type',
  'bad-email': 'email',
  'bad-website': 'website',
  'bad-state': 'stateCode',
  'bad-region': 'stateCode',
  // A pasted depositary table or notice that could not be read: said next to the text, with its line.
  'unreadable-depositary-text': 'text',
  'unknown-states': 'stateCodes',
  'not-targets': 'stateCodes',
  'no-targets': 'stateCodes',
  'campaign-name-taken': 'name',
  // Dates the wrong way round: by the date the message names first (from, endsOn, goal.by), else the last day.
  'bad-range': 'to',
  // The event a correction names: gone, or corrected already.
  'event-not-found': 'eventId',
  'event-corrected': 'eventId',
  'email-taken': 'email',
  // Demoting the last admin; deactivating them is refused beside their row.
  'last-admin': 'role',
  'bad-week': 'weekOf',
  'week-not-started': 'weekOf',
};

export const STATUS_TABLE_FORM = {
  dto: StatusTableDto,
  fields: {
    instrument: { message: 'Choose the instrument whose status table this is.' },
    text: { what: 'the table' },
  },
} satisfies FormSpec<StatusTableDto>;

export const NOTIFICATION_FORM = {
  dto: NotificationDto,
  fields: { text: { what: 'the notification' } },
} satisfies FormSpec<NotificationDto>;

export const REJECT_FORM = {
  dto: RejectProposalDto,
  fields: { reason: { what: 'the reason' } },
} satisfies FormSpec<RejectProposalDto>;

/** The form's field for a DTO property name: itself, or the field whose path ends with it. */
function fieldNamed(form: FormSpec<object>, name: string): string | undefined {
  return Object.keys(form.fields).find((field) => {
    const path = pathOf(form, field);
    return path !== null && (path === name || path.endsWith(`.${name}`));
  });
}

/** The form field a refusal concerns, if the form has it. */
function fieldOfError(error: DomainError, form: FormSpec<object>): string | undefined {
  const named = FIELD_OF_ERROR[error.code as PageErrorCode];
  if (named === undefined) return undefined;
  // A message about one field starts with its name ("date 1990-01-01 is before…"): that field, if the form has it.
  const first = /^[A-Za-z.]+/.exec(error.message)?.[0];
  return (first !== undefined ? fieldNamed(form, first) : undefined) ?? fieldNamed(form, named);
}

/**
 * Status of a form shown again with its errors: 409 for a conflict with the recorded history, 422 for a pasted text
 * that could not be read, else 400.
 */
export function formErrorStatus(error: unknown): number {
  if (!(error instanceof DomainError)) return 400;
  return error.kind === 'conflict' ? 409 : error.kind === 'unreadable' ? 422 : 400;
}

/**
 * Turns what the domain refused into a message next to the field concerned; anything else about the input (a
 * conflict with the recorded history) is said atop the form. Returns null for errors that are not about the
 * input (not allowed, an unknown state, an unavailable database): those become error pages.
 */
export function domainErrorToForm(error: unknown, form: FormSpec<object>): FormErrors | null {
  if (!(error instanceof DomainError)) return null;
  const message = sentence(error.message);
  const field = fieldOfError(error, form);
  if (field) return { [field]: message };
  // Not allowed: the page showed no form for it, so the answer is a page saying why.
  if (error.kind === 'not-found' || error.kind === 'unauthenticated' || error.kind === 'forbidden') return null;
  return { form: message };
}

/** An edit form's optional fields left blank, as the nulls that clear them (the form check leaves blanks out). */
export function blanksAsNull(
  values: Readonly<Record<string, string>>,
  fields: readonly string[],
): Record<string, null> {
  return Object.fromEntries(fields.filter((f) => values[f].trim() === '').map((f) => [f, null]));
}
