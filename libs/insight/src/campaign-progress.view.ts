import type { GoalStage } from '@app/advocacy';
import type { Instrument, Stage } from '@app/states';

/** One target state of a campaign, as its progress shows it. */
export interface CampaignStateProgress {
  code: string;
  name: string;
  /** The state's stage of the goal's instrument today, and on the day the campaign began. */
  stage: Stage;
  stageAtStart: Stage;
  /** The day the state reached the goal's stage, when it did on or after the campaign began; else null. */
  reachedOn: string | null;
  /** The campaign's live actions about the state, and the date of the latest. */
  actions: number;
  lastActionOn: string | null;
  /** Pledges the state made for the goal's instrument since the campaign began. */
  pledges: number;
}

/** GET /api/campaigns/:id/progress: what a campaign has done and what has moved, derived, never stored. */
export interface CampaignProgress {
  campaignId: string;
  /** What "reached" measures: the campaign's goal, or its instrument (default the Rome Statute) to party. */
  instrument: Instrument;
  stage: GoalStage;
  beganOn: string;
  asOf: string;
  targets: number;
  reached: number;
  /** Target states with at least one of the campaign's actions. */
  contacted: number;
  notContacted: string[];
  pledges: { made: number; kept: number; lapsed: number };
  openFollowUps: number;
  /** Sorted by code. */
  states: CampaignStateProgress[];
}
