import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Region } from '@app/accounts';
import { Queryable } from '@app/platform';
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

/**
 * Stalled states, read through states' treaty_status() and implementation_ref and advocacy's live_action: a state is
 * stalled for an instrument when its stage has not moved since `movedBefore` and no action was logged for it since
 * `quietSince`. Implementation tracks count for the states parties to the Rome Statute. One statement.
 */
@Injectable()
export class StalledRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  list(
    q: { asOf: string; movedBefore: string; quietSince: string; region?: Region; instrument?: string },
    m: Queryable = this.db,
  ): Promise<StalledState[]> {
    return m.query(
      `WITH s AS (SELECT code, name_en, region FROM state_ref WHERE $4::text IS NULL OR region = $4),
            ts AS (SELECT * FROM treaty_status($1::date) WHERE $5::text IS NULL OR instrument = $5),
            treaty AS (
              SELECT s.code, s.name_en, s.region, i.code AS instrument, COALESCE(ts.stage, 'none') AS stage,
                     GREATEST(ts.signed_on, ts.deposited_on, ts.withdrawal_notified_on,
                              ts.withdrawal_effective_on) AS since
              FROM s CROSS JOIN (SELECT unnest($6::text[]) AS code) i
              LEFT JOIN ts ON ts.state_code = s.code AND ts.instrument = i.code
              WHERE $5::text IS NULL OR i.code = $5),
            impl AS (
              SELECT s.code, s.name_en, s.region, 'implementation-' || t.track AS instrument,
                     COALESCE(${implementationStage('s.code', 't.track', '$1::date')}, 'unknown') AS stage,
                     (SELECT max(r.date) FROM implementation_ref r
                      WHERE r.state_code = s.code AND r.track = t.track AND r.date <= $1::date) AS since
              FROM s CROSS JOIN (VALUES ('cooperation'), ('crimes')) t(track)
              JOIN treaty_status($1::date) rs ON rs.state_code = s.code AND rs.instrument = 'rome-statute'
                                             AND rs.stage IN ('party', 'withdrawing')
              WHERE $5::text IS NULL OR $5 = 'implementation-' || t.track),
            moved AS (
              SELECT * FROM treaty WHERE stage = ANY($7::text[])
              UNION ALL SELECT * FROM impl WHERE stage <> 'enacted')
       SELECT x.code::text AS code, x.name_en AS name, x.region, x.instrument, x.stage,
              to_char(x.since, 'YYYY-MM-DD') AS since, to_char(la.date, 'YYYY-MM-DD') AS "lastActionOn",
              p.suggestion
       FROM moved x
       LEFT JOIN LATERAL (SELECT a.date FROM live_action a WHERE a.state_code = x.code
                          ORDER BY a.date DESC LIMIT 1) la ON true
       LEFT JOIN playbook p ON p.instrument = x.instrument AND p.stage = x.stage
       WHERE (x.since IS NULL OR x.since < $2::date) AND (la.date IS NULL OR la.date < $3::date)
       ORDER BY x.region, x.name_en, x.instrument`,
      [
        q.asOf,
        q.movedBefore,
        q.quietSince,
        q.region ?? null,
        q.instrument ?? null,
        TREATY_CODES,
        STALLABLE_TREATY_STAGES,
      ],
    );
  }
}
