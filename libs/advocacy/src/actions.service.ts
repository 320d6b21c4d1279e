import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, assertAllowed, decide } from '@app/accounts';
import { AuditService } from '@app/audit';
import { FollowUpsService, FollowUpView } from '@app/follow-ups';
import {
  commonError,
  decodeCursor,
  DEFAULT_LIMIT,
  encodeCursor,
  isCalendarDate,
  isUuid,
  Page,
  Queryable,
} from '@app/platform';
import { ContactsService } from '@app/people';
import { catalogueState, stateNotFound, statesError } from '@app/states';
import { checkActionDate } from './action-dates';
import type { ActionType } from './action-types';
import { ActionView } from './action.view';
import { actionNotFound, advocacyError, campaignNotFound } from './advocacy.errors';
import { ActionListQuery, ActionPageJson, ActionRowChanges, ActionsRepository } from './actions.repository';
import { CampaignsRepository } from './campaigns.repository';
import { ActionLinks, ActionLinksRepository } from './action-links.repository';

export interface NewAction {
  stateCode: string;
  type: ActionType;
  date: string;
  title: string;
  summary?: string | null;
  target?: string | null;
  outcome?: string | null;
  campaignId?: string | null;
  contactIds?: string[];
  organisationIds?: string[];
}

/** Fields left undefined stay as they are; null clears an optional one; ids given replace the action's links. */
export type ActionChanges = ActionRowChanges & ActionLinks;

/** The list's filters as a caller gives them: the query's, with an opaque cursor for the page after. */
export type ActionFilter = Omit<ActionListQuery, 'after' | 'limit'> & { limit?: number; cursor?: string };

/** A follow-up set with an action: a date (reminded at 09:00 in the coalition's time zone) or an instant. */
export interface ActionFollowUp {
  dueOn?: string;
  remindAt?: Date;
  assigneeId?: string;
  title?: string;
  note?: string;
}

// The state filter is checked against the catalogue the state table is loaded from, so a mistyped code gets
// a 400 rather than an empty list without costing the list a second statement.
const isKnownState = (code: string) => catalogueState(code) !== undefined;

@Injectable()
export class ActionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly actions: ActionsRepository,
    private readonly campaigns: CampaignsRepository,
    private readonly followUps: FollowUpsService,
    private readonly audit: AuditService,
    private readonly links: ActionLinksRepository,
    private readonly people: ContactsService,
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
      // The follow-ups library turns a due date into its reminder time, and refuses one that has passed.
      const fu = await this.followUps.createIn(m, actor, {
        stateCode: action.stateCode,
        actionId: action.id,
        title: followUp.title ?? `Follow up: ${action.title}`,
        note: followUp.note,
        remindAt: followUp.remindAt,
        dueOn: followUp.remindAt ? undefined : followUp.dueOn,
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
    if (campaignId !== null && !isUuid(campaignId)) throw advocacyError('bad-campaign', 'campaignId must be a UUID');
    const stateCode = input.stateCode.toUpperCase();
    const context = await this.actions.context(m, { stateCode, campaignId });
    if (!context) throw stateNotFound(input.stateCode);
    assertAllowed(actor, 'action.write', context.region);
    if (!context.campaignExists) throw campaignNotFound(campaignId ?? '');
    const links = { contactIds: uniqueIds(input.contactIds), organisationIds: uniqueIds(input.organisationIds) };
    await this.people.assertLinkable(m, links);
    const inserted = await this.actions.insert(m, {
      stateCode,
      region: context.region,
      type: input.type,
      date: input.date,
      title,
      summary: optionalText(input.summary),
      target: optionalText(input.target),
      outcome: optionalText(input.outcome),
      campaignId,
      loggedBy: actor.id,
    });
    await this.links.replace(m, inserted.id, links);
    const view = { ...inserted, ...links };
    await this.audit.record(m, actor, { entity: 'action', entityId: view.id, action: 'create', after: view });
    return view;
  }

  /** Live actions, newest first (date, then id), one page at a time: the page's JSON, parsed. */
  async list(filter: ActionFilter): Promise<Page<ActionView>> {
    const page = await this.actions.page(this.listQuery(filter));
    return { items: JSON.parse(page.items) as ActionView[], nextCursor: nextCursor(page) };
  }

  /** The same page as `list`, as the JSON text the API answers (`{items, nextCursor}`), built by PostgreSQL. */
  async listJson(filter: ActionFilter): Promise<string> {
    const page = await this.actions.page(this.listQuery(filter));
    return `{"items":${page.items},"nextCursor":${JSON.stringify(nextCursor(page))}}`;
  }

  /** Checks a filter and turns it into the list's query. */
  private listQuery(filter: ActionFilter): ActionListQuery {
    return actionListQuery(filter);
  }

  async get(id: string): Promise<ActionView> {
    if (!isUuid(id)) throw actionNotFound(id);
    const view = await this.actions.get(this.db, id);
    if (!view) throw actionNotFound(id);
    return view;
  }

  /** Changes an action; only its author (while still allowed to log actions for the state) or an admin may. */
  async update(actor: Actor, id: string, changes: ActionChanges): Promise<ActionView> {
    if (changes.date !== undefined) checkActionDate(changes.date);
    const values: ActionRowChanges = {};
    if (changes.type !== undefined) values.type = changes.type;
    if (changes.date !== undefined) values.date = changes.date;
    if (changes.title !== undefined) values.title = requiredText('title', changes.title);
    if (changes.summary !== undefined) values.summary = optionalText(changes.summary);
    if (changes.target !== undefined) values.target = optionalText(changes.target);
    if (changes.outcome !== undefined) values.outcome = optionalText(changes.outcome);
    if (changes.campaignId !== undefined) {
      if (changes.campaignId !== null && !isUuid(changes.campaignId)) {
        throw advocacyError('bad-campaign', 'campaignId must be a UUID');
      }
      values.campaignId = changes.campaignId;
    }
    const links: ActionLinks = {};
    if (changes.contactIds !== undefined) links.contactIds = uniqueIds(changes.contactIds);
    if (changes.organisationIds !== undefined) links.organisationIds = uniqueIds(changes.organisationIds);
    return this.db.transaction(async (m) => {
      const before = await this.lockForChange(m, actor, id);
      if (typeof values.campaignId === 'string' && !(await this.campaigns.exists(m, values.campaignId))) {
        throw campaignNotFound(values.campaignId);
      }
      // Links already there stay valid (a contact erased since is still named); only new ones are checked.
      await this.people.assertLinkable(m, {
        contactIds: links.contactIds && (await this.links.added(m, id, 'contactIds', links.contactIds)),
        organisationIds:
          links.organisationIds && (await this.links.added(m, id, 'organisationIds', links.organisationIds)),
      });
      const linksChange =
        (links.contactIds !== undefined && !sameIds(links.contactIds, before.contactIds)) ||
        (links.organisationIds !== undefined && !sameIds(links.organisationIds, before.organisationIds));
      // Nothing to change: answer with the action as it is, without touching updated_at.
      if (Object.keys(values).length === 0 && !linksChange) return before;
      // The links first: the update's statement then reads them into the action it answers with.
      if (linksChange) await this.links.replace(m, id, links);
      const after = (await this.actions.update(m, id, values))!;
      await this.audit.record(m, actor, { entity: 'action', entityId: id, action: 'update', before, after });
      return after;
    });
  }

  /** Soft delete: the row stays (follow-ups may point at it) but no read shows it again. */
  async remove(actor: Actor, id: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const before = await this.lockForChange(m, actor, id);
      await this.actions.softDelete(m, id);
      await this.audit.record(m, actor, { entity: 'action', entityId: id, action: 'delete', before });
    });
  }

  /**
   * Live actions whose title holds `text` (any case), newest first: at most `limit`, and whether more match.
   * Through the title's trigram index, so a word found in a few of a million actions costs a few reads.
   */
  async search(text: string, limit: number): Promise<{ items: ActionView[]; more: boolean }> {
    const q = text.trim();
    if (q === '') return { items: [], more: false };
    const rows = await this.actions.search(q, limit);
    return { items: rows.slice(0, limit), more: rows.length > limit };
  }

  /** Whether the actor may change or withdraw the action: the rule `update` and `remove` apply, for pages to ask. */
  mayChange(actor: Actor, view: Pick<ActionView, 'region' | 'loggedBy'>): boolean {
    return (
      decide(actor, 'action.write', view.region).allowed && (actor.role === 'admin' || view.loggedBy.id === actor.id)
    );
  }

  /** Refuses a change or withdrawal the actor may not make, as `update` and `remove` refuse it. */
  assertMayChange(actor: Actor, view: Pick<ActionView, 'region' | 'loggedBy'>): void {
    assertAllowed(actor, 'action.write', view.region);
    if (!this.mayChange(actor, view)) {
      throw advocacyError('not-author', 'only the author of an action or an admin may change or delete it');
    }
  }

  /** Locks the live action for a change the actor may make, and returns it as it is. */
  private async lockForChange(m: Queryable, actor: Actor, id: string): Promise<ActionView> {
    if (!isUuid(id)) throw actionNotFound(id);
    const view = await this.actions.lockLive(m, id);
    if (!view) throw actionNotFound(id);
    this.assertMayChange(actor, view);
    return view;
  }
}

/** Ids as stored: each once, sorted as PostgreSQL sorts uuids (their lower-case text). */
export const uniqueIds = (ids: readonly string[] | undefined): string[] =>
  [...new Set((ids ?? []).map((id) => id.toLowerCase()))].sort();

const sameIds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id, i) => id === b[i]);

/** The cursor of the page after this one: the sort key of its last action, when more follow. */
const nextCursor = (page: ActionPageJson): string | null =>
  page.more && page.lastDate && page.lastId ? encodeCursor([page.lastDate, page.lastId]) : null;

/** A cursor is only trusted once it has the shape this server gives it: a date and an id. */
function decodeActionCursor(cursor: string): { date: string; id: string } {
  const [date, id] = decodeCursor(cursor, ['date', 'uuid']);
  return { date, id };
}

function requiredText(field: string, value: string): string {
  const text = value.trim();
  if (text === '') throw commonError('blank', `${field} must not be blank`);
  return text;
}

/** Blank optional text is stored as null, so that "no outcome yet" has one spelling. */
function optionalText(value: string | null | undefined): string | null {
  const text = value?.trim() ?? '';
  return text === '' ? null : text;
}

/** Checks a list's or an export's filter (a 400 naming the bad one) and turns it into the list's query. */
export function actionListQuery(filter: ActionFilter): ActionListQuery {
  // The api's DTO checks formats already; checking here too keeps any other caller from sending PostgreSQL a
  // malformed date or uuid, which would be a 500 rather than a 400.
  const stateCode = filter.stateCode?.toUpperCase();
  if (stateCode !== undefined && !isKnownState(stateCode)) {
    throw statesError('bad-state', `state ${stateCode} is not a known state code`);
  }
  for (const [name, value] of [
    ['from', filter.from],
    ['to', filter.to],
  ] as const) {
    if (value !== undefined && !isCalendarDate(value)) {
      throw commonError('bad-date', `${name} must be a real date written YYYY-MM-DD`);
    }
  }
  if (filter.from !== undefined && filter.to !== undefined && filter.from > filter.to) {
    throw commonError('bad-range', `from (${filter.from}) must not be after to (${filter.to})`);
  }
  for (const [name, value] of [
    ['campaign', filter.campaignId],
    ['loggedBy', filter.loggedBy],
    ['contact', filter.contactId],
    ['organisation', filter.organisationId],
  ] as const) {
    if (value !== undefined && !isUuid(value)) throw commonError('bad-filter', `${name} must be a UUID`);
  }
  return {
    stateCode,
    region: filter.region,
    type: filter.type,
    campaignId: filter.campaignId,
    loggedBy: filter.loggedBy,
    contactId: filter.contactId,
    organisationId: filter.organisationId,
    from: filter.from,
    to: filter.to,
    after: filter.cursor === undefined ? undefined : decodeActionCursor(filter.cursor),
    limit: filter.limit ?? DEFAULT_LIMIT,
  };
}
