import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A campaign can be run: it has a goal (an instrument, the treaty stage wanted, and the date it is wanted by) and
 * a status, active until someone closes it. Its progress is derived from the treaty events and the actions, never
 * stored.
 */
export class CampaignGoals1764820000000 implements MigrationInterface {
  name = 'CampaignGoals1764820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE campaign
        ADD COLUMN goal_instrument text REFERENCES instrument(code),
        ADD COLUMN goal_stage      text CHECK (goal_stage IN ('signed', 'deposited', 'party')),
        ADD COLUMN goal_by         date,
        ADD COLUMN status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
        ADD CONSTRAINT campaign_goal_whole CHECK ((goal_instrument IS NULL) = (goal_stage IS NULL)
                                                  AND (goal_by IS NULL OR goal_stage IS NOT NULL))`);
    // The state page lists the campaigns that target its state.
    await q.query(`CREATE INDEX campaign_state_state_idx ON campaign_state (state_code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX campaign_state_state_idx`);
    await q.query(`
      ALTER TABLE campaign DROP CONSTRAINT campaign_goal_whole, DROP COLUMN status, DROP COLUMN goal_by,
        DROP COLUMN goal_stage, DROP COLUMN goal_instrument`);
  }
}
