import { Injectable } from '@nestjs/common';
import {
  commonError,
  currentRequestContext,
  decodeCursor,
  DEFAULT_LIMIT,
  isCalendarDate,
  isUuid,
  MAX_LIMIT,
  Page,
  parseInstant,
  Queryable,
  toPage,
} from '@app/platform';
import { AUDIT_ENTITIES, AuditActor, AuditChange, AuditEntity, AuditEntryView, withoutSecrets } from './audit-entry';
import { AuditListQuery, AuditRepository } from './audit.repository';

export interface AuditFilter {
  entity?: AuditEntity;
  entityId?: string;
  /** A user id, or `system` for changes made by the system. */
  actor?: string;
  /** A date YYYY-MM-DD (from its start, UTC) or an ISO 8601 instant. */
  from?: string;
  /** A date YYYY-MM-DD (to its end, UTC) or an ISO 8601 instant, inclusive. */
  to?: string;
  limit?: number;
  cursor?: string;
}

/**
 * The audit trail. Every change to a treaty event, an implementation change, an action, a follow-up, a campaign or
 * a user is recorded by the service making it, through `record`, inside that change's own transaction: the entry
 * commits with the change or not at all.
 */
@Injectable()
export class AuditService {
  constructor(private readonly entries: AuditRepository) {}

  /**
   * Records one change in the caller's transaction: who (null: the system), the entity as it was and as it became,
   * and the id of the HTTP request being served, if any. An update that changed nothing leaves no entry.
   */
  async record(m: Queryable, actor: AuditActor | null, change: AuditChange): Promise<void> {
    await this.recordMany(m, actor, [change]);
  }

  /** A 'create' entry for each of many new things of one kind (their views as the "after"), in one statement. */
  recordCreated(m: Queryable, actor: AuditActor | null, entity: AuditEntity, views: readonly { id: string }[]) {
    return this.recordMany(
      m,
      actor,
      views.map((view) => ({ entity, entityId: view.id, action: 'create' as const, after: view })),
    );
  }

  /** Entries for many changes by one actor, written in one statement (updates that change nothing are skipped). */
  async recordMany(m: Queryable, actor: AuditActor | null, changes: readonly AuditChange[]): Promise<void> {
    const requestId = currentRequestContext()?.requestId ?? null;
    const entries = changes.flatMap((change) => {
      const before = withoutSecrets(change.before);
      const after = withoutSecrets(change.after);
      if (change.action === 'update' && JSON.stringify(before) === JSON.stringify(after)) return [];
      return [
        {
          actorId: actor?.id ?? null,
          entity: change.entity,
          entityId: change.entityId,
          action: change.action,
          before,
          after,
          requestId,
        },
      ];
    });
    if (entries.length === 1) await this.entries.insert(m, entries[0]);
    else if (entries.length > 1) await this.entries.insertMany(m, entries);
  }

  /**
   * Removes personal fields from every entry about one entity, in the caller's transaction (a person's erasure).
   * Entries are otherwise only ever added; this is the one exception the GDPR's right to erasure makes.
   */
  async removeFields(m: Queryable, entity: AuditEntity, entityId: string, fields: string[]): Promise<void> {
    await this.entries.removeFields(m, { entity, entityId, fields });
  }

  /** Every entry about one entity, oldest first. */
  history(m: Queryable, entity: AuditEntity, entityId: string): Promise<AuditEntryView[]> {
    return this.entries.history(m, { entity, entityId });
  }

  /** Entries newest first, one page at a time. */
  async list(filter: AuditFilter): Promise<Page<AuditEntryView>> {
    // The api's DTO checks these already; checking here too keeps any other caller from sending PostgreSQL a
    // malformed value, which would be a 500 rather than a 400.
    if (filter.entity !== undefined && !(AUDIT_ENTITIES as readonly string[]).includes(filter.entity)) {
      throw commonError('bad-filter', `entity must be one of ${AUDIT_ENTITIES.join(', ')}`);
    }
    if (filter.entityId !== undefined && !isUuid(filter.entityId)) {
      throw commonError('bad-filter', 'id must be a UUID');
    }
    let actorId: string | null | undefined;
    if (filter.actor !== undefined) {
      if (filter.actor !== 'system' && !isUuid(filter.actor)) {
        throw commonError('bad-filter', 'actor must be a user id (UUID) or system');
      }
      actorId = filter.actor === 'system' ? null : filter.actor;
    }
    const from = filter.from === undefined ? undefined : bound('from', filter.from);
    const to = filter.to === undefined ? undefined : bound('to', filter.to);
    if (from && to && startOf(from) > endOf(to)) {
      throw commonError('bad-range', `from (${filter.from}) must not be after to (${filter.to})`);
    }
    const limit = filter.limit ?? DEFAULT_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      throw commonError('bad-limit', `limit must be an integer from 1 to ${MAX_LIMIT}`);
    }
    const query: AuditListQuery = {
      entity: filter.entity,
      entityId: filter.entityId,
      actorId,
      from,
      to,
      after: filter.cursor === undefined ? undefined : decodeAuditCursor(filter.cursor),
      limit,
    };
    return toPage(await this.entries.list(query), limit, (r) => [r.atKey, r.id], withoutKey);
  }
}

type Bound = { date: string } | { instant: Date };

function bound(name: 'from' | 'to', value: string): Bound {
  if (isCalendarDate(value)) return { date: value };
  const instant = parseInstant(value);
  if (instant === null) {
    throw commonError('bad-date', `${name} must be a date YYYY-MM-DD or an ISO 8601 instant with a time zone`);
  }
  return { instant };
}

const startOf = (b: Bound) => ('date' in b ? Date.parse(`${b.date}T00:00:00Z`) : b.instant.getTime());
const endOf = (b: Bound) => ('date' in b ? Date.parse(`${b.date}T00:00:00Z`) + 86_400_000 - 1 : b.instant.getTime());

/** A cursor is only trusted once it has the shape this server gives it: PostgreSQL's timestamp text and an id. */
function decodeAuditCursor(cursor: string): { at: string; id: string } {
  const [at, id] = decodeCursor(cursor, ['pg-instant', 'bigint']);
  return { at, id };
}

const withoutKey = ({ atKey: _key, ...view }: AuditEntryView & { atKey: string }): AuditEntryView => view;
