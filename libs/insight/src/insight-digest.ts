/** What the weekly digest shows of pledges and stalls: counts and state names only. */
export interface InsightWeek {
  /** Open pledges whose target date falls in the quarter of the status date. */
  pledgesDue: { quarter: string; count: number; states: string[] };
  /** Pledges kept (deposit or enactment recorded) in the week. */
  pledgesKept: { count: number; states: string[] };
  /** States stalled for the Rome Statute, per region with states. */
  stalled: { count: number; byRegion: { region: string; states: string[] }[] };
}

/** The quarter holding `date`: its label (2026 Q3) and its first and last days. */
export function quarterOf(date: string): { label: string; start: string; end: string } {
  const [y, m] = date.split('-').map(Number);
  const q = Math.floor((m - 1) / 3);
  const start = new Date(Date.UTC(y, q * 3, 1));
  const end = new Date(Date.UTC(y, q * 3 + 3, 0));
  return { label: `${y} Q${q + 1}`, start: start.toISOString().slice(0, 10), end: end.toISOString().slice(0, 10) };
}
