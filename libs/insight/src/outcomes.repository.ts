import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Region } from '@app/accounts';

/** One move of a state to a new stage, and the advocacy logged before it. */
export interface OutcomeMove {
  code: string;
  name: string;
  movedTo: 'signed' | 'deposited';
  movedOn: string;
  /** The first action logged for the state from the window's start up to the move; null when there was none. */
  firstActionOn: string | null;
  leadTimeDays: number | null;
  actionsBefore: number;
  /** The kinds of those actions, sorted. */
  actionTypes: string[];
}

export interface Outcomes {
  from: string;
  asOf: string;
  states: OutcomeMove[];
  medianLeadTimeDays: number | null;
  /** Of the states targeted (a campaign's targets, else those with an action in the window), the share that moved. */
  movedShareTargeted: number | null;
  movedShareNotTargeted: number | null;
}

/**
 * What moved and what was done before, read through states' treaty_status() and advocacy's live_action. A move is a
 * signature or a deposit between `from` and `asOf`. One statement, its JSON built by PostgreSQL.
 */
@Injectable()
export class OutcomesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async outcomes(q: {
    instrument: string;
    from: string;
    asOf: string;
    region?: Region;
    campaignId?: string;
    targets?: readonly string[];
  }): Promise<Outcomes> {
    const [{ view }]: { view: Omit<Outcomes, 'from' | 'asOf'> }[] = await this.db.query(
      `WITH s AS (SELECT code, name_en FROM state_ref WHERE $4::text IS NULL OR region = $4),
            ts AS (SELECT * FROM treaty_status($3::date) WHERE instrument = $1),
            moves AS (
              SELECT s.code, s.name_en, 'signed' AS moved_to, ts.signed_on AS moved_on
              FROM s JOIN ts ON ts.state_code = s.code WHERE ts.signed_on BETWEEN $2::date AND $3::date
              UNION ALL
              SELECT s.code, s.name_en, 'deposited', ts.deposited_on
              FROM s JOIN ts ON ts.state_code = s.code WHERE ts.deposited_on BETWEEN $2::date AND $3::date),
            targeted AS (
              SELECT s.code FROM s
              WHERE CASE WHEN $6::text[] IS NOT NULL THEN s.code::text = ANY($6::text[])
                         ELSE EXISTS (SELECT 1 FROM live_action a WHERE a.state_code = s.code
                                        AND a.date BETWEEN $2::date AND $3::date) END),
            detail AS (
              SELECT m.*, x.first_on, x.n, x.types FROM moves m
              LEFT JOIN LATERAL (
                SELECT min(a.date) AS first_on, count(*)::int AS n,
                       array_agg(DISTINCT a.type ORDER BY a.type) AS types
                FROM live_action a
                WHERE a.state_code = m.code AND a.date >= $2::date AND a.date <= m.moved_on
                  AND ($5::uuid IS NULL OR a.campaign_id = $5::uuid)) x ON true)
       SELECT json_build_object(
         'states', COALESCE((SELECT json_agg(json_build_object(
             'code', d.code, 'name', d.name_en, 'movedTo', d.moved_to, 'movedOn', to_char(d.moved_on, 'YYYY-MM-DD'),
             'firstActionOn', to_char(d.first_on, 'YYYY-MM-DD'), 'leadTimeDays', d.moved_on - d.first_on,
             'actionsBefore', d.n, 'actionTypes', COALESCE(d.types, '{}'))
             ORDER BY d.moved_on, d.code, d.moved_to) FROM detail d), '[]'),
         'medianLeadTimeDays',
           (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY d.moved_on - d.first_on) FROM detail d
            WHERE d.first_on IS NOT NULL),
         'movedShareTargeted',
           (SELECT round(avg(CASE WHEN EXISTS (SELECT 1 FROM moves m WHERE m.code = t.code) THEN 1 ELSE 0 END), 4)
            FROM targeted t),
         'movedShareNotTargeted',
           (SELECT round(avg(CASE WHEN EXISTS (SELECT 1 FROM moves m WHERE m.code = s.code) THEN 1 ELSE 0 END), 4)
            FROM s WHERE s.code NOT IN (SELECT code FROM targeted))) AS view`,
      [q.instrument, q.from, q.asOf, q.region ?? null, q.campaignId ?? null, q.targets ? [...q.targets] : null],
    );
    return { from: q.from, asOf: q.asOf, ...view };
  }
}
