/**
 * SQL for states and their status. Each read is one statement; the JSON is built by PostgreSQL, so
 * the api passes the text through without parsing and re-serialising two hundred states.
 */

const instrumentJson = `
  json_object_agg(i.code, json_build_object(
    'stage', COALESCE(st.stage, 'none'),
    'signedOn', st.signed_on,
    'depositedOn', st.deposited_on,
    'depositKind', st.deposit_kind,
    'inForceOn', st.in_force_on,
    'withdrawalNotifiedOn', st.withdrawal_notified_on,
    'withdrawalEffectiveOn', st.withdrawal_effective_on
  ) ORDER BY i.sort_order)`;

const implementationJson = `
  json_build_object(
    'cooperation', COALESCE((SELECT ic.stage FROM implementation_change ic
        WHERE ic.state_code = s.code AND ic.track = 'cooperation' AND ic.date <= $1
        ORDER BY ic.date DESC, ic.recorded_at DESC LIMIT 1), 'none'),
    'crimes', COALESCE((SELECT ic.stage FROM implementation_change ic
        WHERE ic.state_code = s.code AND ic.track = 'crimes' AND ic.date <= $1
        ORDER BY ic.date DESC, ic.recorded_at DESC LIMIT 1), 'none'))`;

interface SummaryParams {
  asOf: string;
  region: string;
  q: string;
  code: string;
}

/** One row per state with its instruments' status and implementation stages, as of `asOf`. */
const summaries = (p: SummaryParams) => `
  SELECT s.code, s.name_en, s.name_fr, s.name_es, s.name_ar, s.region, s.un_group, s.un_status,
         ${instrumentJson} AS instruments,
         ${implementationJson.replace(/\$1/g, p.asOf)} AS implementation
  FROM state s
  CROSS JOIN instrument i
  LEFT JOIN treaty_status(${p.asOf}, ${p.code}) st ON st.state_code = s.code AND st.instrument = i.code
  WHERE (${p.region}::text IS NULL OR s.region = ${p.region})
    AND (${p.code}::text IS NULL OR s.code = ${p.code})
    AND (${p.q}::text IS NULL OR s.code = upper(${p.q})
         OR concat_ws(' ', s.name_en, s.name_fr, s.name_es, s.name_ar) ILIKE '%' || ${p.q} || '%')
  GROUP BY s.code`;

const summaryJson = `json_build_object(
    'code', x.code,
    'name', x.name_en,
    'names', json_build_object('en', x.name_en, 'fr', x.name_fr, 'es', x.name_es, 'ar', x.name_ar),
    'region', x.region,
    'unGroup', x.un_group,
    'unStatus', x.un_status,
    'instruments', x.instruments,
    'implementation', x.implementation)`;

/** $1 as-of date; $2 region|null; $3 q|null; $4 instrument; $5 stage|null. */
export const LIST_STATES_SQL = `
  SELECT COALESCE(json_agg(${summaryJson} ORDER BY x.name_en), '[]')::text AS body
  FROM (${summaries({ asOf: '$1', region: '$2', q: '$3', code: 'NULL' })}) x
  WHERE $5::text IS NULL OR x.instruments -> $4 ->> 'stage' = $5`;

/** $1 as-of date; $2 code. Events and implementation history up to the as-of date. */
export const ONE_STATE_SQL = `
  SELECT (${summaryJson}::jsonb || jsonb_build_object(
    'asOf', $1::date,
    'events', COALESCE((
      SELECT jsonb_agg(jsonb_build_object(
          'id', e.id, 'instrument', e.instrument, 'type', e.type, 'date', e.date, 'source', e.source,
          'note', e.note,
          'recordedBy', CASE WHEN u.id IS NULL THEN NULL ELSE jsonb_build_object('id', u.id, 'name', u.name) END,
          'recordedAt', e.recorded_at)
        ORDER BY e.date, e.recorded_at)
      FROM treaty_event e LEFT JOIN app_user u ON u.id = e.recorded_by
      WHERE e.state_code = x.code AND e.date <= $1), '[]'::jsonb),
    'implementationHistory', COALESCE((
      SELECT jsonb_agg(jsonb_build_object(
          'id', c.id, 'track', c.track, 'stage', c.stage, 'date', c.date, 'note', c.note,
          'reference', c.reference,
          'recordedBy', CASE WHEN u.id IS NULL THEN NULL ELSE jsonb_build_object('id', u.id, 'name', u.name) END,
          'recordedAt', c.recorded_at)
        ORDER BY c.date, c.recorded_at)
      FROM implementation_change c LEFT JOIN app_user u ON u.id = c.recorded_by
      WHERE c.state_code = x.code AND c.date <= $1), '[]'::jsonb)
  ))::text AS body
  FROM (${summaries({ asOf: '$1', region: 'NULL', q: 'NULL', code: '$2' })}) x`;

/**
 * Parties over time: the count of states that are parties (withdrawing states still are) on every date
 * the count can change, between $2 and $3. $1 instrument.
 */
export const PARTIES_SERIES_SQL = `
  WITH changes AS (
    SELECT e.date FROM treaty_event e WHERE e.instrument = $1
    UNION SELECT treaty_in_force_on($1, e.date) FROM treaty_event e
      WHERE e.instrument = $1 AND e.type IN ('ratification','accession','acceptance','approval','succession')
    UNION SELECT (e.date + interval '1 year')::date FROM treaty_event e
      WHERE e.instrument = $1 AND e.type = 'withdrawal-notified'
  ),
  points AS (
    SELECT date FROM changes WHERE date > $2 AND date < $3
    UNION SELECT $2::date UNION SELECT $3::date
  )
  SELECT to_char(p.date, 'YYYY-MM-DD') AS date,
    (SELECT count(*)::int FROM treaty_status(p.date) t
      WHERE t.instrument = $1 AND t.stage IN ('party', 'withdrawing')) AS parties
  FROM points p ORDER BY p.date`;
