import { Injectable } from '@nestjs/common';
import { CampaignsService, CampaignView } from '@app/advocacy';
import { FollowUpStatsService } from '@app/follow-ups';
import { todayUtc } from '@app/platform';
import { StatusCache, StatusRevision } from '@app/states';
import { CampaignProgressRepository, CampaignStateStatus } from './campaign-progress.repository';
import { CampaignProgress } from './campaign-progress.view';
import { PledgesRepository } from './pledges.repository';

/** The day a campaign began: its start date, or the day it was created when it has none. */
export const campaignBeganOn = (c: CampaignView): string => c.startsOn ?? c.createdAt.slice(0, 10);

/** A campaign's progress: targets, who reached the goal and when, who was contacted, pledges, follow-ups. */
/** How many campaigns' status parts (per target list, goal, start and day) this process keeps. */
const STATUS_CACHE_LIMIT = 500;

@Injectable()
export class CampaignProgressService {
  private readonly statuses: StatusCache<CampaignStateStatus[]>;

  constructor(
    private readonly campaigns: CampaignsService,
    private readonly progress: CampaignProgressRepository,
    private readonly followUps: FollowUpStatsService,
    private readonly pledges: PledgesRepository,
    revision: StatusRevision,
  ) {
    this.statuses = revision.cache('campaign-progress', STATUS_CACHE_LIMIT);
  }

  async get(campaignId: string, asOf: string = todayUtc()): Promise<CampaignProgress> {
    const campaign = await this.campaigns.get(campaignId);
    return this.of(campaign, asOf);
  }

  /** The progress of a campaign already read (the campaign page has it). */
  async of(campaign: CampaignView, asOf: string = todayUtc()): Promise<CampaignProgress> {
    const instrument = campaign.goal?.instrument ?? campaign.instrument ?? 'rome-statute';
    const stage = campaign.goal?.stage ?? 'party';
    const beganOn = campaignBeganOn(campaign);
    const codes = [...campaign.stateCodes].sort();
    const [rows, acted, openFollowUps, pledged] = await Promise.all([
      this.statuses.get([instrument, stage, beganOn, asOf, codes.join(',')].join(' '), () =>
        this.progress.statusPerState({ stateCodes: codes, instrument, stage, beganOn, asOf }),
      ),
      this.progress.actionsPerState(campaign.id),
      this.followUps.openForCampaign(campaign.id),
      this.pledges.countsPerState({ stateCodes: campaign.stateCodes, instrument, madeFrom: beganOn, asOf }),
    ]);
    const byState = new Map(pledged.map((p) => [p.stateCode, p]));
    const actions = new Map(acted.map((a) => [a.code, a]));
    const states = rows.map((s) => ({
      ...s,
      actions: actions.get(s.code)?.actions ?? 0,
      lastActionOn: actions.get(s.code)?.lastActionOn ?? null,
      pledges: byState.get(s.code)?.made ?? 0,
    }));
    const sum = (key: 'made' | 'kept' | 'lapsed') => pledged.reduce((n, p) => n + p[key], 0);
    return {
      campaignId: campaign.id,
      instrument,
      stage,
      beganOn,
      asOf,
      targets: states.length,
      reached: states.filter((s) => s.reachedOn !== null).length,
      contacted: states.filter((s) => s.actions > 0).length,
      notContacted: states.filter((s) => s.actions === 0).map((s) => s.code),
      pledges: { made: sum('made'), kept: sum('kept'), lapsed: sum('lapsed') },
      openFollowUps,
      states,
    };
  }
}
