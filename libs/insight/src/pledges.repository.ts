import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Region } from '@app/accounts';
import { Queryable, queryPrepared, SqlParams, where } from '@app/platform';
import {
  implementationStage,
  pledgeJoins,
  pledgeJson,
  PledgeInstrument,
  pledgeStatus,
  PledgeStatus,
  PledgeView,
} from './pledge.view';

export interface NewPledgeRow {
  stateCode: string;
  region: Region;
  instrument: PledgeInstrument;
  madeOn: string;
  occasion: string;
  targetDate: string | null;
  source: string | null;
  note: string | null;
  createdBy: string;
}

export type PledgeRowChanges = Partial<Pick<NewPledgeRow, 'madeOn' | 'occasion' | 'targetDate' | 'source' | 'note'>>;

const CHANGEABLE = {
  madeOn: 'made_on',
  occasion: 'occasion',
  targetDate: 'target_date',
  source: 'source',
  note: 'note',
} as const satisfies Record<keyof PledgeRowChanges, string>;

export interface PledgeListQuery {
  asOf: string;
  status?: PledgeStatus;
  instrument?: PledgeInstrument;
  region?: Region;
  stateCodes?: readonly string[];
  madeFrom?: string;
  /** The (madeOn, id) of the last pledge of the previous page. */
  after?: { madeOn: string; id: string };
  limit: number;
}

/** The pledge table, which the insight library alone writes and reads; status and fulfilledOn are derived here. */
@Injectable()
export class PledgesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * The state's region and whether it is already at the pledged stage on `asOf` (a party, or the track enacted);
   * null when there is no such state.
   */
  async context(
    m: Queryable,
    q: { stateCode: string; instrument: PledgeInstrument; asOf: string },
  ): Promise<{ region: Region; already: boolean } | null> {
    const [row]: { region: Region; already: boolean }[] = await m.query(
      `SELECT s.region,
         CASE WHEN $2 LIKE 'implementation-%' THEN ${implementationStage('s.code', 'substr($2, 16)', '$3::date')} = 'enacted'
              ELSE EXISTS (SELECT 1 FROM treaty_status($3::date, s.code::text) t
                           WHERE t.instrument = $2 AND t.stage IN ('deposited', 'party', 'withdrawing')) END
           IS TRUE AS already
       FROM state_ref s WHERE s.code = $1`,
      [q.stateCode, q.instrument, q.asOf],
    );
    return row ?? null;
  }

  async insert(m: Queryable, r: NewPledgeRow): Promise<string> {
    const [{ id }]: { id: string }[] = await m.query(
      `INSERT INTO pledge (state_code, region, instrument, made_on, occasion, target_date, source, note, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [r.stateCode, r.region, r.instrument, r.madeOn, r.occasion, r.targetDate, r.source, r.note, r.createdBy],
    );
    return id;
  }

  async get(m: Queryable, id: string, asOf: string, lock = false): Promise<PledgeView | null> {
    const [row]: { view: PledgeView }[] = await m.query(
      `SELECT ${pledgeJson('$2::date')} AS view FROM pledge p ${pledgeJoins('$2::date')} WHERE p.id = $1
       ${lock ? 'FOR UPDATE OF p' : ''}`,
      [id, asOf],
    );
    return row?.view ?? null;
  }

  async update(m: Queryable, id: string, changes: PledgeRowChanges): Promise<void> {
    const p = new SqlParams();
    const sets = (Object.keys(CHANGEABLE) as (keyof PledgeRowChanges)[])
      .filter((f) => changes[f] !== undefined)
      .map((f) => `${CHANGEABLE[f]} = ${p.add(changes[f])}`);
    if (sets.length === 0) return;
    await m.query(`UPDATE pledge SET ${sets.join(', ')}, updated_at = now() WHERE id = ${p.add(id, 'uuid')}`, p.values);
  }

  async remove(m: Queryable, id: string): Promise<void> {
    await m.query(`DELETE FROM pledge WHERE id = $1`, [id]);
  }

  /** Pledges newest first (madeOn, then id), limit + 1 of them, filtered; status is derived as of `asOf`. */
  list(q: PledgeListQuery): Promise<{ view: PledgeView }[]> {
    const p = new SqlParams();
    const asOf = p.add(q.asOf, 'date');
    const filter = where(
      q.instrument !== undefined && `p.instrument = ${p.add(q.instrument)}`,
      q.region !== undefined && `p.region = ${p.add(q.region)}`,
      q.stateCodes !== undefined && `p.state_code::text = ANY(${p.add([...q.stateCodes], 'text[]')})`,
      q.madeFrom !== undefined && `p.made_on >= ${p.add(q.madeFrom, 'date')}`,
      q.after !== undefined && `(p.made_on, p.id) < (${p.add(q.after.madeOn, 'date')}, ${p.add(q.after.id, 'uuid')})`,
    );
    const status = q.status === undefined ? '' : `WHERE x.view->>'status' = ${p.add(q.status)}`;
    // Prepared (one statement per combination of filters): planning the kept-on derivation took longer than running
    // it, on every state, region and campaign page.
    return queryPrepared(
      this.db,
      `SELECT x.view FROM (
         SELECT ${pledgeJson(asOf)} AS view, p.made_on, p.id FROM pledge p ${pledgeJoins(asOf)} ${filter}) x
       ${status}
       ORDER BY x.made_on DESC, x.id DESC LIMIT ${p.add(q.limit + 1, 'int')}`,
      p.values,
    );
  }

  /** Pledges made, kept and lapsed as of `asOf`, per state, of the states given for `instrument` since `madeFrom`. */
  countsPerState(q: {
    stateCodes: readonly string[];
    instrument: string;
    madeFrom: string;
    asOf: string;
  }): Promise<{ stateCode: string; made: number; kept: number; lapsed: number }[]> {
    // Prepared: planning the kept-on derivation took longer than running it, on every campaign progress request.
    return queryPrepared(
      this.db,
      `SELECT x.state_code::text AS "stateCode", count(*)::int AS made,
              count(*) FILTER (WHERE x.status = 'fulfilled')::int AS kept,
              count(*) FILTER (WHERE x.status = 'lapsed')::int AS lapsed
       FROM (SELECT p.state_code, ${pledgeStatus('k.kept_on', '$4::date')} AS status FROM pledge p ${pledgeJoins('$4::date')}
             WHERE p.state_code::text = ANY($1::text[]) AND p.instrument = $2 AND p.made_on >= $3::date) x
       GROUP BY x.state_code`,
      [[...q.stateCodes], q.instrument, q.madeFrom, q.asOf],
    );
  }

  /**
   * For the digest, as of `asOf`: state names of open pledges due between `dueFrom` and `dueTo`, and of pledges kept
   * between `keptFrom` and `keptTo`, sorted, a name once per pledge.
   */
  async digestNames(
    m: Queryable,
    q: { asOf: string; dueFrom: string; dueTo: string; keptFrom: string; keptTo: string },
  ): Promise<{ due: string[]; kept: string[] }> {
    const [row]: { due: string[]; kept: string[] }[] = await m.query(
      `SELECT COALESCE(array_agg(s.name_en ORDER BY s.name_en)
                FILTER (WHERE k.kept_on IS NULL AND p.target_date BETWEEN $2::date AND $3::date
                          AND p.target_date >= $1::date), '{}') AS due,
              COALESCE(array_agg(s.name_en ORDER BY s.name_en)
                FILTER (WHERE k.kept_on BETWEEN $4::date AND $5::date), '{}') AS kept
       FROM pledge p ${pledgeJoins('$1::date')}`,
      [q.asOf, q.dueFrom, q.dueTo, q.keptFrom, q.keptTo],
    );
    return row;
  }
}
