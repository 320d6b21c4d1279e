import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryPrepared } from '@app/platform';
import type { GoalStage } from '@app/advocacy';
import type { Instrument } from '@app/states';
import { CampaignStateProgress } from './campaign-progress.view';

/** The stages at or past each goal stage, and the column of treaty_status() giving the day it was reached. */
const GOAL_REACHED: Record<GoalStage, { stages: string[]; on: string }> = {
  signed: { stages: ['signed', 'deposited', 'party', 'withdrawing'], on: 'COALESCE(n.signed_on, n.deposited_on)' },
  deposited: { stages: ['deposited', 'party', 'withdrawing'], on: 'n.deposited_on' },
  party: { stages: ['party', 'withdrawing'], on: 'n.in_force_on' },
};

/** A target state's stage today and when the campaign began, and the day it reached the goal (status-derived). */
export type CampaignStateStatus = Pick<CampaignStateProgress, 'code' | 'name' | 'stage' | 'stageAtStart' | 'reachedOn'>;

/**
 * A campaign's progress per target state, read through what the other libraries publish: states' state_ref and
 * treaty_status(), advocacy's live_action. The status part (which the service caches until the status changes) and
 * the campaign's actions per state are two statements; pledges are counted by PledgesRepository.
 */
@Injectable()
export class CampaignProgressRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The target states' stages today and when the campaign began; treaty_status() runs for those states only. */
  statusPerState(q: {
    stateCodes: readonly string[];
    instrument: Instrument;
    stage: GoalStage;
    beganOn: string;
    asOf: string;
  }): Promise<CampaignStateStatus[]> {
    const goal = GOAL_REACHED[q.stage];
    return this.db.query(
      `SELECT s.code::text AS code, s.name_en AS name,
              COALESCE(n.stage, 'none') AS stage, COALESCE(b.stage, 'none') AS "stageAtStart",
              CASE WHEN n.stage = ANY($5::text[]) AND ${goal.on} >= $3::date
                   THEN to_char(${goal.on}, 'YYYY-MM-DD') END AS "reachedOn"
       FROM state_ref s
       LEFT JOIN LATERAL (SELECT * FROM treaty_status($2::date, s.code::text) t WHERE t.instrument = $4) n ON true
       LEFT JOIN LATERAL (SELECT * FROM treaty_status($3::date, s.code::text) t WHERE t.instrument = $4) b ON true
       WHERE s.code::text = ANY($1::text[])
       ORDER BY s.code`,
      [[...q.stateCodes], q.asOf, q.beganOn, q.instrument, goal.stages],
    );
  }

  /** The campaign's live actions per state, and the date of the latest. */
  actionsPerState(campaignId: string): Promise<{ code: string; actions: number; lastActionOn: string }[]> {
    // Read on every progress request: prepared, and answered from advocacy_action_campaign_idx alone (it includes
    // state_code), without visiting the table.
    return queryPrepared(
      this.db,
      `SELECT a.state_code::text AS code, count(*)::int AS actions, to_char(max(a.date), 'YYYY-MM-DD') AS "lastActionOn"
       FROM live_action a WHERE a.campaign_id = $1 GROUP BY a.state_code`,
      [campaignId],
    );
  }
}
