import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ACTION_TYPES, ActionType } from '@app/advocacy';
import { DomainError, isCalendarDate } from '@app/platform';
import {
  EVENT_TYPES,
  EventType,
  IMPLEMENTATION_STAGES,
  ImplementationStage,
  Instrument,
  INSTRUMENTS,
  Track,
  TRACKS,
} from '@app/states';

/** What the user typed, field by field, to show the form again with it. */
export type FormValues = Record<string, string>;

/** A message per field, shown next to it; `form` holds one that belongs to no single field. */
export type FormErrors = Record<string, string>;

export interface FormState {
  values: FormValues;
  errors: FormErrors;
}

export const emptyForm = (values: FormValues = {}): FormState => ({ values, errors: {} });

/**
 * The posted form as sent (application/x-www-form-urlencoded). Deliberately outside the global ValidationPipe,
 * which answers JSON: a page validates its own fields and shows each error next to its field.
 */
export const FormBody = createParamDecorator((_: unknown, ctx: ExecutionContext): Record<string, unknown> => {
  const body = ctx.switchToHttp().getRequest<{ body?: unknown }>().body;
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
});

/** The named fields as text; a field sent twice or not at all is empty. */
export function readForm(body: Record<string, unknown>, fields: readonly string[]): FormValues {
  return Object.fromEntries(fields.map((f) => [f, typeof body[f] === 'string' ? body[f] : '']));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const DATE_HINT = 'as YYYY-MM-DD, for example 2025-03-14';

class Checker {
  readonly errors: FormErrors = {};
  constructor(readonly values: FormValues) {}

  text(field: string, what: string, opts: { required?: boolean; max: number }): string | undefined {
    const value = this.values[field].trim();
    if (value === '') {
      if (opts.required) this.errors[field] = `Enter ${what}.`;
      return undefined;
    }
    if (value.length > opts.max) this.errors[field] = `Keep ${what} to ${opts.max} characters or fewer.`;
    return value;
  }

  oneOf<T extends string>(field: string, options: readonly T[], message: string): T {
    const value = this.values[field];
    if (!(options as readonly string[]).includes(value)) this.errors[field] = message;
    return value as T;
  }

  date(field: string, what: string, opts: { required: boolean }): string | undefined {
    const value = this.values[field].trim();
    if (value === '') {
      if (opts.required) this.errors[field] = `Enter ${what} ${DATE_HINT}.`;
      return undefined;
    }
    if (!isCalendarDate(value)) this.errors[field] = `Enter ${what} as a real date, for example 2025-03-14.`;
    return value;
  }
}

type Checked<T> = { ok: true; input: T } | { ok: false; errors: FormErrors };

const done = <T>(c: Checker, input: T): Checked<T> =>
  Object.keys(c.errors).length === 0 ? { ok: true, input } : { ok: false, errors: c.errors };

export const ACTION_FIELDS = [
  'type',
  'date',
  'title',
  'summary',
  'target',
  'outcome',
  'campaignId',
  'followUp',
  'followUpDueOn',
  'followUpAssigneeId',
  'followUpNote',
] as const;

export interface ActionFormInput {
  action: {
    type: ActionType;
    date: string;
    title: string;
    summary?: string;
    target?: string;
    outcome?: string;
    campaignId?: string;
  };
  followUp?: { dueOn: string; assigneeId?: string; note?: string };
}

export function checkActionForm(values: FormValues): Checked<ActionFormInput> {
  const c = new Checker(values);
  const type = c.oneOf('type', ACTION_TYPES, 'Choose what kind of action this was.');
  const date = c.date('date', 'the date of the action', { required: true });
  const title = c.text('title', 'a title', { required: true, max: 300 });
  const summary = c.text('summary', 'the summary', { max: 10_000 });
  const target = c.text('target', 'who it was aimed at', { max: 500 });
  const outcome = c.text('outcome', 'the outcome', { max: 4000 });
  const campaignId = values.campaignId.trim() || undefined;
  let followUp: ActionFormInput['followUp'];
  if (values.followUp === 'yes') {
    const dueOn = c.date('followUpDueOn', 'the follow-up date', { required: true });
    const note = c.text('followUpNote', 'the note', { max: 4000 });
    const assigneeId = values.followUpAssigneeId.trim() || undefined;
    if (assigneeId !== undefined && !UUID.test(assigneeId))
      c.errors.followUpAssigneeId = 'Choose who the follow-up is for.';
    followUp = { dueOn: dueOn ?? '', assigneeId, note };
  }
  return done(c, {
    action: { type, date: date ?? '', title: title ?? '', summary, target, outcome, campaignId },
    followUp,
  });
}

export const EVENT_FIELDS = ['instrument', 'type', 'date', 'source', 'note'] as const;

export function checkEventForm(values: FormValues): Checked<{
  instrument: Instrument;
  type: EventType;
  date: string;
  source?: string;
  note?: string;
}> {
  const c = new Checker(values);
  const instrument = c.oneOf('instrument', INSTRUMENTS, 'Choose the instrument.');
  const type = c.oneOf('type', EVENT_TYPES, 'Choose the step.');
  const date = c.date('date', 'the date of the step', { required: true });
  const source = c.text('source', 'the source', { max: 2000 });
  const note = c.text('note', 'the note', { max: 4000 });
  return done(c, { instrument, type, date: date ?? '', source, note });
}

export const IMPLEMENTATION_FIELDS = ['track', 'stage', 'date', 'reference', 'note'] as const;

export function checkImplementationForm(values: FormValues): Checked<{
  track: Track;
  stage: ImplementationStage;
  date?: string;
  reference?: string;
  note?: string;
}> {
  const c = new Checker(values);
  const track = c.oneOf('track', TRACKS, 'Choose the track.');
  const stage = c.oneOf('stage', IMPLEMENTATION_STAGES, 'Choose the stage reached.');
  const date = c.date('date', 'the date the stage was reached', { required: false });
  const reference = c.text('reference', 'the reference', { max: 2000 });
  const note = c.text('note', 'the note', { max: 4000 });
  return done(c, { track, stage, date, reference, note });
}

/** A follow-up is moved to today or later: moving it into the past would only make it overdue at once. */
export function checkRescheduleForm(values: FormValues, today: string): Checked<{ dueOn: string }> {
  const c = new Checker(values);
  const dueOn = c.date('dueOn', 'the new date', { required: true });
  if (dueOn !== undefined && !c.errors.dueOn && dueOn < today) c.errors.dueOn = 'Choose today or a later date.';
  return done(c, { dueOn: dueOn ?? '' });
}

/** Status of a form shown again with its errors: 409 for a conflict with the recorded history, else 400. */
export function formErrorStatus(error: unknown): number {
  return error instanceof DomainError && error.kind === 'conflict' ? 409 : 400;
}

/**
 * Turns what the domain refused into a message next to the field concerned, by the error's code; anything
 * else about the input (a conflict with the recorded history) is said at the top of the form. Returns null for
 * errors that are not about the input (not allowed, an unknown state, an unavailable database): those become
 * error pages.
 */
export function domainErrorToForm(
  error: unknown,
  fieldsByCode: Record<string, string | ((error: DomainError) => string)>,
): FormErrors | null {
  if (!(error instanceof DomainError)) return null;
  const message = error.message.charAt(0).toUpperCase() + error.message.slice(1) + '.';
  const mapped = fieldsByCode[error.code];
  const field = typeof mapped === 'function' ? mapped(error) : mapped;
  if (field) return { [field]: message };
  // Not allowed: the page showed no form for it, so the answer is a page saying why.
  if (error.kind === 'not-found' || error.kind === 'unauthenticated' || error.kind === 'forbidden') return null;
  return { form: message };
}
