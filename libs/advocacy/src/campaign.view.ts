import { isoDate, isoInstant } from '@app/platform';
import type { Instrument } from '@app/states';

/** The treaty stages a campaign may aim for, in the order a state reaches them. */
export const GOAL_STAGES = ['signed', 'deposited', 'party'] as const;
export type GoalStage = (typeof GOAL_STAGES)[number];

export const CAMPAIGN_STATUSES = ['active', 'closed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** What a campaign wants of its target states: `stage` of `instrument`, by the date `by` when one is set. */
export interface CampaignGoal {
  instrument: Instrument;
  stage: GoalStage;
  by: string | null;
}

/** A campaign as the API answers it: the type of CAMPAIGN_JSON, its one builder. */
export interface CampaignView {
  id: string;
  name: string;
  description: string | null;
  instrument: Instrument | null;
  /** Sorted. */
  stateCodes: string[];
  startsOn: string | null;
  endsOn: string | null;
  goal: CampaignGoal | null;
  status: CampaignStatus;
  createdBy: { id: string; name: string };
  createdAt: string;
}

/** The one place a campaign's JSON is built: `c` is campaign, joined (CAMPAIGN_JOINS) to its creator `u`. */
export const CAMPAIGN_JSON = `
  json_build_object(
    'id', c.id, 'name', c.name, 'description', c.description, 'instrument', c.instrument,
    'stateCodes', ARRAY(SELECT cs.state_code::text FROM campaign_state cs WHERE cs.campaign_id = c.id
                        ORDER BY cs.state_code),
    'startsOn', ${isoDate('c.starts_on')}, 'endsOn', ${isoDate('c.ends_on')},
    'goal', CASE WHEN c.goal_instrument IS NOT NULL THEN json_build_object(
      'instrument', c.goal_instrument, 'stage', c.goal_stage, 'by', ${isoDate('c.goal_by')}) END,
    'status', c.status,
    'createdBy', json_build_object('id', u.id, 'name', u.name), 'createdAt', ${isoInstant('c.created_at')})`;

export const CAMPAIGN_JOINS = `JOIN user_ref u ON u.id = c.created_by`;
