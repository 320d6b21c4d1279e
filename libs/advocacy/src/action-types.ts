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
