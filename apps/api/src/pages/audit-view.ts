import type { AuditAction, AuditEntity, AuditEntryView } from '@app/audit';
import { msg, type Translator } from '@app/i18n';

/** How the pages name what the audit trail records. */
export const AUDIT_ENTITY_LABELS: Record<AuditEntity, string> = {
  'treaty-event': msg('admin.audit.entity.treaty-event'),
  implementation: msg('admin.audit.entity.implementation'),
  action: msg('admin.audit.entity.action'),
  'follow-up': msg('admin.audit.entity.follow-up'),
  campaign: msg('admin.audit.entity.campaign'),
  user: msg('admin.audit.entity.user'),
  'depositary-import': msg('admin.audit.entity.depositary-import'),
  'depositary-proposal': msg('admin.audit.entity.depositary-proposal'),
  organisation: msg('admin.audit.entity.organisation'),
  contact: msg('admin.audit.entity.contact'),
  pledge: msg('admin.audit.entity.pledge'),
  playbook: msg('admin.audit.entity.playbook'),
  email: msg('admin.audit.entity.email'),
  'action-import': msg('admin.audit.entity.action-import'),
};

const ACTION_LABELS: Record<AuditAction, string> = {
  create: msg('admin.audit.action.create'),
  update: msg('admin.audit.action.update'),
  delete: msg('admin.audit.action.delete'),
};

/**
 * The fields the records' views carry, as a person names them; a field not listed (a view that grew one since)
 * shows as its name in the code.
 */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  actionId: msg('admin.audit.field.actionId'),
  actionIds: msg('admin.audit.field.actionIds'),
  active: msg('admin.audit.field.active'),
  assignee: msg('admin.audit.field.assignee'),
  assigneeId: msg('admin.audit.field.assigneeId'),
  attempts: msg('admin.audit.field.attempts'),
  by: msg('admin.audit.field.by'),
  campaignId: msg('admin.audit.field.campaignId'),
  change: msg('admin.audit.field.change'),
  closedAt: msg('admin.audit.field.closedAt'),
  confidence: msg('admin.audit.field.confidence'),
  contactIds: msg('admin.audit.field.contactIds'),
  correctionReason: msg('admin.audit.field.correctionReason'),
  corrects: msg('admin.audit.field.corrects'),
  created: msg('admin.audit.field.created'),
  createdAt: msg('admin.audit.field.createdAt'),
  createdBy: msg('admin.audit.field.createdBy'),
  currentEventId: msg('admin.audit.field.currentEventId'),
  date: msg('admin.audit.field.date'),
  description: msg('admin.audit.field.description'),
  email: msg('admin.audit.field.email'),
  endsOn: msg('admin.audit.field.endsOn'),
  entries: msg('admin.audit.field.entries'),
  erasedAt: msg('admin.audit.field.erasedAt'),
  escalatedFor: msg('admin.audit.field.escalatedFor'),
  eventId: msg('admin.audit.field.eventId'),
  fulfilledOn: msg('admin.audit.field.fulfilledOn'),
  goal: msg('admin.audit.field.goal'),
  instrument: msg('admin.audit.field.instrument'),
  kind: msg('admin.audit.field.kind'),
  languages: msg('admin.audit.field.languages'),
  lastAttemptAt: msg('admin.audit.field.lastAttemptAt'),
  lastError: msg('admin.audit.field.lastError'),
  lawfulBasis: msg('admin.audit.field.lawfulBasis'),
  locale: msg('admin.audit.field.locale'),
  loggedBy: msg('admin.audit.field.loggedBy'),
  madeOn: msg('admin.audit.field.madeOn'),
  memberSince: msg('admin.audit.field.memberSince'),
  name: msg('admin.audit.field.name'),
  note: msg('admin.audit.field.note'),
  notes: msg('admin.audit.field.notes'),
  occasion: msg('admin.audit.field.occasion'),
  organisation: msg('admin.audit.field.organisation'),
  organisationIds: msg('admin.audit.field.organisationIds'),
  outcome: msg('admin.audit.field.outcome'),
  participants: msg('admin.audit.field.participants'),
  passwordChanged: msg('admin.audit.field.passwordChanged'),
  phone: msg('admin.audit.field.phone'),
  position: msg('admin.audit.field.position'),
  proposals: msg('admin.audit.field.proposals'),
  reason: msg('admin.audit.field.reason'),
  recipient: msg('admin.audit.field.recipient'),
  recordedAt: msg('admin.audit.field.recordedAt'),
  recordedBy: msg('admin.audit.field.recordedBy'),
  reference: msg('admin.audit.field.reference'),
  region: msg('admin.audit.field.region'),
  regions: msg('admin.audit.field.regions'),
  remindAt: msg('admin.audit.field.remindAt'),
  reminderSentFor: msg('admin.audit.field.reminderSentFor'),
  role: msg('admin.audit.field.role'),
  source: msg('admin.audit.field.source'),
  sourceUrl: msg('admin.audit.field.sourceUrl'),
  stage: msg('admin.audit.field.stage'),
  startsOn: msg('admin.audit.field.startsOn'),
  stateCode: msg('admin.audit.field.stateCode'),
  stateCodes: msg('admin.audit.field.stateCodes'),
  stateName: msg('admin.audit.field.stateName'),
  status: msg('admin.audit.field.status'),
  subject: msg('admin.audit.field.subject'),
  summary: msg('admin.audit.field.summary'),
  supersededBy: msg('admin.audit.field.supersededBy'),
  target: msg('admin.audit.field.target'),
  targetDate: msg('admin.audit.field.targetDate'),
  title: msg('admin.audit.field.title'),
  track: msg('admin.audit.field.track'),
  type: msg('admin.audit.field.type'),
  unmatched: msg('admin.audit.field.unmatched'),
  updatedAt: msg('admin.audit.field.updatedAt'),
  website: msg('admin.audit.field.website'),
};

/** A field's name in the reader's language. */
export const fieldLabel = (field: string, tr: Translator): string =>
  Object.hasOwn(FIELD_LABELS, field) ? tr.t(FIELD_LABELS[field]) : field;

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
  action: AuditAction;
  what: string;
  /** The changes, each with its field's name as the reader reads it. */
  changes: (FieldChange & { label: string })[];
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

export function historyLine(entry: AuditEntryView, tr: Translator): HistoryLine {
  return {
    id: entry.id,
    at: entry.at,
    who: entry.actor?.name ?? tr.t('admin.audit.system'),
    action: entry.action,
    what: tr.t(ACTION_LABELS[entry.action]),
    changes: fieldChanges(entry).map((change) => ({ ...change, label: fieldLabel(change.field, tr) })),
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
