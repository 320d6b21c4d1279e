import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The people library publishes what others may join on about an organisation: its name and kind, never anything
 * about a person. The weekly digest counts the week's actions by the kinds of organisations that led or joined them.
 */
export class OrganisationRef1764815000000 implements MigrationInterface {
  name = 'OrganisationRef1764815000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE VIEW organisation_ref AS
        SELECT id, name, kind, state_code, region FROM organisation`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW organisation_ref`);
  }
}
