import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Region } from '@app/accounts';
import type { Locale } from '@app/i18n';
import { isoInstant, Queryable, queryPrepared, SqlParams, where } from '@app/platform';
import { FollowUpStatus, FollowUpView } from './follow-up.view';

/**
 * A follow-up as the API answers it, the one place its shape is built: `f` is follow_up, joined (FOLLOW_UP_JOINS)
 * to the state `s` and the assignee `a` and creator `c`. Every read of a follow-up selects this expression.
 */
export const FOLLOW_UP_JSON = `
  json_build_object(
    'id', f.id, 'stateCode', f.state_code, 'stateName', s.name_en, 'region', f.region, 'actionId', f.action_id,
    'title', f.title, 'note', f.note, 'remindAt', ${isoInstant('f.remind_at')},
    'assigneeId', f.assignee_id, 'assignee', json_build_object('id', a.id, 'name', a.name),
    'createdBy', json_build_object('id', c.id, 'name', c.name),
    'status', f.status, 'closedAt', ${isoInstant('f.closed_at')},
    'reminderSentFor', CASE WHEN f.reminder_for <= now() THEN ${isoInstant('f.reminder_for')} END,
    'escalatedFor', ${isoInstant('f.escalated_for')},
    'createdAt', ${isoInstant('f.created_at')}, 'updatedAt', ${isoInstant('f.updated_at')})`;

/** The names FOLLOW_UP_JSON shows, through the views states and accounts publish. */
export const FOLLOW_UP_JOINS = `
  JOIN state_ref s ON s.code = f.state_code
  JOIN user_ref a ON a.id = f.assignee_id
  JOIN user_ref c ON c.id = f.created_by`;

export interface NewFollowUpRow {
  stateCode: string;
  region: Region;
  actionId: string | null;
  title: string;
  note: string | null;
  remindAt: Date;
  assigneeId: string;
  createdBy: string;
}

/** Fields left undefined stay as they are. */
export interface FollowUpRowChanges {
  status?: FollowUpStatus;
  remindAt?: Date;
  assigneeId?: string;
  title?: string;
  note?: string;
}

export interface FollowUpListQuery {
  assigneeId?: string;
  status?: FollowUpStatus;
  stateCode?: string;
  region?: Region;
  /** Any of these regions: a regional officer's team. */
  regions?: readonly Region[];
  dueBefore?: Date;
  /** The follow-ups set from one action. */
  actionId?: string;
  /** The (remind_at as PostgreSQL wrote it, id) of the last follow-up of the previous page. */
  after?: { at: string; id: string };
  limit: number;
}

/** What a new follow-up hangs on: its state's region, and the live action it names (if any) and that action's state. */
export interface FollowUpContext {
  stateCode: string;
  region: Region;
  /** Null when no action was named, or it does not exist or was deleted. */
  actionStateCode: string | null;
}

/** A follow-up as the reminder and escalation handlers read it, locked. */
export interface DueFollowUp {
  id: string;
  title: string;
  note: string | null;
  status: FollowUpStatus;
  remindAt: Date;
  reminderFor: Date | null;
  escalatedFor: Date | null;
  region: Region;
  stateName: string;
  /** The state's name in each language, for emails in their recipients' languages. */
  stateNames: Record<Locale, string>;
  assigneeId: string;
  assigneeEmail: string;
  assigneeName: string;
  /** The language the assignee reads emails in. */
  assigneeLocale: Locale;
}

/** What became of a reminder: emailed to the assignee, or skipped because the assignee is no longer active. */
export type ReminderLogOutcome = 'emailed' | 'assignee-inactive';

export interface CalendarRow {
  id: string;
  title: string;
  note: string | null;
  stateName: string;
  remindAt: Date;
  updatedAt: Date;
}

/** The follow_up table, which the follow-ups library alone writes and reads. */
@Injectable()
export class FollowUpsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The state's code and region, and the state of the named live action, in one round trip; null: no such state. */
  async context(m: Queryable, q: { stateCode: string; actionId?: string }): Promise<FollowUpContext | null> {
    const [row]: FollowUpContext[] = await m.query(
      `SELECT s.code::text AS "stateCode", s.region, a.state_code::text AS "actionStateCode"
       FROM state_ref s LEFT JOIN live_action a ON a.id = $2::uuid
       WHERE s.code = $1`,
      [q.stateCode, q.actionId ?? null],
    );
    return row ?? null;
  }

  async insert(m: Queryable, r: NewFollowUpRow): Promise<string> {
    const [{ id }]: { id: string }[] = await m.query(
      `INSERT INTO follow_up (state_code, region, action_id, title, note, remind_at, assignee_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [r.stateCode, r.region, r.actionId, r.title, r.note, r.remindAt, r.assigneeId, r.createdBy],
    );
    return id;
  }

  /**
   * The same follow-up for many live actions, each about its own state, in one statement; an action that is not live
   * gets none (the caller compares the count). Returns the follow-ups as the API answers them, in no particular order.
   */
  async insertForActions(
    m: Queryable,
    actionIds: readonly string[],
    r: Omit<NewFollowUpRow, 'stateCode' | 'region' | 'actionId'>,
  ): Promise<FollowUpView[]> {
    const rows: { view: FollowUpView }[] = await m.query(
      `WITH f AS (
         INSERT INTO follow_up (state_code, region, action_id, title, note, remind_at, assignee_id, created_by)
         SELECT la.state_code, la.region, la.id, $2, $3, $4, $5, $6
         FROM unnest($1::uuid[]) x(id) JOIN live_action la ON la.id = x.id
         RETURNING *)
       SELECT ${FOLLOW_UP_JSON} AS view FROM f ${FOLLOW_UP_JOINS}`,
      [[...actionIds], r.title, r.note, r.remindAt, r.assigneeId, r.createdBy],
    );
    return rows.map((row) => row.view);
  }

  async view(m: Queryable, id: string): Promise<FollowUpView | null> {
    const [row]: { view: FollowUpView }[] = await m.query(
      `SELECT ${FOLLOW_UP_JSON} AS view FROM follow_up f ${FOLLOW_UP_JOINS} WHERE f.id = $1`,
      [id],
    );
    return row?.view ?? null;
  }

  /** Soonest reminder first, limit + 1 rows so the caller knows whether another page follows. */
  async list(q: FollowUpListQuery): Promise<{ view: FollowUpView; at: string }[]> {
    const { sql, params } = followUpListStatement(q);
    return queryPrepared(this.db, sql, params);
  }

  /**
   * Closed (done or cancelled) follow-ups of an assignee, most recently closed first, limit + 1 rows; `after` is the
   * (closed_at as PostgreSQL wrote it, id) of the last one of the previous page.
   */
  async listClosed(q: {
    assigneeId: string;
    after?: { at: string; id: string };
    limit: number;
  }): Promise<{ view: FollowUpView; at: string }[]> {
    const p = new SqlParams();
    const filter = where(
      `f.assignee_id = ${p.add(q.assigneeId)}`,
      `f.closed_at IS NOT NULL`,
      q.after !== undefined &&
        `(f.closed_at, f.id) < (${p.add(q.after.at, 'timestamptz')}, ${p.add(q.after.id, 'uuid')})`,
    );
    return queryPrepared(
      this.db,
      `SELECT ${FOLLOW_UP_JSON} AS view, f.closed_at::text AS at
       FROM follow_up f ${FOLLOW_UP_JOINS}
       ${filter}
       ORDER BY f.closed_at DESC, f.id DESC LIMIT ${p.add(q.limit + 1)}`,
      p.values,
    );
  }

  /** Locks a follow-up for a change; null when there is none. */
  async lockForChange(
    m: Queryable,
    id: string,
  ): Promise<{ region: Region; status: FollowUpStatus; remindAt: Date } | null> {
    const [row]: { region: Region; status: FollowUpStatus; remindAt: Date }[] = await m.query(
      `SELECT region, status, remind_at AS "remindAt" FROM follow_up WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return row ?? null;
  }

  /**
   * Forgets that the reminder for `remindAt` was composed (it was withdrawn before it went out), so the next one is
   * composed again and the withdrawn one is not counted among the emails sent.
   */
  async clearReminder(m: Queryable, id: string, remindAt: Date): Promise<void> {
    await m.query('UPDATE follow_up SET reminder_for = NULL WHERE id = $1', [id]);
    await m.query('DELETE FROM follow_up_reminder WHERE follow_up_id = $1 AND remind_at = $2', [id, remindAt]);
  }

  /** The reminder times emailed for a follow-up after `since`, newest first. */
  async emailedRemindersSince(m: Queryable, id: string, since: Date): Promise<Date[]> {
    const rows: { remindAt: Date }[] = await m.query(
      `SELECT remind_at AS "remindAt" FROM follow_up_reminder
        WHERE follow_up_id = $1 AND outcome = 'emailed' AND remind_at > $2
        ORDER BY remind_at DESC`,
      [id, since],
    );
    return rows.map((r) => r.remindAt);
  }

  /** What became of a follow-up's reminders, oldest first: emailed, or skipped and why. */
  async reminderLog(m: Queryable, id: string): Promise<{ remindAt: Date; outcome: ReminderLogOutcome }[]> {
    return m.query(
      `SELECT remind_at AS "remindAt", outcome FROM follow_up_reminder WHERE follow_up_id = $1 ORDER BY remind_at`,
      [id],
    );
  }

  /** Sets the fields given; closing (done, cancelled) stamps closed_at, reopening clears it. */
  async update(m: Queryable, id: string, c: FollowUpRowChanges): Promise<void> {
    await m.query(
      `UPDATE follow_up SET
         status = COALESCE($2, status),
         closed_at = CASE WHEN $2::text IN ('done', 'cancelled') THEN now()
                          WHEN $2::text = 'open' THEN NULL ELSE closed_at END,
         remind_at = COALESCE($3, remind_at),
         assignee_id = COALESCE($4, assignee_id),
         title = COALESCE($5, title),
         note = COALESCE($6, note),
         updated_at = now()
       WHERE id = $1`,
      [id, c.status ?? null, c.remindAt ?? null, c.assigneeId ?? null, c.title ?? null, c.note ?? null],
    );
  }

  /** An assignee's open follow-ups, soonest first, for the calendar feed. */
  openOfAssignee(assigneeId: string, limit = 2000): Promise<CalendarRow[]> {
    return this.db.query(
      `SELECT f.id, f.title, f.note, s.name_en AS "stateName", f.remind_at AS "remindAt", f.updated_at AS "updatedAt"
       FROM follow_up f JOIN state_ref s ON s.code = f.state_code
       WHERE f.assignee_id = $1 AND f.status = 'open' ORDER BY f.remind_at LIMIT $2`,
      [assigneeId, limit],
    );
  }

  /** Locks a follow-up for its reminder or escalation, with the names and address the email needs. */
  async lockDue(m: Queryable, id: string): Promise<DueFollowUp | null> {
    const [row]: DueFollowUp[] = await m.query(
      `SELECT f.id, f.title, f.note, f.status, f.remind_at AS "remindAt", f.reminder_for AS "reminderFor",
              f.escalated_for AS "escalatedFor", f.region, s.name_en AS "stateName",
              json_build_object('en', s.name_en, 'fr', s.name_fr, 'es', s.name_es, 'ar', s.name_ar) AS "stateNames",
              f.assignee_id AS "assigneeId", a.email AS "assigneeEmail", a.name AS "assigneeName",
              a.locale AS "assigneeLocale"
       FROM follow_up f JOIN state_ref s ON s.code = f.state_code JOIN user_ref a ON a.id = f.assignee_id
       WHERE f.id = $1 FOR UPDATE OF f`,
      [id],
    );
    return row ?? null;
  }

  /** Records that the reminder for the current time is dealt with: composed (emailed), or skipped and why. */
  async markReminded(m: Queryable, id: string, outcome: ReminderLogOutcome): Promise<void> {
    await m.query('UPDATE follow_up SET reminder_for = remind_at WHERE id = $1', [id]);
    await m.query(
      `INSERT INTO follow_up_reminder (follow_up_id, remind_at, outcome)
       SELECT id, remind_at, $2 FROM follow_up WHERE id = $1
       ON CONFLICT (follow_up_id, remind_at) DO UPDATE SET outcome = EXCLUDED.outcome, recorded_at = now()`,
      [id, outcome],
    );
  }

  /** Records that the follow-up is escalated (for its current time): it never is again. */
  async markEscalated(m: Queryable, id: string): Promise<void> {
    await m.query('UPDATE follow_up SET escalated_for = remind_at WHERE id = $1', [id]);
  }

  /** Open follow-ups whose reminder is due within `composeAheadSeconds` and not yet composed, soonest first. */
  dueReminders(q: { composeAheadSeconds: number; limit: number }): Promise<{ id: string; remindAt: Date }[]> {
    return this.db.query(
      `SELECT id, remind_at AS "remindAt" FROM follow_up
       WHERE status = 'open' AND remind_at <= now() + make_interval(secs => $1)
         AND reminder_for IS DISTINCT FROM remind_at
       ORDER BY remind_at LIMIT $2`,
      [q.composeAheadSeconds, q.limit],
    );
  }

  /** Open follow-ups reminded at least `afterDays` days ago and never escalated, oldest first. */
  dueEscalations(q: { afterDays: number; limit: number }): Promise<{ id: string; remindAt: Date }[]> {
    return this.db.query(
      `SELECT id, remind_at AS "remindAt" FROM follow_up
       WHERE status = 'open' AND reminder_for = remind_at AND escalated_for IS NULL
         AND remind_at <= now() - make_interval(days => $1)
       ORDER BY remind_at LIMIT $2`,
      [q.afterDays, q.limit],
    );
  }

  /** Seconds since the oldest open reminder that is due and not composed; null when there is none. */
  async oldestUncomposedSeconds(): Promise<number | null> {
    const [{ seconds }]: { seconds: number | null }[] = await this.db.query(
      `SELECT floor(EXTRACT(EPOCH FROM now() - min(remind_at)))::float8 AS seconds FROM follow_up
       WHERE status = 'open' AND remind_at <= now() AND reminder_for IS DISTINCT FROM remind_at`,
    );
    return seconds;
  }
}

/** The statement of FollowUpsRepository.list, for the benchmarks to explain. */
export function followUpListStatement(q: FollowUpListQuery): { sql: string; params: unknown[] } {
  const p = new SqlParams();
  const filter = where(
    q.assigneeId !== undefined && `f.assignee_id = ${p.add(q.assigneeId)}`,
    q.status !== undefined && `f.status = ${p.add(q.status)}`,
    q.stateCode !== undefined && `f.state_code = ${p.add(q.stateCode)}`,
    q.region !== undefined && `f.region = ${p.add(q.region)}`,
    q.regions !== undefined && `f.region = ANY(${p.add([...q.regions], 'text[]')})`,
    q.dueBefore !== undefined && `f.remind_at < ${p.add(q.dueBefore)}`,
    q.actionId !== undefined && `f.action_id = ${p.add(q.actionId, 'uuid')}`,
    q.after !== undefined &&
      `(f.remind_at, f.id) > (${p.add(q.after.at, 'timestamptz')}, ${p.add(q.after.id, 'uuid')})`,
  );
  const sql = `
    SELECT ${FOLLOW_UP_JSON} AS view, f.remind_at::text AS at
    FROM follow_up f ${FOLLOW_UP_JOINS}
    ${filter}
    ORDER BY f.remind_at, f.id LIMIT ${p.add(q.limit + 1)}`;
  return { sql, params: p.values };
}
