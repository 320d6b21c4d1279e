/** SQL for the audit trail. The page is chosen from audit_entry alone, then joined to the actors' names. */

export const INSERT_AUDIT_ENTRY_SQL = `
  INSERT INTO audit_entry (actor_id, entity, entity_id, action, before, after, request_id)
  VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7)`;

export interface AuditListQuery {
  entity?: string;
  entityId?: string;
  /** A user id, or null for changes made by the system. */
  actorId?: string | null;
  /** A date (from its start, UTC) or an instant. */
  from?: { date: string } | { instant: Date };
  /** A date (to its end, UTC) or an instant, inclusive. */
  to?: { date: string } | { instant: Date };
  /** The (at, id) of the last entry of the previous page; `at` as PostgreSQL wrote it. */
  after?: { at: string; id: string };
  limit: number;
}

export interface AuditRow {
  id: string;
  at: Date;
  atKey: string;
  actorId: string | null;
  actorName: string | null;
  entity: string;
  entityId: string;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
}

/** Newest first; only the filters given appear, so the planner walks the one index that ends in (at, id). */
export function listAuditSql(q: AuditListQuery): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const where: string[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (q.entityId !== undefined) where.push(`entity_id = ${param(q.entityId)}::uuid`);
  if (q.entity !== undefined) where.push(`entity = ${param(q.entity)}`);
  if (q.actorId === null) where.push('actor_id IS NULL');
  else if (q.actorId !== undefined) where.push(`actor_id = ${param(q.actorId)}::uuid`);
  if (q.from !== undefined) {
    where.push(
      'date' in q.from
        ? `at >= (${param(q.from.date)}::date::timestamp AT TIME ZONE 'UTC')`
        : `at >= ${param(q.from.instant)}::timestamptz`,
    );
  }
  if (q.to !== undefined) {
    where.push(
      'date' in q.to
        ? `at < ((${param(q.to.date)}::date + 1)::timestamp AT TIME ZONE 'UTC')`
        : `at <= ${param(q.to.instant)}::timestamptz`,
    );
  }
  if (q.after !== undefined) {
    where.push(`(at, id) < (${param(q.after.at)}::timestamptz, ${param(q.after.id)}::bigint)`);
  }
  const page = `(
    SELECT * FROM audit_entry
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY at DESC, id DESC
    LIMIT ${param(q.limit + 1)})`;
  const sql = `
    SELECT e.id::text AS id, e.at, e.at::text AS "atKey", e.actor_id AS "actorId", u.name AS "actorName", e.entity,
           e.entity_id AS "entityId", e.action, e.before, e.after, e.request_id AS "requestId"
    FROM ${page} e
    LEFT JOIN app_user u ON u.id = e.actor_id
    ORDER BY e.at DESC, e.id DESC`;
  return { sql, params };
}
