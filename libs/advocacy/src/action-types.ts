import { labelsIn, msg, translator } from '@app/i18n';

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

/** How people read the action types, in the web pages and the weekly digest alike: each one's message key. */
export const ACTION_TYPE_KEYS: Record<ActionType, string> = {
  'letter-head-of-state': msg('states.actionType.letter-head-of-state'),
  'letter-minister': msg('states.actionType.letter-minister'),
  meeting: msg('states.actionType.meeting'),
  call: msg('states.actionType.call'),
  'parliamentary-briefing': msg('states.actionType.parliamentary-briefing'),
  media: msg('states.actionType.media'),
  'social-media': msg('states.actionType.social-media'),
  event: msg('states.actionType.event'),
  submission: msg('states.actionType.submission'),
  other: msg('states.actionType.other'),
};

/** The action types in English, for the callers that write English. */
export const ACTION_TYPE_LABELS: Record<ActionType, string> = labelsIn(ACTION_TYPE_KEYS, translator('en'));
