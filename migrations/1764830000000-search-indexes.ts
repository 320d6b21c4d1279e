import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The search box in the page header: an action's title is searched for text anywhere in it, which a btree cannot
 * answer, so a trigram index on the lower-cased title finds the few matches among a million rows. It is not partial
 * (deleted actions are few): PostgreSQL keeps statistics of an index's expression only for a whole-table index, and
 * with them it tells a word found in most titles (walk the newest actions and stop at ten, some 5 ms) from a rare
 * one (the trigram index, a few ms); without them it guessed every word rare and gathered all the matches of a
 * common one (1.5 s at a million actions). Contacts and organisations have theirs already (1764810000000). States
 * are searched by name in their four languages with accents aside ("Cote" finds Côte d'Ivoire): unaccent over some
 * 200 rows needs no index.
 */
export class SearchIndexes1764830000000 implements MigrationInterface {
  name = 'SearchIndexes1764830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await q.query(
      `CREATE INDEX advocacy_action_title_trgm_idx ON advocacy_action USING gin (lower(title) gin_trgm_ops)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX advocacy_action_title_trgm_idx`);
  }
}
