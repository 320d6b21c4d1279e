import type { ImplementationStage, Stage } from '@app/states';

/**
 * How the digest words what it reports, within its sentences; the names of instruments, events, tracks, regions
 * and action types come from the libraries that own those codes, as the web pages use them.
 */

export const STAGE_LABELS: Record<Stage, string> = {
  none: 'not a party',
  signed: 'signatory',
  deposited: 'instrument deposited',
  party: 'party',
  withdrawing: 'withdrawing',
  withdrawn: 'withdrawn',
};

export const IMPLEMENTATION_STAGE_LABELS: Record<ImplementationStage, string> = {
  unknown: 'not yet recorded',
  none: 'none',
  drafting: 'drafting',
  'before-parliament': 'before parliament',
  enacted: 'enacted',
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 2025-04-01 → "1 Apr 2025". */
export function formatDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** 2025-03-31 … 2025-04-06 → "31 Mar – 6 Apr 2025"; within one month "7–13 Apr 2025". */
export function formatRange(start: string, end: string): string {
  const [sy, sm, sd] = start.split('-').map(Number);
  const [ey, em, ed] = end.split('-').map(Number);
  if (sy !== ey) return `${formatDate(start)} – ${formatDate(end)}`;
  if (sm !== em) return `${sd} ${MONTHS[sm - 1]} – ${ed} ${MONTHS[em - 1]} ${ey}`;
  return `${sd}–${ed} ${MONTHS[em - 1]} ${ey}`;
}

/** +2, −1 or "no change". */
export function formatChange(delta: number): string {
  if (delta === 0) return 'no change';
  return delta > 0 ? `+${delta}` : `−${-delta}`;
}
