import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Translator } from '@app/i18n';
import { ClassConstructor, plainToInstance } from 'class-transformer';
import { getMetadataStorage, validate, ValidationError } from 'class-validator';
import { TRANSFORM_OPTIONS, VALIDATOR_OPTIONS } from '../common/validation';

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
 * The posted form as sent (application/x-www-form-urlencoded). Outside the global ValidationPipe, which answers
 * JSON with a 400: a page checks the form against the same DTO with `checkForm` and shows each error by its field.
 */
export const FormBody = createParamDecorator((_: unknown, ctx: ExecutionContext): Record<string, unknown> => {
  const body = ctx.switchToHttp().getRequest<{ body?: unknown }>().body;
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
});

/** The named fields as text; a field sent twice or not at all is empty. */
export function readForm(body: Record<string, unknown>, fields: readonly string[]): FormValues {
  return Object.fromEntries(fields.map((f) => [f, typeof body[f] === 'string' ? body[f] : '']));
}

/** The lengths the DTO allows a property, read from its decorators (MaxLength, MinLength, Length). */
export interface Limits {
  min?: number;
  max?: number;
}

/** What a message may be written from: the reader's language, the DTO's limits, the form as sent. */
export interface MessageContext {
  tr: Translator;
  limits: Limits;
  plain: Record<string, unknown>;
}

/**
 * A message key (written whole as `msg('forms.…')`), said with the DTO's limits as `{min}` and `{max}`; or a
 * message written from more than the limits (a date the form was given).
 */
export type Message = string | ((said: MessageContext) => string);

/** How a form field reaches the DTO, and how its errors are said to a person. */
export interface FieldSpec {
  /** Where the DTO has it ('followUp.dueOn'); by default the field's own name; null: not part of the DTO. */
  path?: string | null;
  /**
   * The key of the words naming the field in the usual messages: "Enter <what>.", "Keep <what> to 300 characters
   * or fewer." Each language names it in a form that reads in all of them (French "le titre", Arabic "العنوان").
   */
  what?: string;
  /** A date, entered with the browser's date picker: a date that is not one is answered with an example. */
  date?: boolean;
  /** Sent as typed, spaces included (a password); other fields are trimmed. */
  asTyped?: boolean;
  /** One message whatever is wrong: a choice from a list, an address. */
  message?: Message;
  /** A message for one constraint of the DTO, by its name ('minLength'), or for the field left empty ('required'). */
  messages?: Partial<Record<string, Message>>;
  /** Sent only when this holds: the follow-up's fields, when a follow-up is asked for. */
  sentIf?: (values: FormValues) => boolean;
  /** Its error is shown only once the named field has none: the repeated password, once the password is good. */
  after?: string;
  /** Its error is shown atop the form, not by a field: a hidden field the person cannot correct. */
  atop?: boolean;
}

/** A page form: the DTO it fills, and its fields in the order the page shows them. */
export interface FormSpec<T extends object> {
  dto: ClassConstructor<T>;
  fields: Readonly<Record<string, FieldSpec>>;
}

export type Checked<T> = { ok: true; input: T } | { ok: false; errors: FormErrors };

/** The names of the form's fields, in order. */
export const fieldsOf = (form: FormSpec<object>): string[] => Object.keys(form.fields);

/** Where a field goes in the DTO; null when it does not. */
export const pathOf = (form: FormSpec<object>, field: string): string | null => {
  const path = form.fields[field]?.path;
  return path === undefined ? field : path;
};

/**
 * The form as the API would receive it in JSON: an empty field is a field left out, a nested path
 * ('followUp.dueOn') fills an object that is sent once any of its fields is, and a number is sent as a number
 * where the DTO's property is one. `given` adds what the page knows itself (the state from the address).
 */
export function formToPlain(
  form: FormSpec<object>,
  values: FormValues,
  given: Record<string, unknown> = {},
): Record<string, unknown> {
  const plain: Record<string, unknown> = { ...given };
  for (const [field, spec] of Object.entries(form.fields)) {
    const path = pathOf(form, field);
    if (path === null || (spec.sentIf && !spec.sentIf(values))) continue;
    const raw = values[field] ?? '';
    const text = spec.asTyped ? raw : raw.trim();
    const keys = path.split('.');
    let target = plain;
    let dto: unknown = form.dto;
    for (const key of keys.slice(0, -1)) {
      dto = propertyType(dto, key);
      target = (target[key] ??= {}) as Record<string, unknown>;
    }
    if (text === '') continue;
    const last = keys[keys.length - 1];
    target[last] = propertyType(dto, last) === Number && !isNaN(Number(text)) ? Number(text) : text;
  }
  return plain;
}

/** The declared type of a DTO property (TypeScript's decorator metadata): a nested DTO, Number, String. */
function propertyType(dto: unknown, key: string): unknown {
  if (typeof dto !== 'function') return undefined;
  return Reflect.getMetadata('design:type', (dto as { prototype: object }).prototype, key) as unknown;
}

/**
 * Checks a posted form with the DTO's own decorators, as the API's ValidationPipe checks JSON (same
 * class-transformer and class-validator options), and says every error at once, each by its field, in the
 * reader's language.
 */
export async function checkForm<T extends object>(
  form: FormSpec<T>,
  values: FormValues,
  tr: Translator,
  given: Record<string, unknown> = {},
): Promise<Checked<T>> {
  const plain = formToPlain(form, values, given);
  const input = plainToInstance(form.dto, plain, TRANSFORM_OPTIONS);
  const refused = flatten(await validate(input, VALIDATOR_OPTIONS));
  if (refused.size === 0) return { ok: true, input };
  return { ok: false, errors: formErrors(form, plain, refused, tr) };
}

/** The constraints each property path failed, by name, with the DTO's own message. */
function flatten(errors: ValidationError[], prefix = '', into = new Map<string, Record<string, string>>()) {
  for (const e of errors) {
    const path = prefix + e.property;
    if (e.constraints) into.set(path, e.constraints);
    if (e.children?.length) flatten(e.children, `${path}.`, into);
  }
  return into;
}

function formErrors(
  form: FormSpec<object>,
  plain: Record<string, unknown>,
  refused: Map<string, Record<string, string>>,
  tr: Translator,
): FormErrors {
  const errors: FormErrors = {};
  const placed = new Set<string>();
  for (const [field, spec] of Object.entries(form.fields)) {
    const path = pathOf(form, field);
    const constraints = path === null ? undefined : refused.get(path);
    if (path === null || !constraints) continue;
    placed.add(path);
    if (spec.after && errors[spec.after]) continue;
    const context = { tr, limits: limitsAt(form.dto, path), plain };
    const message = sayError(field, spec, constraints, valueAt(plain, path), context);
    const key = spec.atop ? 'form' : field;
    errors[key] ??= message;
  }
  // What no field stands for (the page's own part of the input): said atop the form, in the DTO's words, which
  // are English; other readers are told to start again from the page.
  for (const [path, constraints] of refused) {
    if (!placed.has(path))
      errors.form ??= inEnglish(tr) ? sentence(Object.values(constraints)[0]) : tr.t('forms.pageRefused');
  }
  return errors;
}

function sayError(
  field: string,
  spec: FieldSpec,
  constraints: Record<string, string>,
  value: unknown,
  context: MessageContext,
): string {
  const { tr, limits } = context;
  const say = (m: Message) => (typeof m === 'function' ? m(context) : tr.t(m, { min: limits.min, max: limits.max }));
  if (spec.message) return say(spec.message);
  const what = spec.what ? tr.t(spec.what) : field;
  if (value === undefined) {
    if (spec.messages?.required) return say(spec.messages.required);
    // A date field is the browser's date picker, shown in the reader's own format: no format to name here.
    return spec.date ? tr.t('forms.choose', { what }) : tr.t('forms.enter', { what });
  }
  const names = Object.keys(constraints);
  const own = names.find((name) => spec.messages?.[name] !== undefined);
  if (own) return say(spec.messages![own]!);
  if (names.includes('isCalendarDate')) return tr.t('forms.realDate', { what });
  const length = typeof value === 'string' ? value.length : 0;
  if (['maxLength', 'minLength', 'isLength'].some((name) => names.includes(name))) {
    if (limits.max !== undefined && length > limits.max) return tr.t('forms.tooLong', { what, max: limits.max });
    if (limits.min !== undefined && length < limits.min) return tr.t('forms.tooShort', { what, min: limits.min });
  }
  // The DTO's own words are English: other readers are asked to check the field, which the page marks.
  return inEnglish(tr) ? sentence(constraints[names[0]]) : tr.t('forms.check', { what });
}

/** Whether the reader reads English, the language the DTOs and the services write their refusals in. */
export const inEnglish = (tr: Translator): boolean => tr.locale === 'en';

/** "date must be…" as a sentence: "Date must be…." */
export const sentence = (text: string): string =>
  text.charAt(0).toUpperCase() + text.slice(1) + (text.endsWith('.') ? '' : '.');

function valueAt(plain: Record<string, unknown>, path: string): unknown {
  let at: unknown = plain;
  for (const key of path.split('.')) at = (at as Record<string, unknown> | undefined)?.[key];
  return at;
}

/** The lengths the DTO's decorators allow the property at `path`. */
export function limitsAt(dto: ClassConstructor<object>, path: string): Limits {
  const keys = path.split('.');
  let target: unknown = dto;
  for (const key of keys.slice(0, -1)) target = propertyType(target, key);
  if (typeof target !== 'function') return {};
  const limits: Limits = {};
  const metadata = getMetadataStorage().getTargetValidationMetadatas(target, '', false, false);
  for (const m of metadata) {
    if (m.propertyName !== keys[keys.length - 1]) continue;
    const [first, second] = (m.constraints ?? []) as unknown[];
    if (m.name === 'maxLength' && typeof first === 'number') limits.max = first;
    if (m.name === 'minLength' && typeof first === 'number') limits.min = first;
    if (m.name === 'isLength') {
      if (typeof first === 'number') limits.min = first;
      if (typeof second === 'number') limits.max = second;
    }
  }
  return limits;
}
