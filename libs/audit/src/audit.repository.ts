import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Queryable, SqlParams, where } from '@app/platform';
import { AuditAction, AuditEntity, AuditEntryView } from './audit-entry';

/** One entry as the service hands it over: `before` and `after` already free of secrets. */
export interface NewAuditEntry {
  actorId: string | null;
  entity: AuditEntity;
  entityId: string;
  action: AuditAction;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

export interface AuditListQuery {
  entity?: AuditEntity;
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

/** An entry as the API shows it, and its sort key: `at` in PostgreSQL's text, so microseconds survive a cursor. */
export type AuditListRow = AuditEntryView & { atKey: string };

/** A row as selected: the view's fields, with the actor and the instant as PostgreSQL gives them. */
type Row = Omit<AuditEntryView, 'at' | 'actor'> & {
  at: Date;
  atKey?: string;
  actorId: string | null;
  actorName: string | null;
};

/** The audit_entry table, which the audit library alone writes and reads. */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Inserts an entry in the caller's transaction, so that it commits with the change it records. */
  async insert(m: Queryable, e: NewAuditEntry): Promise<void> {
    await m.query(
      `INSERT INTO audit_entry (actor_id, entity, entity_id, action, before, after, request_id)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7)`,
      [
        e.actorId,
        e.entity,
        e.entityId,
        e.action,
        e.before === null ? null : JSON.stringify(e.before),
        e.after === null ? null : JSON.stringify(e.after),
        e.requestId,
      ],
    );
  }

  /** Many entries in one statement (one letter to many states). */
  async insertMany(m: Queryable, entries: readonly NewAuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
    await m.query(
      `INSERT INTO audit_entry (actor_id, entity, entity_id, action, before, after, request_id)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::jsonb[], $6::jsonb[], $7::text[])`,
      [
        entries.map((e) => e.actorId),
        entries.map((e) => e.entity),
        entries.map((e) => e.entityId),
        entries.map((e) => e.action),
        entries.map((e) => json(e.before)),
        entries.map((e) => json(e.after)),
        entries.map((e) => e.requestId),
      ],
    );
  }

  /**
   * Removes the named top-level fields from the before and after of every entry about one entity: the only change
   * an entry ever sees, made when a person is erased (their personal data may not outlive them in the trail).
   */
  async removeFields(m: Queryable, q: { entity: AuditEntity; entityId: string; fields: string[] }): Promise<number> {
    const [, count]: [unknown, number] = await m.query(
      `UPDATE audit_entry SET before = before - $3::text[], after = after - $3::text[]
       WHERE entity_id = $2 AND entity = $1`,
      [q.entity, q.entityId, q.fields],
    );
    return count;
  }

  /** Every entry about one entity, oldest first: what a person's data export shows of its history. */
  async history(m: Queryable, q: { entity: AuditEntity; entityId: string }): Promise<AuditEntryView[]> {
    const rows: Row[] = await m.query(
      `SELECT e.id::text AS id, e.at, e.actor_id AS "actorId", u.name AS "actorName", e.entity,
              e.entity_id AS "entityId", e.action, e.before, e.after, e.request_id AS "requestId"
       FROM audit_entry e LEFT JOIN user_ref u ON u.id = e.actor_id
       WHERE e.entity_id = $2 AND e.entity = $1
       ORDER BY e.at, e.id`,
      [q.entity, q.entityId],
    );
    return rows.map(toView);
  }

  /**
   * Newest first, limit + 1 entries so the caller knows whether another page follows. The page is chosen from
   * audit_entry alone (only the filters given appear, so the planner walks the one index that ends in (at, id)),
   * then joined to the actors' names.
   */
  async list(q: AuditListQuery): Promise<AuditListRow[]> {
    const p = new SqlParams();
    const bound = (b: { date: string } | { instant: Date }, side: 'from' | 'to') =>
      'date' in b
        ? side === 'from'
          ? `at >= (${p.add(b.date, 'date')}::timestamp AT TIME ZONE 'UTC')`
          : `at < ((${p.add(b.date, 'date')} + 1)::timestamp AT TIME ZONE 'UTC')`
        : `at ${side === 'from' ? '>=' : '<='} ${p.add(b.instant, 'timestamptz')}`;
    const filter = where(
      q.entityId !== undefined && `entity_id = ${p.add(q.entityId, 'uuid')}`,
      q.entity !== undefined && `entity = ${p.add(q.entity)}`,
      q.actorId === null && 'actor_id IS NULL',
      typeof q.actorId === 'string' && `actor_id = ${p.add(q.actorId, 'uuid')}`,
      q.from !== undefined && bound(q.from, 'from'),
      q.to !== undefined && bound(q.to, 'to'),
      q.after !== undefined && `(at, id) < (${p.add(q.after.at, 'timestamptz')}, ${p.add(q.after.id, 'bigint')})`,
    );
    const rows: Row[] = await this.db.query(
      `SELECT e.id::text AS id, e.at, e.at::text AS "atKey", e.actor_id AS "actorId", u.name AS "actorName",
              e.entity, e.entity_id AS "entityId", e.action, e.before, e.after, e.request_id AS "requestId"
       FROM (SELECT * FROM audit_entry ${filter} ORDER BY at DESC, id DESC LIMIT ${p.add(q.limit + 1)}) e
       LEFT JOIN user_ref u ON u.id = e.actor_id
       ORDER BY e.at DESC, e.id DESC`,
      p.values,
    );
    return rows.map((r) => ({ ...toView(r), atKey: r.atKey! }));
  }
}

function toView(r: Row): AuditEntryView {
  return {
    id: r.id,
    at: r.at.toISOString(),
    actor: r.actorId === null ? null : { id: r.actorId, name: r.actorName ?? '' },
    entity: r.entity,
    entityId: r.entityId,
    action: r.action,
    before: r.before,
    after: r.after,
    requestId: r.requestId,
  };
}
