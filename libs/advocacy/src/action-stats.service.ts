import { Injectable } from '@nestjs/common';
import type { Region } from '@app/accounts';
import { Queryable, todayUtc } from '@app/platform';
import {
  ActionCounts,
  ActionStatsRepository,
  OrganisationKindCount,
  StateActionCounts,
  WeekActivity,
} from './action-stats.repository';

/** Counts of advocacy actions for dashboards and the weekly digest, each one SQL aggregate over an index. */
@Injectable()
export class ActionStatsService {
  constructor(private readonly stats: ActionStatsRepository) {}

  /** Actions of the last 30 and 90 days, everywhere or for one state. */
  recentCounts(scope: { stateCode?: string }, today: string = todayUtc()): Promise<ActionCounts> {
    return this.stats.recentCounts({ today, stateCode: scope.stateCode?.toUpperCase() });
  }

  /** For each of the given states: its actions of the last 30 and 90 days and the date of its latest one. */
  async perState(stateCodes: readonly string[], today: string = todayUtc()): Promise<StateActionCounts[]> {
    if (stateCodes.length === 0) return [];
    return this.stats.perState({ stateCodes: stateCodes.map((c) => c.toUpperCase()), today });
  }

  /**
   * For the weekly digest: the live actions dated from Monday `start` to Sunday `end`, in total, by region (every
   * region given, in that order), by type and for the five busiest states. One statement; pass the digest's
   * transaction as `m`.
   */
  weekActivity(m: Queryable, q: { start: string; end: string; regions: readonly Region[] }): Promise<WeekActivity> {
    return this.stats.weekActivity(m, q);
  }

  /** For the weekly digest: the week's actions that organisations led or joined, by kind of organisation. */
  weekByOrganisationKind(m: Queryable, q: { start: string; end: string }): Promise<OrganisationKindCount[]> {
    return this.stats.weekByOrganisationKind(m, q);
  }
}
