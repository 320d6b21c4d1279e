import type { AuditAction, AuditEntity, AuditEntryView } from '@app/audit';

/** How the pages name what the audit trail records. */
export const AUDIT_ENTITY_LABELS: Record<AuditEntity, string> = {
  'treaty-event': 'Treaty event',
  implementation: 'Implementation change',
  action: 'Action',
  'follow-up': 'Follow-up',
  campaign: 'Campaign',
  user: 'User',
  'depositary-import': 'Depositary import',
  'depositary-proposal': 'Depositary proposal',
  organisation: 'Organisation',
  contact: 'Contact',
  pledge: 'Pledge',
  playbook: 'Playbook',
  email: 'Email',
  'action-import': 'Import of actions',
};

const ACTION_LABELS: Record<AuditAction, string> = { create: 'Created', update: 'Changed', delete: 'Deleted' };

/** One field of a change: its name, and its value before and after (null where the record did not exist). */
export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

export interface HistoryLine {
  id: string;
  at: string;
  who: string;
  what: string;
  changes: FieldChange[];
}

/** A value as a person reads it: text as it is, nothing as a dash, anything else as compact JSON. */
function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.length ? value.join(', ') : '—';
  if (typeof value === 'object' && 'name' in value && typeof value.name === 'string') return value.name;
  return JSON.stringify(value);
}

/**
 * What one entry changed, field by field: for a creation every field it was given, for a deletion every field it
 * had, for a change only the fields whose value differs. The id is the record's own and never changes.
 */
export function fieldChanges(entry: Pick<AuditEntryView, 'action' | 'before' | 'after'>): FieldChange[] {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((f) => f !== 'id');
  return fields
    .filter((f) => entry.action !== 'update' || JSON.stringify(before[f]) !== JSON.stringify(after[f]))
    .map((field) => ({
      field,
      before: entry.before === null ? null : shown(before[field]),
      after: entry.after === null ? null : shown(after[field]),
    }));
}

export function historyLine(entry: AuditEntryView): HistoryLine {
  return {
    id: entry.id,
    at: entry.at,
    who: entry.actor?.name ?? 'The system (reference data or a scheduled task)',
    what: ACTION_LABELS[entry.action],
    changes: fieldChanges(entry),
  };
}

/** The page of the record an entry is about, where the site has one; null otherwise. */
export function recordPage(entity: AuditEntity, id: string, entries: readonly AuditEntryView[]): string | null {
  const stateCode = entries
    .map((e) => (e.after ?? e.before ?? {}).stateCode)
    .find((c): c is string => typeof c === 'string' && /^[A-Z]{3}$/.test(c));
  switch (entity) {
    case 'campaign':
      return `/campaigns/${id}`;
    case 'contact':
      return `/contacts/${id}`;
    case 'organisation':
      return `/organisations/${id}`;
    case 'user':
      return '/admin/users';
    case 'email':
      return '/admin/outbox';
    case 'depositary-import':
    case 'depositary-proposal':
      return '/depositary';
    case 'follow-up':
      return `/follow-ups/${id}`;
    case 'action':
      return `/actions/${id}`;
    case 'action-import':
      return '/actions';
    case 'treaty-event':
    case 'implementation':
    case 'pledge':
      return stateCode ? `/states/${stateCode}` : null;
    case 'playbook':
      return null;
  }
}
