import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A campaign's progress counts its live actions per state on every request. The campaign index gains state_code
 * (INCLUDE), so that count is read from the index alone instead of visiting one table page per action.
 */
export class CampaignProgressIndex1764825000000 implements MigrationInterface {
  name = 'CampaignProgressIndex1764825000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX advocacy_action_campaign_idx`);
    await q.query(
      `CREATE INDEX advocacy_action_campaign_idx ON advocacy_action (campaign_id, date DESC, id DESC)
       INCLUDE (state_code) WHERE deleted_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX advocacy_action_campaign_idx`);
    await q.query(
      `CREATE INDEX advocacy_action_campaign_idx ON advocacy_action (campaign_id, date DESC, id DESC) WHERE deleted_at IS NULL`,
    );
  }
}
