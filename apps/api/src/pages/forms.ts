import type { AccountsErrorCode } from '@app/accounts';
import type { AdvocacyErrorCode } from '@app/advocacy';
import type { DigestErrorCode } from '@app/digest';
import type { FollowUpsErrorCode } from '@app/follow-ups';
import { msg, type Translator } from '@app/i18n';
import type { InsightErrorCode } from '@app/insight';
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
import { FormErrors, FormSpec, FormValues, inEnglish, pathOf, sentence } from './form-check';
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
    type: { message: msg('forms.message.actionKind') },
    date: { what: msg('forms.what.actionDate'), date: true },
    title: { what: msg('forms.what.aTitle') },
    summary: { what: msg('forms.what.summary') },
    target: { what: msg('forms.what.target') },
    outcome: { what: msg('forms.what.outcome') },
    campaignId: { message: msg('forms.message.campaignFromList') },
    followUp: { path: null },
    followUpDueOn: { path: 'followUp.dueOn', what: msg('forms.what.followUpDate'), date: true, sentIf: followUpAsked },
    followUpAssigneeId: {
      path: 'followUp.assigneeId',
      message: msg('forms.message.followUpFor'),
      sentIf: followUpAsked,
    },
    followUpNote: { path: 'followUp.note', what: msg('forms.what.note'), sentIf: followUpAsked },
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

const LINK_INCOMPLETE = msg('forms.message.filterLinkIncomplete');

/** The filters of the list of actions: GET /api/actions's query, field by field, in the address of the page. */
export const ACTION_FILTER_FORM = {
  dto: ActionsQueryDto,
  fields: {
    state: { message: msg('forms.message.stateFromList') },
    region: { message: msg('forms.message.regionFromList') },
    type: { message: msg('forms.message.actionKindFromList') },
    campaign: { message: msg('forms.message.campaignFromList') },
    from: { what: msg('forms.what.firstDay'), date: true },
    to: { what: msg('forms.what.lastDay'), date: true },
    loggedBy: { message: msg('forms.message.loggedByFromList') },
    contact: { atop: true, message: LINK_INCOMPLETE },
    organisation: { atop: true, message: LINK_INCOMPLETE },
  },
} satisfies FormSpec<ActionsQueryDto>;

/** Adding a contact; on an organisation's page the organisation is given by the page. */
export const CONTACT_FORM = {
  dto: CreateContactDto,
  fields: {
    name: { what: msg('forms.what.name') },
    position: { what: msg('forms.what.position') },
    stateCode: { message: msg('forms.message.stateFromList') },
    email: { message: msg('forms.message.contactEmail') },
    phone: { what: msg('forms.what.phone') },
    notes: { what: msg('forms.what.notes') },
    lawfulBasis: { message: msg('forms.message.lawfulBasis') },
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
    name: { what: msg('forms.what.name') },
    kind: { message: msg('forms.message.organisationKind') },
    stateCode: { message: msg('forms.message.stateFromList') },
    website: { what: msg('forms.what.website') },
    email: { message: msg('forms.message.organisationEmail') },
    memberSince: { what: msg('forms.what.joinedOn'), date: true },
  },
} satisfies FormSpec<CreateOrganisationDto>;

/** Changing an organisation: the same fields, checked with the API's UpdateOrganisationDto. */
export const ORGANISATION_EDIT_FORM = {
  dto: UpdateOrganisationDto,
  fields: ORGANISATION_FORM.fields,
} satisfies FormSpec<UpdateOrganisationDto>;
const STATE_CODES_MESSAGE = msg('forms.message.stateCodes');

/** Creating a campaign; its target states typed as codes. */
export const CAMPAIGN_FORM = {
  dto: CampaignFormDto,
  fields: {
    name: { what: msg('forms.what.aName') },
    description: { what: msg('forms.what.description') },
    instrument: { message: msg('forms.message.instrumentFromList') },
    stateCodes: { message: STATE_CODES_MESSAGE },
    startsOn: { what: msg('forms.what.startDate'), date: true },
    endsOn: { what: msg('forms.what.endDate'), date: true },
  },
} satisfies FormSpec<CampaignFormDto>;

const goalGiven = (values: FormValues) => values.goalInstrument !== '' || values.goalStage !== '';

/** Editing or closing a campaign; the goal is sent once its instrument or stage is chosen. */
export const CAMPAIGN_EDIT_FORM = {
  dto: CampaignEditFormDto,
  fields: {
    name: { what: msg('forms.what.aName') },
    description: { what: msg('forms.what.description') },
    stateCodes: { message: STATE_CODES_MESSAGE },
    goalInstrument: { path: 'goal.instrument', message: msg('forms.message.goalInstrument'), sentIf: goalGiven },
    goalStage: { path: 'goal.stage', message: msg('forms.message.goalStage'), sentIf: goalGiven },
    goalBy: { path: 'goal.by', what: msg('forms.what.goalDate'), date: true, sentIf: goalGiven },
    endsOn: { what: msg('forms.what.endDate'), date: true },
    status: { message: msg('forms.message.campaignStatus') },
  },
} satisfies FormSpec<CampaignEditFormDto>;

/** One letter to many states of a campaign, with a follow-up each when the box is ticked. */
export const CAMPAIGN_LETTER_FORM = {
  dto: CampaignLetterFormDto,
  fields: {
    type: { message: msg('forms.message.letterKind') },
    date: { what: msg('forms.what.actionDate'), date: true },
    title: { what: msg('forms.what.aTitle') },
    summary: { what: msg('forms.what.text') },
    stateCodes: { message: STATE_CODES_MESSAGE },
    followUp: { path: null },
    followUpDueOn: { path: 'followUp.dueOn', what: msg('forms.what.followUpDate'), date: true, sentIf: followUpAsked },
  },
} satisfies FormSpec<CampaignLetterFormDto>;

export const EVENT_FORM = {
  dto: CreateTreatyEventDto,
  fields: {
    instrument: { message: msg('forms.message.instrument') },
    type: { message: msg('forms.message.step') },
    date: { what: msg('forms.what.stepDate'), date: true },
    confidence: { message: msg('forms.message.confidence') },
    reference: { what: msg('forms.what.depositaryReference') },
    source: { what: msg('forms.what.source') },
    sourceUrl: { what: msg('forms.what.sourceAddress'), message: msg('forms.message.sourceAddress') },
    note: { what: msg('forms.what.note') },
  },
} satisfies FormSpec<CreateTreatyEventDto>;

/** Correcting a recorded event: which one, the event as it should have been, and why. */
export const CORRECTION_FORM = {
  dto: CorrectionFormDto,
  fields: {
    eventId: { message: msg('forms.message.eventToCorrect') },
    ...EVENT_FORM.fields,
    reason: { what: msg('forms.what.correctionReason') },
  },
} satisfies FormSpec<CorrectionFormDto>;

const REGIONS_MESSAGE = msg('forms.message.regions');

/** Inviting a user by email; no password: they choose one from the invitation. */
export const INVITE_FORM = {
  dto: InviteFormDto,
  fields: {
    email: { message: msg('forms.message.inviteEmail') },
    name: { what: msg('forms.what.name') },
    role: { message: msg('forms.message.role') },
    regions: { message: REGIONS_MESSAGE },
    locale: { message: msg('forms.message.locale') },
  },
} satisfies FormSpec<InviteFormDto>;

/** A user's role and regions, changed on the users page (no region ticked: none). */
export const USER_ROLE_FORM = {
  dto: UserRoleFormDto,
  fields: {
    role: { message: msg('forms.message.role') },
    regions: { message: REGIONS_MESSAGE },
  },
} satisfies FormSpec<UserRoleFormDto>;

/** The week of the digest preview: any day of it. */
export const DIGEST_WEEK_FORM = {
  dto: DigestPreviewQueryDto,
  fields: { weekOf: { what: msg('forms.what.weekDay'), date: true } },
} satisfies FormSpec<DigestPreviewQueryDto>;

/** A state's pledge, on its page. */
export const PLEDGE_FORM = {
  dto: PledgeFormDto,
  fields: {
    instrument: { message: msg('forms.message.pledgeInstrument') },
    madeOn: { what: msg('forms.what.pledgedOn'), date: true },
    occasion: { what: msg('forms.what.occasion') },
    targetDate: { what: msg('forms.what.targetDate'), date: true },
    source: { what: msg('forms.what.source') },
    note: { what: msg('forms.what.note') },
  },
} satisfies FormSpec<PledgeFormDto>;

export const IMPLEMENTATION_FORM = {
  dto: ImplementationFormDto,
  fields: {
    track: { message: msg('forms.message.track') },
    stage: { message: msg('forms.message.stageReached') },
    date: { what: msg('forms.what.stageDate'), date: true },
    reference: { what: msg('forms.what.reference') },
    note: { what: msg('forms.what.note') },
  },
} satisfies FormSpec<ImplementationFormDto>;

/** Moving a follow-up to another day; the page gives `earliest`, the first day whose 09:00 has not passed. */
export const RESCHEDULE_FORM = {
  dto: RescheduleFormDto,
  fields: {
    dueOn: {
      what: msg('forms.what.newDate'),
      date: true,
      messages: {
        isOnOrAfter: ({ tr, plain }) => tr.t('forms.reschedule.tooEarly', { date: tr.date(String(plain.earliest)) }),
      },
    },
  },
} satisfies FormSpec<RescheduleFormDto>;

/** The day, time of day and time zone of a reminder, as the follow-up forms ask for them. */
const REMINDER_TIME_FIELDS = {
  dueOn: { what: msg('forms.what.date'), date: true },
  time: { message: msg('forms.message.timeOfDay') },
  timeZone: { message: msg('forms.message.timeZoneFromList') },
} as const;

/** A new follow-up on its own or about an action (given as a hidden field by the page it was opened from). */
export const FOLLOW_UP_FORM = {
  dto: FollowUpFormDto,
  fields: {
    stateCode: { message: msg('forms.message.stateFromList') },
    actionId: { atop: true, message: msg('forms.message.actionUnknown') },
    title: { what: msg('forms.what.aTitle') },
    ...REMINDER_TIME_FIELDS,
    assigneeId: { message: msg('forms.message.followUpFor') },
    note: { what: msg('forms.what.note') },
  },
} satisfies FormSpec<FollowUpFormDto>;

/** Moving a follow-up to a day and a time of day, on its own page. */
export const REMIND_AT_FORM = {
  dto: ReminderTimeFormDto,
  fields: REMINDER_TIME_FIELDS,
} satisfies FormSpec<ReminderTimeFormDto>;

export const REASSIGN_FORM = {
  dto: ReassignFormDto,
  fields: { assigneeId: { message: msg('forms.message.followUpFor') } },
} satisfies FormSpec<ReassignFormDto>;

/** The reader's own details on /me. */
export const ME_FORM = {
  dto: MeFormDto,
  fields: {
    name: { what: msg('forms.what.yourName') },
    locale: { message: msg('forms.message.locale') },
  },
} satisfies FormSpec<MeFormDto>;

export const LOGIN_FORM = {
  dto: LoginDto,
  fields: {
    email: { what: msg('forms.what.yourEmail') },
    password: { what: msg('forms.what.yourPassword'), asTyped: true },
  },
} satisfies FormSpec<LoginDto>;

export const PASSWORD_RESET_FORM = {
  dto: PasswordResetDto,
  fields: { email: { message: msg('forms.message.accountEmail') } },
} satisfies FormSpec<PasswordResetDto>;

const passwordLength = {
  required: msg('forms.password.tooShort'),
  minLength: msg('forms.password.tooShort'),
  maxLength: msg('forms.password.tooLong'),
};

export const SET_PASSWORD_FORM = {
  dto: SetPasswordFormDto,
  fields: {
    password: { asTyped: true, messages: passwordLength },
    confirm: { asTyped: true, message: msg('forms.message.samePasswordTwice'), after: 'password' },
    token: {
      atop: true,
      message: msg('forms.message.passwordLinkIncomplete'),
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
  | DigestErrorCode
  | InsightErrorCode;

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

/**
 * The services' refusals in words for readers of other languages than English: the services write theirs in
 * English, naming values ("date 1990-01-01 is before…"), and English readers keep those words; the others get the
 * refusal of the code in their language, next to the same field.
 */
export const REFUSAL_MESSAGE: Partial<Record<PageErrorCode, string>> = {
  'bad-date': msg('forms.refused.badDate'),
  'future-date': msg('forms.refused.futureDate'),
  'bad-range': msg('forms.refused.badRange'),
  blank: msg('forms.refused.blank'),
  'too-long': msg('forms.refused.tooLong'),
  'bad-campaign': msg('forms.refused.badCampaign'),
  'campaign-not-found': msg('forms.refused.campaignNotFound'),
  'campaign-name-taken': msg('forms.refused.campaignNameTaken'),
  'campaign-closed': msg('forms.refused.campaignClosed'),
  'unknown-states': msg('forms.refused.unknownStates'),
  'not-targets': msg('forms.refused.notTargets'),
  'no-targets': msg('forms.refused.noTargets'),
  'remind-at-too-far': msg('forms.refused.remindAtTooFar'),
  'remind-at-past': msg('forms.refused.remindAtPast'),
  'too-many-reminders': msg('forms.refused.tooManyReminders'),
  'assignee-not-found': msg('forms.refused.assigneeNotFound'),
  'action-state-mismatch': msg('forms.refused.actionStateMismatch'),
  'follow-up-closed': msg('forms.refused.followUpClosed'),
  'follow-up-when': msg('forms.refused.followUpWhen'),
  'impossible-event': msg('forms.refused.impossibleEvent'),
  'event-sequence': msg('forms.refused.eventSequence'),
  'event-not-found': msg('forms.refused.eventNotFound'),
  'event-corrected': msg('forms.refused.eventCorrected'),
  'unreadable-depositary-text': msg('forms.refused.unreadableDepositaryText'),
  'proposal-decided': msg('forms.refused.proposalDecided'),
  'proposal-refused': msg('forms.refused.proposalRefused'),
  'bad-email': msg('forms.refused.badEmail'),
  'bad-website': msg('forms.refused.badWebsite'),
  'bad-state': msg('forms.refused.badState'),
  'bad-region': msg('forms.refused.badRegion'),
  'bad-track': msg('forms.refused.badTrack'),
  'bad-organisation': msg('forms.refused.badOrganisation'),
  'bad-value': msg('forms.refused.badValue'),
  'already-erased': msg('forms.refused.alreadyErased'),
  'unknown-contacts': msg('forms.refused.unknownContacts'),
  'unknown-organisations': msg('forms.refused.unknownOrganisations'),
  'email-taken': msg('forms.refused.emailTaken'),
  'last-admin': msg('forms.refused.lastAdmin'),
  'user-deactivated': msg('forms.refused.userDeactivated'),
  'bad-week': msg('forms.refused.badWeek'),
  'week-not-started': msg('forms.refused.weekNotStarted'),
  'week-not-ended': msg('forms.refused.weekNotEnded'),
  'already-pledged-stage': msg('forms.refused.alreadyPledgedStage'),
};

export const STATUS_TABLE_FORM = {
  dto: StatusTableDto,
  fields: {
    instrument: { message: msg('forms.message.statusTableInstrument') },
    text: { what: msg('forms.what.table') },
  },
} satisfies FormSpec<StatusTableDto>;

export const NOTIFICATION_FORM = {
  dto: NotificationDto,
  fields: { text: { what: msg('forms.what.notification') } },
} satisfies FormSpec<NotificationDto>;

export const REJECT_FORM = {
  dto: RejectProposalDto,
  fields: { reason: { what: msg('forms.what.reason') } },
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
export function domainErrorToForm(error: unknown, form: FormSpec<object>, tr: Translator): FormErrors | null {
  if (!(error instanceof DomainError)) return null;
  const message = inEnglish(tr)
    ? sentence(error.message)
    : tr.t(REFUSAL_MESSAGE[error.code as PageErrorCode] ?? msg('forms.refused.other'));
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
