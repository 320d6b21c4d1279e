export const FOLLOW_UP_STATUSES = ['open', 'done', 'cancelled'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

export interface FollowUpView {
  id: string;
  stateCode: string;
  stateName: string;
  region: string;
  actionId: string | null;
  title: string;
  note: string | null;
  remindAt: string;
  assigneeId: string;
  assignee: { id: string; name: string };
  createdBy: { id: string; name: string };
  status: FollowUpStatus;
  closedAt: string | null;
  reminderSentFor: string | null;
  escalatedFor: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Selects one follow-up row as its API view; `f` is follow_up, joined to state `s`, assignee `a`, creator `c`. */
export const FOLLOW_UP_VIEW_SQL = `
  json_build_object(
    'id', f.id, 'stateCode', f.state_code, 'stateName', s.name_en, 'region', f.region, 'actionId', f.action_id,
    'title', f.title, 'note', f.note,
    'remindAt', to_char(f.remind_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'assigneeId', f.assignee_id, 'assignee', json_build_object('id', a.id, 'name', a.name),
    'createdBy', json_build_object('id', c.id, 'name', c.name),
    'status', f.status,
    'closedAt', to_char(f.closed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'reminderSentFor', CASE WHEN f.reminder_for <= now()
      THEN to_char(f.reminder_for AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') END,
    'escalatedFor', to_char(f.escalated_for AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'createdAt', to_char(f.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'updatedAt', to_char(f.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;

export const FOLLOW_UP_FROM_SQL = `
  FROM follow_up f
  JOIN state s ON s.code = f.state_code
  JOIN app_user a ON a.id = f.assignee_id
  JOIN app_user c ON c.id = f.created_by`;
