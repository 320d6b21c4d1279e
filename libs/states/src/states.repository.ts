import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Region } from '@app/accounts';
import { isoInstant, Queryable, SqlParams, where } from '@app/platform';
import { StateDetail, StateMatch, StateSummary } from './state.view';
import { DEPOSIT_TYPES, Instrument, Stage } from './treaty';
import { implementationStageOn, isPartyStage } from './treaty-status.sql';

/**
 * The state table and the status derived from the treaty events, as of any date. The shapes of GET /api/states
 * and GET /api/states/:code are built here, once, by PostgreSQL: as text for the api to send as it is, or parsed
 * (by the driver) for the libraries that want objects.
 */

const instrumentJson = `
  json_object_agg(i.code, json_build_object(
    'stage', COALESCE(st.stage, 'none'),
    'signedOn', st.signed_on,
    'depositedOn', st.deposited_on,
    'depositKind', st.deposit_kind,
    'inForceOn', st.in_force_on,
    'withdrawalNotifiedOn', st.withdrawal_notified_on,
    'withdrawalEffectiveOn', st.withdrawal_effective_on,
    'signatureWithdrawnOn', st.signature_withdrawn_on,
    'confirmed', COALESCE(st.confirmed, true)
  ) ORDER BY i.sort_order)`;

const implementationJson = (asOf: string) => `
  json_build_object(
    'cooperation', COALESCE(${implementationStageOn('s.code', `'cooperation'`, asOf)}, 'unknown'),
    'crimes', COALESCE(${implementationStageOn('s.code', `'crimes'`, asOf)}, 'unknown'))`;

/** One row per state with its instruments' status and implementation stages, as of `asOf` (placeholders). */
const summaries = (p: { asOf: string; region: string; q: string; code: string }) => `
  SELECT s.code, s.name_en, s.common_name, s.name_fr, s.name_es, s.name_ar, s.region, s.un_group, s.un_status,
         ${instrumentJson} AS instruments,
         ${implementationJson(p.asOf)} AS implementation
  FROM state s
  CROSS JOIN instrument i
  LEFT JOIN treaty_status(${p.asOf}, ${p.code}) st ON st.state_code = s.code AND st.instrument = i.code
  WHERE (${p.region}::text IS NULL OR s.region = ${p.region})
    AND (${p.code}::text IS NULL OR s.code = ${p.code})
    AND (${p.q}::text IS NULL OR s.code = upper(${p.q})
         OR concat_ws(' ', s.name_en, s.common_name, s.name_fr, s.name_es, s.name_ar) ILIKE '%' || ${p.q} || '%')
  GROUP BY s.code`;

const summaryJson = `json_build_object(
    'code', x.code,
    'name', x.name_en,
    'commonName', x.common_name,
    'names', json_build_object('en', x.name_en, 'fr', x.name_fr, 'es', x.name_es, 'ar', x.name_ar),
    'region', x.region,
    'unGroup', x.un_group,
    'unStatus', x.un_status,
    'instruments', x.instruments,
    'implementation', x.implementation)`;

const recordedBy = `CASE WHEN u.id IS NULL THEN NULL ELSE jsonb_build_object('id', u.id, 'name', u.name) END`;

/** $1 as-of date; $2 region|null; $3 q|null; $4 instrument; $5 stages|null. The states by English name. */
const listSql = (cast: '::text' | '') => `
  SELECT COALESCE(json_agg(${summaryJson} ORDER BY x.name_en), '[]')${cast} AS body
  FROM (${summaries({ asOf: '$1', region: '$2', q: '$3', code: 'NULL' })}) x
  WHERE $5::text[] IS NULL OR x.instruments -> $4 ->> 'stage' = ANY($5::text[])`;

/** $1 as-of date; $2 code. Events and implementation history up to the as-of date, recorders' names from user_ref. */
const oneSql = (cast: '::text' | '') => `
  SELECT (${summaryJson}::jsonb || jsonb_build_object(
    'asOf', $1::date,
    'events', COALESCE((
      SELECT jsonb_agg(jsonb_build_object(
          'id', e.id, 'instrument', e.instrument, 'type', e.type, 'date', e.date, 'source', e.source,
          'sourceUrl', e.source_url, 'reference', e.reference, 'confidence', e.confidence,
          'note', e.note, 'recordedBy', ${recordedBy}, 'recordedAt', ${isoInstant('e.recorded_at')})
        ORDER BY e.date, e.recorded_at)
      FROM treaty_event e LEFT JOIN user_ref u ON u.id = e.recorded_by
      WHERE e.state_code = x.code AND e.date <= $1 AND e.superseded_by IS NULL), '[]'::jsonb),
    'implementationHistory', COALESCE((
      SELECT jsonb_agg(jsonb_build_object(
          'id', c.id, 'track', c.track, 'stage', c.stage, 'date', c.date, 'note', c.note,
          'reference', c.reference, 'recordedBy', ${recordedBy}, 'recordedAt', ${isoInstant('c.recorded_at')})
        ORDER BY c.date, c.recorded_at)
      FROM implementation_change c LEFT JOIN user_ref u ON u.id = c.recorded_by
      WHERE c.state_code = x.code AND c.date <= $1), '[]'::jsonb)
  ))${cast} AS body
  FROM (${summaries({ asOf: '$1', region: 'NULL', q: 'NULL', code: '$2' })}) x`;

const LIST_TEXT_SQL = listSql('::text');
const LIST_SQL = listSql('');
const ONE_TEXT_SQL = oneSql('::text');
const ONE_SQL = oneSql('');

export interface StateListQuery {
  asOf: string;
  region?: Region;
  /** Part of a name in any language, or a code. */
  q?: string;
  /** Keep the states at any of the stages `stage` of `instrument` (default rome-statute). */
  instrument?: Instrument;
  stage?: readonly Stage[];
}

export interface PartiesSeriesQuery {
  instrument: Instrument;
  from: string;
  to: string;
  /** The parties of one region; all when absent. */
  region?: Region;
}

@Injectable()
export class StatesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** GET /api/states as JSON text, by English name. */
  async listText(q: StateListQuery): Promise<string> {
    const [{ body }]: { body: string }[] = await this.db.query(LIST_TEXT_SQL, listParams(q));
    return body;
  }

  /**
   * States whose code is `text` or one of whose names (en, fr, es, ar, everyday English) holds it, accents and case
   * aside; the code first, then by English name; limit + 1 of them. Names only: no status is derived.
   */
  async search(text: string, limit: number): Promise<StateMatch[]> {
    const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows: { match: StateMatch }[] = await this.db.query(
      `SELECT json_build_object('code', code, 'name', name_en, 'commonName', common_name, 'region', region,
                'names', json_build_object('en', name_en, 'fr', name_fr, 'es', name_es, 'ar', name_ar)) AS match
       FROM state
       WHERE code = upper($1)
          OR unaccent(concat_ws(' ', name_en, common_name, name_fr, name_es, name_ar)) ILIKE unaccent($2)
       ORDER BY code = upper($1) DESC, name_en
       LIMIT $3`,
      [text, pattern, limit + 1],
    );
    return rows.map((r) => r.match);
  }

  /** The same list, as objects. */
  async list(q: StateListQuery): Promise<StateSummary[]> {
    const [{ body }]: { body: StateSummary[] }[] = await this.db.query(LIST_SQL, listParams(q));
    return body;
  }

  /** GET /api/states/:code as JSON text, or null for an unknown code (upper case expected). */
  async oneText(q: { code: string; asOf: string }): Promise<string | null> {
    const rows: { body: string }[] = await this.db.query(ONE_TEXT_SQL, [q.asOf, q.code]);
    return rows[0]?.body ?? null;
  }

  /** The same state, as an object. */
  async one(q: { code: string; asOf: string }): Promise<StateDetail | null> {
    const rows: { body: StateDetail }[] = await this.db.query(ONE_SQL, [q.asOf, q.code]);
    return rows[0]?.body ?? null;
  }

  /**
   * Locks the state's row for the caller's transaction, so two writers to one state take turns; its region, or
   * null for an unknown code.
   */
  async lockForWrite(m: Queryable, code: string): Promise<Region | null> {
    const rows: { region: Region }[] = await m.query('SELECT region FROM state WHERE code = $1 FOR UPDATE', [code]);
    return rows[0]?.region ?? null;
  }

  /**
   * The number of parties (withdrawing states included) on every date the count can change between `from` and
   * `to`, both included: deposits, entries into force and withdrawals taking effect a year after notice.
   */
  async partiesSeries(q: PartiesSeriesQuery): Promise<{ date: string; parties: number }[]> {
    const p = new SqlParams();
    const instrument = p.add(q.instrument);
    const from = p.add(q.from);
    const to = p.add(q.to);
    const deposits = p.add(DEPOSIT_TYPES, 'text[]');
    // Without a region, no join to state: the planner reads the events and the status alone.
    const region = q.region === undefined ? undefined : p.add(q.region);
    const inRegion = region === undefined ? '' : 'JOIN state s ON s.code = e.state_code';
    return this.db.query(
      `WITH ev AS (
         SELECT e.date, e.type FROM treaty_event e ${inRegion}
         ${where(`e.instrument = ${instrument}`, region !== undefined && `s.region = ${region}`)}
       ),
       changes AS (
         SELECT date FROM ev
         UNION SELECT treaty_in_force_on(${instrument}, date) FROM ev WHERE type = ANY(${deposits})
         UNION SELECT (date + interval '1 year')::date FROM ev WHERE type = 'withdrawal-notified'
       ),
       points AS (
         SELECT date FROM changes WHERE date > ${from} AND date < ${to}
         UNION SELECT ${from}::date UNION SELECT ${to}::date
       )
       SELECT to_char(p.date, 'YYYY-MM-DD') AS date,
         (SELECT count(*)::int FROM treaty_status(p.date) t ${region === undefined ? '' : 'JOIN state s ON s.code = t.state_code'}
           ${where(`t.instrument = ${instrument}`, isPartyStage('t.stage'), region !== undefined && `s.region = ${region}`)}) AS parties
       FROM points p ORDER BY p.date`,
      p.values,
    );
  }
}

function listParams(q: StateListQuery): unknown[] {
  return [q.asOf, q.region ?? null, q.q?.trim() || null, q.instrument ?? 'rome-statute', q.stage ?? null];
}
