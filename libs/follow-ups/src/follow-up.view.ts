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

/**
 * The address of a follow-up's web page, where emails and the calendar feed lead: a person opens it in a browser
 * (signing in first if need be), so it is the page, never the API's JSON.
 */
export const followUpPageUrl = (publicUrl: string, id: string): string =>
  `${publicUrl.replace(/\/+$/, '')}/follow-ups/${id}`;
