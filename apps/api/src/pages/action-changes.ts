import type { ActionView } from '@app/advocacy';

/** An action's fields a person can change, as the confirmation names them. */
const FIELD_WORDS = {
  type: 'kind',
  date: 'date',
  title: 'title',
  target: 'aimed at',
  summary: 'summary',
  outcome: 'outcome',
  campaignId: 'campaign',
  contactIds: 'people',
  organisationIds: 'organisations',
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

/** The confirmation after saving: which fields changed, or that nothing did. */
export function savedNotice(fields: readonly ActionField[]): string {
  if (fields.length === 0) return 'Nothing to save: the action already read so.';
  const words = fields.map((f) => FIELD_WORDS[f]);
  const list = words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
  return `Action saved: ${list} changed.`;
}
