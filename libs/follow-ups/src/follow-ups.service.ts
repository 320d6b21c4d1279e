import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, assertAllowed, Region } from '@app/accounts';
import { AuditService } from '@app/audit';
import { OutboxService } from '@app/mail';
import { AppConfig, conflict, decodeCursor, invalid, Job, JobQueue, notFound, Page, toPage } from '@app/platform';
import { followUpCalendar } from './calendar';
import { FOLLOW_UP_FROM_SQL, FOLLOW_UP_VIEW_SQL, FollowUpStatus, FollowUpView } from './follow-up.view';

export interface NewFollowUp {
  stateCode: string;
  actionId?: string;
  title: string;
  note?: string;
  remindAt: Date;
  assigneeId?: string;
}

export interface FollowUpChanges {
  status?: FollowUpStatus;
  remindAt?: Date;
  assigneeId?: string;
  title?: string;
  note?: string;
}

export interface FollowUpFilter {
  assignee?: string;
  status?: FollowUpStatus;
  state?: string;
  region?: Region;
  dueBefore?: Date;
}

const MAX_AHEAD_MS = 2 * 366 * 86400_000;
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
    const [state]: { code: string; region: Region }[] = await m.query(
      'SELECT code, region FROM state WHERE code = $1',
      [input.stateCode.toUpperCase()],
    );
    if (!state) throw notFound('state-not-found', `state ${input.stateCode.toUpperCase()} not found`);
    assertAllowed(actor, 'follow-up.write', state.region);
    checkRemindAt(input.remindAt);
    const assigneeId = input.assigneeId ?? actor.id;
    await this.assertAssignable(m, assigneeId);
    if (input.actionId) {
      const [action]: { state_code: string }[] = await m.query(
        'SELECT state_code FROM advocacy_action WHERE id = $1 AND deleted_at IS NULL',
        [input.actionId],
      );
      if (!action) throw notFound('action-not-found', `action ${input.actionId} not found`);
      if (action.state_code !== state.code) {
        throw invalid(
          'action-state-mismatch',
          `action ${input.actionId} is about ${action.state_code}, not ${state.code}`,
        );
      }
    }
    const [{ id }]: { id: string }[] = await m.query(
      `INSERT INTO follow_up (state_code, region, action_id, title, note, remind_at, assignee_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        state.code,
        state.region,
        input.actionId ?? null,
        input.title.trim(),
        input.note ?? null,
        input.remindAt,
        assigneeId,
        actor.id,
      ],
    );
    const view = await this.viewIn(m, id);
    await this.audit.record(m, actor, { entity: 'follow-up', entityId: id, action: 'create', after: view });
    return view;
  }

  /** Puts the reminder of an open follow-up on the queue, to be composed shortly before its time. */
  async schedule(view: FollowUpView): Promise<void> {
    const composeAt = new Date(Date.parse(view.remindAt) - COMPOSE_AHEAD_MS);
    if (view.status === 'open') await this.jobs.add(reminderJob(view.id, view.remindAt), composeAt);
  }

  async get(id: string): Promise<FollowUpView> {
    return this.viewIn(this.db.manager, id);
  }

  async list(filter: FollowUpFilter, limit: number, cursor?: string): Promise<Page<FollowUpView>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.assignee) add('f.assignee_id = ?', filter.assignee);
    if (filter.status) add('f.status = ?', filter.status);
    if (filter.state) add('f.state_code = ?', filter.state.toUpperCase());
    if (filter.region) add('f.region = ?', filter.region);
    if (filter.dueBefore) add('f.remind_at < ?', filter.dueBefore);
    if (cursor) {
      const [at, id] = decodeCursor(cursor, 2);
      params.push(at, id);
      where.push(`(f.remind_at, f.id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(limit + 1);
    const rows: { view: FollowUpView; at: string }[] = await this.db.query(
      `SELECT ${FOLLOW_UP_VIEW_SQL} AS view, f.remind_at::text AS at ${FOLLOW_UP_FROM_SQL}
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY f.remind_at, f.id LIMIT $${params.length}`,
      params,
    );
    return toPage(
      rows,
      limit,
      (r) => [r.at, r.view.id],
      (r) => r.view,
    );
  }

  /** Reassigns, reschedules, renames or closes; moving the time or closing moves or cancels the reminder. */
  async update(actor: Actor, id: string, changes: FollowUpChanges): Promise<FollowUpView> {
    const { before, after, withdrawn } = await this.db.transaction(async (m) => {
      const [row]: { region: Region; status: FollowUpStatus; remind_at: Date }[] = await m.query(
        'SELECT region, status, remind_at FROM follow_up WHERE id = $1 FOR UPDATE',
        [id],
      );
      if (!row) throw notFound('follow-up-not-found', `follow-up ${id} not found`);
      assertAllowed(actor, 'follow-up.write', row.region);
      if (row.status !== 'open') {
        throw conflict('follow-up-closed', `follow-up ${id} is already ${row.status}; it can no longer be changed`);
      }
      const previous = await this.viewIn(m, id);
      if (changes.remindAt) checkRemindAt(changes.remindAt);
      if (changes.assigneeId) await this.assertAssignable(m, changes.assigneeId);
      // A reminder composed ahead for the old time, assignee or wording is withdrawn before it goes out.
      const touched = changes.status || changes.remindAt || changes.assigneeId || changes.title || changes.note;
      const withdrawn =
        !!touched &&
        (await this.outbox.cancel(m, reminderKey(id, row.remind_at), 'follow-up changed before it was due'));
      if (withdrawn) await m.query('UPDATE follow_up SET reminder_for = NULL WHERE id = $1', [id]);
      await m.query(
        `UPDATE follow_up SET
           status = COALESCE($2, status),
           closed_at = CASE WHEN $2::text IN ('done', 'cancelled') THEN now() ELSE closed_at END,
           remind_at = COALESCE($3, remind_at),
           assignee_id = COALESCE($4, assignee_id),
           title = COALESCE($5, title),
           note = COALESCE($6, note),
           updated_at = now()
         WHERE id = $1`,
        [
          id,
          changes.status ?? null,
          changes.remindAt ?? null,
          changes.assigneeId ?? null,
          changes.title?.trim() ?? null,
          changes.note ?? null,
        ],
      );
      const changed = await this.viewIn(m, id);
      await this.audit.record(m, actor, {
        entity: 'follow-up',
        entityId: id,
        action: 'update',
        before: previous,
        after: changed,
      });
      return { before: previous, after: changed, withdrawn };
    });
    const moved = before.remindAt !== after.remindAt;
    if (moved || after.status !== 'open') {
      await this.jobs.remove(reminderJob(id, before.remindAt));
      await this.jobs.remove(escalationJob(id, before.remindAt));
    }
    if (after.status === 'open' && (moved || withdrawn)) await this.schedule(after);
    return after;
  }

  /** A new secret address of the user's calendar feed; the previous one stops working. */
  async rotateCalendarToken(userId: string): Promise<string> {
    const token = randomBytes(24).toString('base64url');
    await this.db.query('UPDATE app_user SET calendar_token_hash = $2 WHERE id = $1', [userId, sha256(token)]);
    return `${this.config.PUBLIC_URL}/api/follow-ups.ics?token=${token}`;
  }

  /** The open follow-ups of the calendar token's owner as iCalendar text; null for an unknown token. */
  async calendar(token: string): Promise<string | null> {
    const [user]: { id: string; name: string }[] = await this.db.query(
      'SELECT id, name FROM app_user WHERE calendar_token_hash = $1 AND active',
      [sha256(token)],
    );
    if (!user) return null;
    const rows: {
      id: string;
      title: string;
      note: string | null;
      name_en: string;
      remind_at: Date;
      updated_at: Date;
    }[] = await this.db.query(
      `SELECT f.id, f.title, f.note, s.name_en, f.remind_at, f.updated_at
           FROM follow_up f JOIN state s ON s.code = f.state_code
          WHERE f.assignee_id = $1 AND f.status = 'open' ORDER BY f.remind_at LIMIT 2000`,
      [user.id],
    );
    return followUpCalendar(
      `Follow-ups of ${user.name}`,
      rows.map((r) => ({
        id: r.id,
        title: r.title,
        note: r.note,
        stateName: r.name_en,
        remindAt: r.remind_at,
        updatedAt: r.updated_at,
        link: `${this.config.PUBLIC_URL}/api/follow-ups/${r.id}`,
      })),
    );
  }

  private async viewIn(m: EntityManager, id: string): Promise<FollowUpView> {
    const [row]: { view: FollowUpView }[] = await m.query(
      `SELECT ${FOLLOW_UP_VIEW_SQL} AS view ${FOLLOW_UP_FROM_SQL} WHERE f.id = $1`,
      [id],
    );
    if (!row) throw notFound('follow-up-not-found', `follow-up ${id} not found`);
    return row.view;
  }

  private async assertAssignable(m: EntityManager, userId: string): Promise<void> {
    const [user]: unknown[] = await m.query('SELECT 1 FROM app_user WHERE id = $1 AND active', [userId]);
    if (!user) throw invalid('assignee-not-found', `assignee ${userId} is not an active user`);
  }
}

function checkRemindAt(remindAt: Date): void {
  if (remindAt.getTime() - Date.now() > MAX_AHEAD_MS) {
    throw invalid('remind-at-too-far', `remindAt ${remindAt.toISOString()} is more than two years ahead`);
  }
}
