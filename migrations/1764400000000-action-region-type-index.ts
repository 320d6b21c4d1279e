import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Regional staff list their region's actions of one type (the meetings in Africa, say): an index on both walks
 * straight to the page, where the type index alone reads past the other regions' rows to fill it.
 */
export class ActionRegionTypeIndex1764400000000 implements MigrationInterface {
  name = 'ActionRegionTypeIndex1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX advocacy_action_region_type_idx ON advocacy_action (region, type, date DESC, id DESC)
        WHERE deleted_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX advocacy_action_region_type_idx`);
  }
}
