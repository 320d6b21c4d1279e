/** API.md "Action types"; the CHECK constraint on advocacy_action lists the same. */
export const ACTION_TYPES = [
  'letter-head-of-state',
  'letter-minister',
  'meeting',
  'call',
  'parliamentary-briefing',
  'media',
  'social-media',
  'event',
  'submission',
  'other',
] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

/** How people read the action types, in the web pages and the weekly digest alike. */
export const ACTION_TYPE_LABELS: Record<ActionType, string> = {
  'letter-head-of-state': 'Letter to a head of state',
  'letter-minister': 'Letter to a minister',
  meeting: 'Meeting',
  call: 'Call',
  'parliamentary-briefing': 'Parliamentary briefing',
  media: 'Media',
  'social-media': 'Social media',
  event: 'Event',
  submission: 'Submission',
  other: 'Other',
};
