import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { GoalStage } from '@app/advocacy';
import type { Instrument } from '@app/states';
import { CampaignStateProgress } from './campaign-progress.view';

/** The stages at or past each goal stage, and the column of treaty_status() giving the day it was reached. */
const GOAL_REACHED: Record<GoalStage, { stages: string[]; on: string }> = {
  signed: { stages: ['signed', 'deposited', 'party', 'withdrawing'], on: 'COALESCE(n.signed_on, n.deposited_on)' },
  deposited: { stages: ['deposited', 'party', 'withdrawing'], on: 'n.deposited_on' },
  party: { stages: ['party', 'withdrawing'], on: 'n.in_force_on' },
};

/**
 * A campaign's progress per target state, read through what the other libraries publish: states' state_ref and
 * treaty_status(), advocacy's live_action. One statement: the status today and when the campaign began, and the
 * campaign's actions per state (pledges are counted by PledgesRepository).
 */
@Injectable()
export class CampaignProgressRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  perState(q: {
    campaignId: string;
    stateCodes: readonly string[];
    instrument: Instrument;
    stage: GoalStage;
    beganOn: string;
    asOf: string;
  }): Promise<CampaignStateProgress[]> {
    const goal = GOAL_REACHED[q.stage];
    return this.db.query(
      `WITH now_s AS (SELECT * FROM treaty_status($3::date) WHERE instrument = $5),
            start_s AS (SELECT * FROM treaty_status($4::date) WHERE instrument = $5),
            acts AS (SELECT a.state_code, count(*)::int AS n, max(a.date) AS last
                     FROM live_action a WHERE a.campaign_id = $1 GROUP BY a.state_code)
       SELECT s.code::text AS code, s.name_en AS name,
              COALESCE(n.stage, 'none') AS stage, COALESCE(b.stage, 'none') AS "stageAtStart",
              CASE WHEN n.stage = ANY($6::text[]) AND ${goal.on} >= $4::date
                   THEN to_char(${goal.on}, 'YYYY-MM-DD') END AS "reachedOn",
              COALESCE(acts.n, 0) AS actions, to_char(acts.last, 'YYYY-MM-DD') AS "lastActionOn",
              0 AS pledges
       FROM state_ref s
       LEFT JOIN now_s n ON n.state_code = s.code
       LEFT JOIN start_s b ON b.state_code = s.code
       LEFT JOIN acts ON acts.state_code = s.code
       WHERE s.code::text = ANY($2::text[])
       ORDER BY s.code`,
      [q.campaignId, [...q.stateCodes], q.asOf, q.beganOn, q.instrument, goal.stages],
    );
  }
}
