/** What the audit trail records changes of. */
export const AUDIT_ENTITIES = [
  'treaty-event',
  'implementation',
  'action',
  'follow-up',
  'campaign',
  'user',
  'depositary-import',
  'depositary-proposal',
  'organisation',
  'contact',
  'pledge',
  'playbook',
  'email',
  /** An import of actions from CSV: one entry naming every action it created. */
  'action-import',
] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

export const AUDIT_ACTIONS = ['create', 'update', 'delete'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who made a change; null in an entry means the system (start-up), not a signed-in user. */
export interface AuditActor {
  id: string;
}

/** One change, as the caller describes it: the entity as it was and as it became (null when absent). */
export interface AuditChange {
  entity: AuditEntity;
  entityId: string;
  action: AuditAction;
  before?: object | null;
  after?: object | null;
}

export interface AuditEntryView {
  id: string;
  at: string;
  actor: { id: string; name: string } | null;
  entity: AuditEntity;
  entityId: string;
  action: AuditAction;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
}

// Secrets never reach the trail, whatever a caller passes: any field named like a hash or a token is dropped.
const SECRET_KEY = /(hash|token|^password)$/i;

/** A copy of `value` as JSON, without secret fields at any depth. */
export function withoutSecrets(value: object | null | undefined): unknown {
  if (value === null || value === undefined) return null;
  return JSON.parse(JSON.stringify(value), (key, v: unknown) => (key !== '' && SECRET_KEY.test(key) ? undefined : v));
}
