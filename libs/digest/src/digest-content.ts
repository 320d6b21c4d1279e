import type { OrganisationKindCount, WeekActivity } from '@app/advocacy';
import type { RegionFollowUpsAtWeekEnd } from '@app/follow-ups';
import type { InsightWeek } from '@app/insight';
import type { TreatyWeek } from '@app/states';
import type { DigestWeek } from './digest-week';

/**
 * A week's figures, each from the library that owns them: the treaty news, the actions (and the kinds of
 * organisations that led or joined them), the follow-ups, the pledges and stalls.
 */
export type DigestFigures = TreatyWeek & {
  actions: WeekActivity;
  organisationKinds: OrganisationKindCount[];
  followUps: RegionFollowUpsAtWeekEnd[];
  /** Pledges due and kept, stalled states: counts and names only. */
  insight: InsightWeek;
};

/** A week's digest before it is laid out: the figures, and when and where they were taken. */
export interface DigestContent extends DigestFigures {
  week: DigestWeek;
  /** The week after, in which the follow-ups counted as due next fall (the week the email is read in). */
  nextWeek: DigestWeek;
  timeZone: string;
  /** The date status is taken at: the Sunday, or today while the week is in progress. */
  statusDate: string;
  inProgress: boolean;
}

/** Nothing happened in the week: no treaty step, no status change, no implementation change, no action. */
export function isQuietWeek(c: DigestFigures): boolean {
  return (
    c.treatyEvents.length === 0 &&
    c.statusChanges.length === 0 &&
    c.implementationChanges.length === 0 &&
    c.actions.total === 0
  );
}
