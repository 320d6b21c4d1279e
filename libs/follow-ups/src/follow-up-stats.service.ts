import { Injectable } from '@nestjs/common';
import type { Region } from '@app/accounts';
import { Queryable } from '@app/platform';
import {
  FollowUpCounts,
  FollowUpStatsRepository,
  RegionFollowUpsAtWeekEnd,
  StateFollowUpCounts,
} from './follow-up-stats.repository';

/** How far ahead an open follow-up counts as due soon. */
export const DUE_SOON_DAYS = 7;

export interface FollowUpScope {
  stateCode?: string;
  assigneeId?: string;
}

/** Counts of open follow-ups for dashboards and the weekly digest, each one SQL aggregate over an index. */
@Injectable()
export class FollowUpStatsService {
  constructor(private readonly stats: FollowUpStatsRepository) {}

  /** Open, overdue and soon-due follow-ups: everywhere, of a state or of an assignee. */
  counts(scope: FollowUpScope, now: Date = new Date()): Promise<FollowUpCounts> {
    return this.stats.counts({
      now,
      dueSoonDays: DUE_SOON_DAYS,
      stateCode: scope.stateCode?.toUpperCase(),
      assigneeId: scope.assigneeId,
    });
  }

  /** The open follow-ups of a campaign's live actions. */
  openForCampaign(campaignId: string): Promise<number> {
    return this.stats.openForCampaign(campaignId);
  }

  /** Open, overdue and soon-due follow-ups per state of a region; states with none are left out. */
  perState(region: Region, now: Date = new Date()): Promise<StateFollowUpCounts[]> {
    return this.stats.perState({ region, now, dueSoonDays: DUE_SOON_DAYS });
  }

  /**
   * For the weekly digest, per region in the order given: the follow-ups open when the week ended, those of them due
   * in the week after, and those overdue (due before the week's end, or before `now` for a week in progress). One
   * statement; pass the digest's transaction as `m`.
   */
  openAtWeekEnd(
    m: Queryable,
    q: { weekEndsAt: Date | string; nextWeekEndsAt: Date | string; regions: readonly Region[]; now?: Date },
  ): Promise<RegionFollowUpsAtWeekEnd[]> {
    return this.stats.openAtWeekEnd(m, q);
  }
}
