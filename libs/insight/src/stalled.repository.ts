import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Region } from '@app/accounts';
import { Queryable, queryPreparedOn } from '@app/platform';
import { INSTRUMENTS } from '@app/states';
import { implementationStage } from './pledge.view';

const TREATY_CODES = [...INSTRUMENTS];

/** A state stalled for an instrument (or an implementation track), with the playbook's next step. */
export interface StalledState {
  code: string;
  name: string;
  region: Region;
  instrument: string;
  stage: string;
  /** The day its stage last moved; null when it never has. */
  since: string | null;
  lastActionOn: string | null;
  suggestion: string | null;
}

/** Treaty stages a campaign can move a state out of; deposited moves on its own, party is the goal. */
const STALLABLE_TREATY_STAGES = ['none', 'signed', 'withdrawn'];

/** A state whose stage has not moved since a day (status-derived; the service adds the actions and the playbook). */
export type UnmovedState = Omit<StalledState, 'lastActionOn' | 'suggestion'>;

const LAST_ACTIONS_SQL = `
  SELECT c.code, to_char(la.date, 'YYYY-MM-DD') AS date
  FROM unnest($1::bpchar[]) c(code)
  JOIN LATERAL (SELECT a.date FROM live_action a WHERE a.state_code = c.code
                ORDER BY a.date DESC LIMIT 1) la ON true`;

/**
 * Stalled states, read through states' treaty_status() and implementation_ref and advocacy's live_action: a state is
 * stalled for an instrument when its stage has not moved since `movedBefore` and no action was logged for it since
 * `quietSince`. Implementation tracks count for the states parties to the Rome Statute. The status part (`unmoved`,
 * which the service caches until the status changes) and the latest actions (`lastActions`) are read apart.
 */
@Injectable()
export class StalledRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** States (of a region) whose stage of an instrument has not moved since `movedBefore`, by region, name, instrument. */
  unmoved(
    q: { asOf: string; movedBefore: string; region?: Region; instrument?: string },
    m: Queryable = this.db,
  ): Promise<UnmovedState[]> {
    return m.query(
      `WITH s AS (SELECT code, name_en, region FROM state_ref WHERE $3::text IS NULL OR region = $3),
            ts AS (SELECT t.* FROM s CROSS JOIN LATERAL treaty_status($1::date, s.code::text) t
                   WHERE $4::text IS NULL OR t.instrument = $4 OR t.instrument = 'rome-statute'),
            treaty AS (
              SELECT s.code, s.name_en, s.region, i.code AS instrument, COALESCE(ts.stage, 'none') AS stage,
                     GREATEST(ts.signed_on, ts.deposited_on, ts.withdrawal_notified_on,
                              ts.withdrawal_effective_on) AS since
              FROM s CROSS JOIN (SELECT unnest($5::text[]) AS code) i
              LEFT JOIN ts ON ts.state_code = s.code AND ts.instrument = i.code
              WHERE $4::text IS NULL OR i.code = $4),
            impl AS (
              SELECT s.code, s.name_en, s.region, 'implementation-' || t.track AS instrument,
                     COALESCE(${implementationStage('s.code', 't.track', '$1::date')}, 'unknown') AS stage,
                     (SELECT max(r.date) FROM implementation_ref r
                      WHERE r.state_code = s.code AND r.track = t.track AND r.date <= $1::date) AS since
              FROM s CROSS JOIN (VALUES ('cooperation'), ('crimes')) t(track)
              WHERE ($4::text IS NULL OR $4 = 'implementation-' || t.track)
                AND EXISTS (SELECT 1 FROM ts WHERE ts.state_code = s.code AND ts.instrument = 'rome-statute'
                                                AND ts.stage IN ('party', 'withdrawing'))),
            moved AS (
              SELECT * FROM treaty WHERE stage = ANY($6::text[])
              UNION ALL SELECT * FROM impl WHERE stage <> 'enacted')
       SELECT x.code::text AS code, x.name_en AS name, x.region, x.instrument, x.stage,
              to_char(x.since, 'YYYY-MM-DD') AS since
       FROM moved x
       WHERE x.since IS NULL OR x.since < $2::date
       ORDER BY x.region, x.name_en, x.instrument`,
      [q.asOf, q.movedBefore, q.region ?? null, q.instrument ?? null, TREATY_CODES, STALLABLE_TREATY_STAGES],
    );
  }

  /**
   * The day of each state's latest live action (its index on state_code and date), for states that have one. The codes
   * go in as char(3), the column's type: as text, the comparison casts the column and the index goes unused.
   */
  lastActions(codes: readonly string[], m?: Queryable): Promise<{ code: string; date: string }[]> {
    const params = [[...new Set(codes)]];
    // Prepared on the pool for requests (planned once per connection), or in the digest's transaction.
    return queryPreparedOn(this.db, m, LAST_ACTIONS_SQL, params);
  }
}
