export const FOLLOW_UP_STATUSES = ['open', 'done', 'cancelled'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

/** A follow-up as the API answers it; built in one place, FOLLOW_UP_JSON in follow-ups.repository.ts. */
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
