import { Actor, assertAllowed, Region } from '@app/accounts';
import { commonError } from '@app/platform';
import { peopleError } from './people.errors';

/**
 * Who may create or change a contact or organisation placed in a state of `region` (null: placed in no state):
 * admins and campaign officers anywhere, regional officers for their regions' states only.
 */
export function assertMayEdit(actor: Actor, region: Region | null): void {
  if (region === null) assertAllowed(actor, 'people.write-unplaced');
  else assertAllowed(actor, 'people.write', region);
}

// One @, something before it, a dotted domain after it, no spaces: what a mail server could deliver to.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** An email address as stored (trimmed), null when blank; a 400 naming the field when it is not one. */
export function emailField(field: string, value: string | null | undefined): string | null {
  const text = optionalText(value);
  if (text !== null && (text.length > 254 || !EMAIL.test(text))) {
    throw peopleError('bad-email', `${field} must be an email address`);
  }
  return text;
}

/** A website as stored: an http(s) address, null when blank. */
export function websiteField(field: string, value: string | null | undefined): string | null {
  const text = optionalText(value);
  if (text === null) return null;
  let url: URL | null = null;
  try {
    url = new URL(text);
  } catch {
    url = null;
  }
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw peopleError('bad-website', `${field} must be a web address starting with http:// or https://`);
  }
  return text;
}

export function requiredText(field: string, value: string): string {
  const text = value.trim();
  if (text === '') throw commonError('blank', `${field} must not be blank`);
  return text;
}

/** Blank optional text is stored as null, so that "none" has one spelling. */
export function optionalText(value: string | null | undefined): string | null {
  const text = value?.trim() ?? '';
  return text === '' ? null : text;
}

/** Languages as stored: trimmed, blanks dropped, each once, in the order given. */
export function languagesField(value: readonly string[] | null | undefined): string[] {
  return [...new Set((value ?? []).map((l) => l.trim()).filter((l) => l !== ''))];
}
