import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, assertAllowed, Region } from '@app/accounts';
import { AuditService } from '@app/audit';
import { FollowUpsService, FollowUpView } from '@app/follow-ups';
import {
  AppConfig,
  decodeCursor,
  DEFAULT_LIMIT,
  encodeCursor,
  forbidden,
  invalid,
  isCalendarDate,
  notFound,
  Page,
  toPage,
  zonedInstant,
} from '@app/platform';
import { stateCatalogue, stateNotFound } from '@app/states';
import { checkActionDate } from './action-dates';
import type { ActionType } from './action-types';
import {
  ACTION_CONTEXT_SQL,
  ActionRow,
  CAMPAIGN_EXISTS_SQL,
  ChangeableField,
  CHANGEABLE_COLUMNS,
  INSERT_ACTION_SQL,
  ActionListQuery,
  listActionsJsonSql,
  listActionsSql,
  LOCK_ACTION_SQL,
  ONE_ACTION_SQL,
  SOFT_DELETE_ACTION_SQL,
  updateActionSql,
} from './actions.sql';

export interface NewAction {
  stateCode: string;
  type: ActionType;
  date: string;
  title: string;
  summary?: string | null;
  target?: string | null;
  outcome?: string | null;
  campaignId?: string | null;
}

/** Fields left undefined stay as they are; null clears an optional one. */
export interface ActionChanges {
  type?: ActionType;
  date?: string;
  title?: string;
  summary?: string | null;
  target?: string | null;
  outcome?: string | null;
  campaignId?: string | null;
}

export interface ActionFilter {
  stateCode?: string;
  region?: Region;
  type?: ActionType;
  campaignId?: string;
  loggedBy?: string;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

/** A follow-up set with an action: a date (reminded at 09:00 in the coalition's time zone) or an instant. */
export interface ActionFollowUp {
  dueOn?: string;
  remindAt?: Date;
  assigneeId?: string;
  title?: string;
  note?: string;
}

export interface ActionView {
  id: string;
  stateCode: string;
  stateName: string;
  region: Region;
  type: ActionType;
  date: string;
  title: string;
  summary: string | null;
  target: string | null;
  outcome: string | null;
  campaignId: string | null;
  loggedBy: { id: string; name: string };
  createdAt: string;
  updatedAt: string;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// The state filter is checked against the catalogue the state table is loaded from, so a mistyped code gets
// a 400 rather than an empty list without costing the list a second statement.
let knownStateCodes: ReadonlySet<string> | undefined;
const isKnownState = (code: string) => (knownStateCodes ??= new Set(stateCatalogue().map((s) => s.code))).has(code);

@Injectable()
export class ActionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly followUps: FollowUpsService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async create(actor: Actor, input: NewAction): Promise<ActionView> {
    return this.db.transaction((m) => this.createIn(m, actor, input));
  }

  /**
   * Logs an action and the follow-up it calls for in one transaction: both are saved or neither is. The
   * follow-up's reminder is queued once both have committed.
   */
  async createWithFollowUp(
    actor: Actor,
    input: NewAction,
    followUp: ActionFollowUp,
  ): Promise<ActionView & { followUp: FollowUpView }> {
    const created = await this.db.transaction(async (m) => {
      const action = await this.createIn(m, actor, input);
      const remindAt = followUp.remindAt ?? zonedInstant(followUp.dueOn!, 9, 0, this.config.DIGEST_TZ);
      const fu = await this.followUps.createIn(m, actor, {
        stateCode: action.stateCode,
        actionId: action.id,
        title: followUp.title ?? `Follow up: ${action.title}`,
        note: followUp.note,
        remindAt,
        assigneeId: followUp.assigneeId,
      });
      return { ...action, followUp: fu };
    });
    await this.followUps.schedule(created.followUp);
    return created;
  }

  /** Logs an action inside the caller's transaction, so that what goes with it (a follow-up) commits with it. */
  async createIn(m: EntityManager, actor: Actor, input: NewAction): Promise<ActionView> {
    checkActionDate(input.date);
    const title = requiredText('title', input.title);
    const campaignId = input.campaignId ?? null;
    if (campaignId !== null && !UUID_RE.test(campaignId)) throw invalid('bad-campaign', 'campaignId must be a UUID');
    const context: { region: Region; campaignExists: boolean }[] = await m.query(ACTION_CONTEXT_SQL, [
      input.stateCode.toUpperCase(),
      campaignId,
    ]);
    if (context.length === 0) throw stateNotFound(input.stateCode);
    const { region, campaignExists } = context[0];
    assertAllowed(actor, 'action.write', region);
    if (!campaignExists) throw campaignNotFound(campaignId ?? '');
    const [row]: ActionRow[] = await m.query(INSERT_ACTION_SQL, [
      input.stateCode.toUpperCase(),
      region,
      input.type,
      input.date,
      title,
      optionalText(input.summary),
      optionalText(input.target),
      optionalText(input.outcome),
      campaignId,
      actor.id,
    ]);
    const view = toActionView(row);
    await this.audit.record(m, actor, { entity: 'action', entityId: view.id, action: 'create', after: view });
    return view;
  }

  /** Live actions, newest first (date, then id), one page at a time. */
  async list(filter: ActionFilter): Promise<Page<ActionView>> {
    const query = this.listQuery(filter);
    const { sql, params } = listActionsSql(query);
    const rows: ActionRow[] = await this.db.query(sql, params);
    return toPage(rows, query.limit, (r) => [r.date, r.id], toActionView);
  }

  /** The same page as `list`, as the JSON text the API answers (`{items, nextCursor}`), built by PostgreSQL. */
  async listJson(filter: ActionFilter): Promise<string> {
    const { sql, params } = listActionsJsonSql(this.listQuery(filter));
    const [page]: { items: string; more: boolean; lastDate: string | null; lastId: string | null }[] =
      await this.db.query(sql, params);
    const next = page.more && page.lastDate && page.lastId ? encodeCursor([page.lastDate, page.lastId]) : null;
    return `{"items":${page.items},"nextCursor":${JSON.stringify(next)}}`;
  }

  /** Checks a filter and turns it into the list's query. */
  private listQuery(filter: ActionFilter): ActionListQuery {
    // The api's DTO checks formats already; checking here too keeps any other caller from sending PostgreSQL a
    // malformed date or uuid, which would be a 500 rather than a 400.
    const stateCode = filter.stateCode?.toUpperCase();
    if (stateCode !== undefined && !isKnownState(stateCode)) {
      throw invalid('bad-state', `state ${stateCode} is not a known state code`);
    }
    for (const [name, value] of [
      ['from', filter.from],
      ['to', filter.to],
    ] as const) {
      if (value !== undefined && !isCalendarDate(value)) {
        throw invalid('bad-date', `${name} must be a real date written YYYY-MM-DD`);
      }
    }
    if (filter.from !== undefined && filter.to !== undefined && filter.from > filter.to) {
      throw invalid('bad-range', `from (${filter.from}) must not be after to (${filter.to})`);
    }
    for (const [name, value] of [
      ['campaign', filter.campaignId],
      ['loggedBy', filter.loggedBy],
    ] as const) {
      if (value !== undefined && !UUID_RE.test(value)) throw invalid('bad-filter', `${name} must be a UUID`);
    }
    return {
      stateCode,
      region: filter.region,
      type: filter.type,
      campaignId: filter.campaignId,
      loggedBy: filter.loggedBy,
      from: filter.from,
      to: filter.to,
      after: filter.cursor === undefined ? undefined : decodeActionCursor(filter.cursor),
      limit: filter.limit ?? DEFAULT_LIMIT,
    };
  }

  async get(id: string): Promise<ActionView> {
    if (!UUID_RE.test(id)) throw actionNotFound(id);
    const rows: ActionRow[] = await this.db.query(ONE_ACTION_SQL, [id]);
    if (rows.length === 0) throw actionNotFound(id);
    return toActionView(rows[0]);
  }

  /** Changes an action; only its author (while still allowed to log actions for the state) or an admin may. */
  async update(actor: Actor, id: string, changes: ActionChanges): Promise<ActionView> {
    if (changes.date !== undefined) checkActionDate(changes.date);
    const values: Partial<Record<ChangeableField, unknown>> = {};
    if (changes.type !== undefined) values.type = changes.type;
    if (changes.date !== undefined) values.date = changes.date;
    if (changes.title !== undefined) values.title = requiredText('title', changes.title);
    if (changes.summary !== undefined) values.summary = optionalText(changes.summary);
    if (changes.target !== undefined) values.target = optionalText(changes.target);
    if (changes.outcome !== undefined) values.outcome = optionalText(changes.outcome);
    if (changes.campaignId !== undefined) {
      if (changes.campaignId !== null && !UUID_RE.test(changes.campaignId)) {
        throw invalid('bad-campaign', 'campaignId must be a UUID');
      }
      values.campaignId = changes.campaignId;
    }
    return this.db.transaction(async (m) => {
      const before = await this.lockForChange(m, actor, id);
      if (typeof values.campaignId === 'string') {
        const [{ exists }]: { exists: boolean }[] = await m.query(CAMPAIGN_EXISTS_SQL, [values.campaignId]);
        if (!exists) throw campaignNotFound(values.campaignId);
      }
      const fields = (Object.keys(CHANGEABLE_COLUMNS) as ChangeableField[]).filter((f) => f in values);
      // Nothing to change: answer with the action as it is, without touching updated_at.
      if (fields.length === 0) return before;
      const [row]: ActionRow[] = await m.query(updateActionSql(fields), [id, ...fields.map((f) => values[f])]);
      const after = toActionView(row);
      await this.audit.record(m, actor, { entity: 'action', entityId: id, action: 'update', before, after });
      return after;
    });
  }

  /** Soft delete: the row stays (follow-ups may point at it) but no read shows it again. */
  async remove(actor: Actor, id: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const before = await this.lockForChange(m, actor, id);
      await m.query(SOFT_DELETE_ACTION_SQL, [id]);
      await this.audit.record(m, actor, { entity: 'action', entityId: id, action: 'delete', before });
    });
  }

  /** Locks the live action for a change the actor may make, and returns it as it is. */
  private async lockForChange(m: EntityManager, actor: Actor, id: string): Promise<ActionView> {
    if (!UUID_RE.test(id)) throw actionNotFound(id);
    const rows: ActionRow[] = await m.query(LOCK_ACTION_SQL, [id]);
    if (rows.length === 0) throw actionNotFound(id);
    assertAllowed(actor, 'action.write', rows[0].region);
    if (actor.role !== 'admin' && rows[0].loggedById !== actor.id) {
      throw forbidden('not-author', 'only the author of an action or an admin may change or delete it');
    }
    return toActionView(rows[0]);
  }
}

export function actionNotFound(id: string) {
  return notFound('action-not-found', `action ${id} not found`);
}

export function campaignNotFound(id: string) {
  return notFound('campaign-not-found', `campaign ${id} not found`);
}

function toActionView(r: ActionRow): ActionView {
  return {
    id: r.id,
    stateCode: r.stateCode,
    stateName: r.stateName,
    region: r.region,
    type: r.type,
    date: r.date,
    title: r.title,
    summary: r.summary,
    target: r.target,
    outcome: r.outcome,
    campaignId: r.campaignId,
    loggedBy: { id: r.loggedById, name: r.loggedByName },
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** A cursor is only trusted once it has the shape this server gives it: a date and an id. */
function decodeActionCursor(cursor: string): { date: string; id: string } {
  const [date, id] = decodeCursor(cursor, 2);
  if (typeof date !== 'string' || !isCalendarDate(date) || typeof id !== 'string' || !UUID_RE.test(id)) {
    throw invalid('bad-cursor', 'cursor is not one this server issued');
  }
  return { date, id };
}

function requiredText(field: string, value: string): string {
  const text = value.trim();
  if (text === '') throw invalid('blank', `${field} must not be blank`);
  return text;
}

/** Blank optional text is stored as null, so that "no outcome yet" has one spelling. */
function optionalText(value: string | null | undefined): string | null {
  const text = value?.trim() ?? '';
  return text === '' ? null : text;
}
