import { REGIONS } from '@app/accounts';
import { chartDates, DigestWeek, WeekBounds } from '@app/digest';

/**
 * The digest's figures as they were computed before each library answered for its own tables: one statement
 * reading every table. Kept in the tests only, to show that the owners' methods, run in one REPEATABLE READ
 * transaction, answer exactly what it did.
 *
 * Everything the digest says about one week, in one statement that PostgreSQL answers as one JSON document:
 * a consistent snapshot, aggregated where the rows are (never a week's actions loaded into Node).
 *
 * $1 Monday, $2 Sunday, $3 the date status is taken at (Sunday, or today for the week in progress),
 * $4 / $5 the week's start and end instants and $6 the end of the week after, in DIGEST_TZ,
 * $7 the dates of the parties chart, $8 the regions in display order.
 *
 * Status comes from treaty_status(), the one derivation of the treaty rules; parties include states whose
 * withdrawal is pending, as in the statistics. Actions count by their date (when the outreach happened);
 * treaty events and implementation changes by their date, or when a user recorded them that week (a late
 * entry is news too; reference data loaded at start-up is not). Follow-ups are those open when the week
 * ended: created before, and open now or closed since.
 */
export const DIGEST_SQL = `
  WITH
  st_end AS MATERIALIZED (SELECT * FROM treaty_status($3::date)),
  st_start AS MATERIALIZED (SELECT * FROM treaty_status($1::date - 1)),
  changed AS (
    SELECT COALESCE(e.state_code, b.state_code) AS state_code, COALESCE(e.instrument, b.instrument) AS instrument,
           COALESCE(b.stage, 'none') AS stage_before, COALESCE(e.stage, 'none') AS stage_after,
           e.in_force_on, e.withdrawal_effective_on
      FROM st_end e FULL JOIN st_start b ON b.state_code = e.state_code AND b.instrument = e.instrument
     WHERE COALESCE(b.stage, 'none') <> COALESCE(e.stage, 'none')
  ),
  acts AS MATERIALIZED (
    SELECT a.state_code, a.region, a.type FROM advocacy_action a
     WHERE a.deleted_at IS NULL AND a.date BETWEEN $1::date AND $2::date
  ),
  -- Open now (read from the covering index of open follow-ups alone), or closed since the week ended.
  fu_open AS (
    SELECT f.region, f.remind_at FROM follow_up f
     WHERE f.status = 'open' AND f.created_at < $5::timestamptz
    UNION ALL
    SELECT f.region, f.remind_at FROM follow_up f
     WHERE f.closed_at >= $5::timestamptz AND f.status <> 'open' AND f.created_at < $5::timestamptz
  ),
  fu AS (
    SELECT f.region,
           count(*) AS open,
           count(*) FILTER (WHERE f.remind_at >= $5::timestamptz AND f.remind_at < $6::timestamptz) AS due_next,
           count(*) FILTER (WHERE f.remind_at < $5::timestamptz) AS overdue
      FROM fu_open f
     GROUP BY f.region
  ),
  regions AS (SELECT r.region, r.ord FROM unnest($8::text[]) WITH ORDINALITY AS r(region, ord))
  SELECT json_build_object(
    'instruments', (
      SELECT json_agg(json_build_object(
          'code', i.code,
          'partiesBefore', (SELECT count(*) FROM st_start s WHERE s.instrument = i.code AND s.stage IN ('party', 'withdrawing')),
          'partiesAfter', (SELECT count(*) FROM st_end s WHERE s.instrument = i.code AND s.stage IN ('party', 'withdrawing')))
        ORDER BY i.sort_order)
        FROM instrument i),
    'statusChanges', COALESCE((
      SELECT json_agg(json_build_object(
          'stateCode', c.state_code, 'stateName', s.name_en, 'instrument', c.instrument,
          'from', c.stage_before, 'to', c.stage_after,
          'inForceOn', c.in_force_on, 'withdrawalEffectiveOn', c.withdrawal_effective_on)
        ORDER BY i.sort_order, s.name_en)
        FROM changed c JOIN state s ON s.code = c.state_code JOIN instrument i ON i.code = c.instrument), '[]'),
    'pendingWithdrawals', COALESCE((
      SELECT json_agg(json_build_object(
          'stateCode', e.state_code, 'stateName', s.name_en, 'instrument', e.instrument,
          'notifiedOn', e.withdrawal_notified_on, 'effectiveOn', e.withdrawal_effective_on)
        ORDER BY e.withdrawal_effective_on, s.name_en, e.instrument)
        FROM st_end e JOIN state s ON s.code = e.state_code
       WHERE e.stage = 'withdrawing'), '[]'),
    'treatyEvents', COALESCE((
      SELECT json_agg(json_build_object(
          'date', e.date, 'stateCode', e.state_code, 'stateName', s.name_en, 'instrument', e.instrument,
          'type', e.type, 'source', e.source, 'recordedLate', e.date NOT BETWEEN $1::date AND $2::date)
        ORDER BY e.date, s.name_en, e.recorded_at)
        FROM treaty_event e JOIN state s ON s.code = e.state_code
       WHERE e.date BETWEEN $1::date AND $2::date
          OR (e.recorded_by IS NOT NULL AND e.recorded_at >= $4::timestamptz AND e.recorded_at < $5::timestamptz)), '[]'),
    'implementationChanges', COALESCE((
      SELECT json_agg(json_build_object(
          'date', c.date, 'stateCode', c.state_code, 'stateName', s.name_en, 'track', c.track, 'stage', c.stage,
          'reference', c.reference, 'recordedLate', c.date NOT BETWEEN $1::date AND $2::date)
        ORDER BY c.date, s.name_en, c.recorded_at)
        FROM implementation_change c JOIN state s ON s.code = c.state_code
       WHERE c.date BETWEEN $1::date AND $2::date
          OR (c.recorded_by IS NOT NULL AND c.recorded_at >= $4::timestamptz AND c.recorded_at < $5::timestamptz)), '[]'),
    'actions', json_build_object(
      'total', (SELECT count(*) FROM acts),
      'states', (SELECT count(DISTINCT state_code) FROM acts),
      'byRegion', (
        SELECT json_agg(json_build_object('region', r.region, 'count', COALESCE(x.n, 0)) ORDER BY r.ord)
          FROM regions r LEFT JOIN (SELECT region, count(*) AS n FROM acts GROUP BY region) x ON x.region = r.region),
      'byType', COALESCE((
        SELECT json_agg(json_build_object('type', x.type, 'count', x.n) ORDER BY x.n DESC, x.type)
          FROM (SELECT type, count(*) AS n FROM acts GROUP BY type) x), '[]'),
      'topStates', COALESCE((
        SELECT json_agg(json_build_object('stateCode', x.state_code, 'stateName', s.name_en, 'count', x.n)
            ORDER BY x.n DESC, s.name_en)
          FROM (SELECT state_code, count(*) AS n FROM acts GROUP BY state_code ORDER BY n DESC, state_code LIMIT 5) x
          JOIN state s ON s.code = x.state_code), '[]')),
    'followUps', (
      SELECT json_agg(json_build_object(
          'region', r.region, 'open', COALESCE(fu.open, 0), 'dueNextWeek', COALESCE(fu.due_next, 0),
          'overdue', COALESCE(fu.overdue, 0))
        ORDER BY r.ord)
        FROM regions r LEFT JOIN fu ON fu.region = r.region),
    'chart', (
      SELECT json_agg(json_build_object('date', d.date, 'parties', (
          SELECT count(*) FROM treaty_status(d.date) t
           WHERE t.instrument = 'rome-statute' AND t.stage IN ('party', 'withdrawing')))
        ORDER BY d.date)
        FROM unnest($7::date[]) AS d(date))
  )::text AS body`;

/** The parameters of DIGEST_SQL for a week; `today` in DIGEST_TZ caps the status date of a week in progress. */
export function digestParams(week: DigestWeek, bounds: WeekBounds, today: string): unknown[] {
  const statusDate = week.end < today ? week.end : today;
  return [
    week.start,
    week.end,
    statusDate,
    bounds.startsAt,
    bounds.endsAt,
    bounds.nextEndsAt,
    chartDates(statusDate),
    [...REGIONS],
  ];
}
