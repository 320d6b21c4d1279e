import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, assertAllowed, Region, UserDirectory } from '@app/accounts';
import { AuditService } from '@app/audit';
import { OutboxService } from '@app/mail';
import { AppConfig, decodeCursor, Job, JobQueue, Page, Queryable, toPage } from '@app/platform';
import { stateNotFound } from '@app/states';
import { followUpCalendar } from './calendar';
import { MAX_REMINDERS_PER_DAY, reminderInstant, ReminderTime, remindAtForDueDate } from './due-date';
import { followUpPageUrl, FollowUpStatus, FollowUpView } from './follow-up.view';
import { actionNotFound, followUpNotFound, followUpsError } from './follow-ups.errors';
import { FollowUpsRepository } from './follow-ups.repository';

/** When to remind: `remindAt`, or `dueOn` (09:00 that day in DIGEST_TZ); either in the future, the grace aside. */
export interface NewFollowUp extends ReminderTime {
  stateCode: string;
  actionId?: string;
  title: string;
  note?: string;
  assigneeId?: string;
}

/** A new time is `remindAt` or `dueOn`, as for a new follow-up; status `open` reopens a closed one. */
export interface FollowUpChanges extends ReminderTime {
  status?: FollowUpStatus;
  assigneeId?: string;
  title?: string;
  note?: string;
}

export interface FollowUpFilter {
  assignee?: string;
  status?: FollowUpStatus;
  state?: string;
  region?: Region;
  /** Any of these regions: a regional officer's team. */
  regions?: readonly Region[];
  dueBefore?: Date;
  /** The follow-ups set from one action (a UUID). */
  actionId?: string;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest();

/** Reminders are composed this long before they are due, so that at their time only the sending is left. */
export const COMPOSE_AHEAD_MS = 120_000;

/** The outbox key of a follow-up's reminder for one due time. */
export const reminderKey = (followUpId: string, remindAt: Date) => `reminder:${followUpId}:${remindAt.toISOString()}`;

export const reminderJob = (followUpId: string, remindAt: string): Job => ({
  queue: 'reminders',
  name: 'follow-up.reminder',
  data: { followUpId, remindAt },
});

export const escalationJob = (followUpId: string, remindAt: string): Job => ({
  queue: 'reminders',
  name: 'follow-up.escalation',
  data: { followUpId, remindAt },
});

@Injectable()
export class FollowUpsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly followUps: FollowUpsRepository,
    private readonly users: UserDirectory,
    private readonly jobs: JobQueue,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly outbox: OutboxService,
  ) {}

  async create(actor: Actor, input: NewFollowUp): Promise<FollowUpView> {
    const view = await this.db.transaction((m) => this.createIn(m, actor, input));
    await this.schedule(view);
    return view;
  }

  /** Creates a follow-up inside the caller's transaction; call `schedule` once it has committed. */
  async createIn(m: EntityManager, actor: Actor, input: NewFollowUp): Promise<FollowUpView> {
    const stateCode = input.stateCode.toUpperCase();
    const context = await this.followUps.context(m, { stateCode, actionId: input.actionId || undefined });
    if (!context) throw stateNotFound(stateCode);
    assertAllowed(actor, 'follow-up.write', context.region);
    const remindAt = reminderInstant(input, this.config.DIGEST_TZ);
    const assigneeId = input.assigneeId ?? actor.id;
    await this.assertAssignable(m, assigneeId);
    if (input.actionId) {
      // A follow-up may only name a live action about its own state.
      if (context.actionStateCode === null) throw actionNotFound(input.actionId);
      if (context.actionStateCode !== context.stateCode) {
        throw followUpsError(
          'action-state-mismatch',
          `action ${input.actionId} is about ${context.actionStateCode}, not ${context.stateCode}`,
        );
      }
    }
    const id = await this.followUps.insert(m, {
      stateCode: context.stateCode,
      region: context.region,
      actionId: input.actionId ?? null,
      title: input.title.trim(),
      note: input.note ?? null,
      remindAt,
      assigneeId,
      createdBy: actor.id,
    });
    const view = await this.viewIn(m, id);
    await this.audit.record(m, actor, { entity: 'follow-up', entityId: id, action: 'create', after: view });
    return view;
  }

  /**
   * The same follow-up for each of many live actions (one letter to many states), inside the caller's transaction,
   * in three statements whatever their number; the actions' regions must all allow the actor. Call `schedule` for
   * each once it has committed.
   */
  async createForActionsIn(
    m: EntityManager,
    actor: Actor,
    actions: readonly { id: string; region: Region }[],
    input: Omit<NewFollowUp, 'stateCode' | 'actionId'>,
  ): Promise<FollowUpView[]> {
    for (const region of new Set(actions.map((a) => a.region))) assertAllowed(actor, 'follow-up.write', region);
    const remindAt = reminderInstant(input, this.config.DIGEST_TZ);
    const assigneeId = input.assigneeId ?? actor.id;
    await this.assertAssignable(m, assigneeId);
    const views = await this.followUps.insertForActions(
      m,
      actions.map((a) => a.id),
      { title: input.title.trim(), note: input.note ?? null, remindAt, assigneeId, createdBy: actor.id },
    );
    const missing = actions.find((a) => !views.some((v) => v.actionId === a.id));
    if (missing) throw actionNotFound(missing.id);
    await this.audit.recordCreated(m, actor, 'follow-up', views);
    return views;
  }

  /** Puts the reminder of an open follow-up on the queue, to be composed shortly before its time. */
  async schedule(view: FollowUpView): Promise<void> {
    const composeAt = new Date(Date.parse(view.remindAt) - COMPOSE_AHEAD_MS);
    if (view.status === 'open') await this.jobs.add(reminderJob(view.id, view.remindAt), composeAt);
  }

  async get(id: string): Promise<FollowUpView> {
    return this.viewIn(this.db, id);
  }

  async list(filter: FollowUpFilter, limit: number, cursor?: string): Promise<Page<FollowUpView>> {
    let after: { at: string; id: string } | undefined;
    if (cursor) {
      const [at, id] = decodeCursor(cursor, ['pg-instant', 'uuid']);
      after = { at, id };
    }
    const rows = await this.followUps.list({
      assigneeId: filter.assignee || undefined,
      status: filter.status || undefined,
      stateCode: filter.state ? filter.state.toUpperCase() : undefined,
      region: filter.region || undefined,
      regions: filter.regions,
      dueBefore: filter.dueBefore || undefined,
      actionId: filter.actionId || undefined,
      after,
      limit,
    });
    return toPage(
      rows,
      limit,
      (r) => [r.at, r.view.id],
      (r) => r.view,
    );
  }

  /** The assignee's closed follow-ups (done or cancelled), most recently closed first. */
  async listClosed(assigneeId: string, limit: number, cursor?: string): Promise<Page<FollowUpView>> {
    let after: { at: string; id: string } | undefined;
    if (cursor) {
      const [at, id] = decodeCursor(cursor, ['pg-instant', 'uuid']);
      after = { at, id };
    }
    const rows = await this.followUps.listClosed({ assigneeId, after, limit });
    return toPage(
      rows,
      limit,
      (r) => [r.at, r.view.id],
      (r) => r.view,
    );
  }

  /**
   * Reassigns, reschedules, renames, closes or reopens; moving the time or closing moves or cancels the reminder.
   * A closed follow-up changes only by being reopened (status `open`, with other changes or none): it is open again
   * at its time; a reminder already sent for that time is not sent again, one not yet sent goes at that time (at
   * once if it has passed).
   */
  async update(actor: Actor, id: string, changes: FollowUpChanges): Promise<FollowUpView> {
    const { before, after, withdrawn, reopened } = await this.db.transaction(async (m) => {
      const row = await this.followUps.lockForChange(m, id);
      if (!row) throw followUpNotFound(id);
      assertAllowed(actor, 'follow-up.write', row.region);
      const reopened = row.status !== 'open' && changes.status === 'open';
      if (row.status !== 'open' && !reopened) {
        throw followUpsError(
          'follow-up-closed',
          `follow-up ${id} is already ${row.status}; it can no longer be changed`,
        );
      }
      // Asking an open follow-up to be open is no change.
      const status = changes.status === 'open' && !reopened ? undefined : changes.status;
      const previous = await this.viewIn(m, id);
      // The time it has already is no change (a client sending the whole follow-up back), even once it has passed.
      const asked =
        changes.dueOn !== undefined ? remindAtForDueDate(changes.dueOn, this.config.DIGEST_TZ) : changes.remindAt;
      const rescheduled = asked !== undefined && asked.getTime() !== row.remindAt.getTime();
      const remindAt = rescheduled ? reminderInstant(changes, this.config.DIGEST_TZ) : undefined;
      if (changes.assigneeId) await this.assertAssignable(m, changes.assigneeId);
      // A reminder composed ahead for the old time, assignee or wording is withdrawn before it goes out.
      const touched = (status && !reopened) || rescheduled || changes.assigneeId || changes.title || changes.note;
      const withdrawn =
        !!touched &&
        (await this.outbox.cancel(m, reminderKey(id, row.remindAt), 'follow-up changed before it was due'));
      if (withdrawn) await this.followUps.clearReminder(m, id, row.remindAt);
      if (remindAt) await this.assertReminderAllowed(m, id, remindAt);
      await this.followUps.update(m, id, {
        status,
        remindAt,
        assigneeId: changes.assigneeId,
        title: changes.title?.trim(),
        note: changes.note,
      });
      const changed = await this.viewIn(m, id);
      await this.audit.record(m, actor, {
        entity: 'follow-up',
        entityId: id,
        action: 'update',
        before: previous,
        after: changed,
      });
      return { before: previous, after: changed, withdrawn, reopened };
    });
    const moved = before.remindAt !== after.remindAt;
    if (moved || after.status !== 'open') {
      await this.jobs.remove(reminderJob(id, before.remindAt));
      await this.jobs.remove(escalationJob(id, before.remindAt));
    }
    if (after.status === 'open' && (moved || withdrawn || reopened)) await this.schedule(after);
    return after;
  }

  /** A new secret address of the user's calendar feed; the previous one stops working. */
  async rotateCalendarToken(userId: string): Promise<string> {
    const token = randomBytes(24).toString('base64url');
    await this.users.setCalendarTokenHash(userId, sha256(token));
    return `${this.config.PUBLIC_URL}/api/follow-ups.ics?token=${token}`;
  }

  /** The open follow-ups of the calendar token's owner as iCalendar text; null for an unknown token. */
  async calendar(token: string): Promise<string | null> {
    const user = await this.users.byCalendarTokenHash(sha256(token));
    if (!user) return null;
    const rows = await this.followUps.openOfAssignee(user.id);
    return followUpCalendar(
      `Follow-ups of ${user.name}`,
      rows.map((r) => ({ ...r, link: followUpPageUrl(this.config.PUBLIC_URL, r.id) })),
    );
  }

  private async viewIn(m: Queryable, id: string): Promise<FollowUpView> {
    const view = await this.followUps.view(m, id);
    if (!view) throw followUpNotFound(id);
    return view;
  }

  /**
   * A follow-up gets at most MAX_REMINDERS_PER_DAY reminder emails within 24 hours: a new time that would be one
   * more is refused (409), naming the first time that is not.
   */
  private async assertReminderAllowed(m: Queryable, id: string, remindAt: Date): Promise<void> {
    const since = new Date(remindAt.getTime() - 86400_000);
    const emailed = await this.followUps.emailedRemindersSince(m, id, since);
    if (emailed.length < MAX_REMINDERS_PER_DAY) return;
    // Newest first: the reminder that must be 24 hours old before another may go.
    const allowedFrom = new Date(emailed[MAX_REMINDERS_PER_DAY - 1].getTime() + 86400_000);
    throw followUpsError(
      'too-many-reminders',
      `remindAt ${remindAt.toISOString()} would be reminder ${emailed.length + 1} of follow-up ${id} within 24 ` +
        `hours; at most ${MAX_REMINDERS_PER_DAY} are sent a day: choose ${allowedFrom.toISOString()} or later`,
    );
  }

  private async assertAssignable(m: Queryable, userId: string): Promise<void> {
    if (!(await this.users.isActive(userId, m))) {
      throw followUpsError('assignee-not-found', `assignee ${userId} is not an active user`);
    }
  }
}
