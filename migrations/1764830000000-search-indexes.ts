import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The search box in the page header: an action's title is searched for a word anywhere in it, which a btree cannot
 * answer, so a trigram index on the lower-cased title (live actions only) finds the few matches among a million
 * rows. Contacts and organisations have theirs already (1764810000000). States are searched by name in their four
 * languages with accents aside ("Cote" finds Côte d'Ivoire): unaccent, over some 200 rows, needs no index.
 */
export class SearchIndexes1764830000000 implements MigrationInterface {
  name = 'SearchIndexes1764830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await q.query(
      `CREATE INDEX advocacy_action_title_trgm_idx ON advocacy_action USING gin (lower(title) gin_trgm_ops)
        WHERE deleted_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX advocacy_action_title_trgm_idx`);
  }
}
