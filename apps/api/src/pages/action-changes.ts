import type { ActionView } from '@app/advocacy';
import { msg, translator, type Translator } from '@app/i18n';

/** An action's fields a person can change, as the confirmation names them (message keys). */
const FIELD_WORDS = {
  type: msg('actions.fieldWord.type'),
  date: msg('actions.fieldWord.date'),
  title: msg('actions.fieldWord.title'),
  target: msg('actions.fieldWord.target'),
  summary: msg('actions.fieldWord.summary'),
  outcome: msg('actions.fieldWord.outcome'),
  campaignId: msg('actions.fieldWord.campaignId'),
  contactIds: msg('actions.fieldWord.contactIds'),
  organisationIds: msg('actions.fieldWord.organisationIds'),
} as const;

export type ActionField = keyof typeof FIELD_WORDS;
const FIELDS = Object.keys(FIELD_WORDS) as ActionField[];

/** The fields whose values differ between the action before a change and after it, in the form's order. */
export function changedFields(before: ActionView, after: ActionView): ActionField[] {
  return FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
}

/** The `saved` of an address (`title,date`, or `none`); null when there is none or it names no field. */
export function readSaved(saved: unknown): ActionField[] | null {
  if (typeof saved !== 'string' || saved === '') return null;
  if (saved === 'none') return [];
  const fields = FIELDS.filter((f) => saved.split(',').includes(f));
  return fields.length === 0 ? null : fields;
}

/** What the address after saving says: the fields changed, or `none`. */
export const savedParam = (fields: readonly ActionField[]): string => (fields.length === 0 ? 'none' : fields.join(','));

/** The confirmation after saving, in the reader's language: which fields changed, or that nothing did. */
export function savedNotice(fields: readonly ActionField[], tr: Translator = translator('en')): string {
  if (fields.length === 0) return tr.t('actions.notice.unchanged');
  const words = fields.map((f) => tr.t(FIELD_WORDS[f]));
  return tr.t('actions.notice.saved', { count: words.length, fields: tr.list(words) });
}
