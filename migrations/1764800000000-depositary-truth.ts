import { MigrationInterface, QueryRunner } from 'typeorm';

const NEW_2017 = ['amendment-art8-2017-biological', 'amendment-art8-2017-fragments', 'amendment-art8-2017-laser'];

/**
 * Treaty data as the depositary keeps it:
 * - instruments get their names in four languages, their UN reference and their entry-into-force rule; the three
 *   2017 article 8 amendments become three instruments (UN XVIII-10-d, -e, -f), each with its own parties;
 * - events gain how sure we are of them (confidence), the depositary's reference and a link, and two types:
 *   `signature-withdrawn` (the signatory told the depositary it does not intend to become a party) and
 *   `deposit-withdrawn` (an instrument withdrawn before it took effect: the state never became a party);
 * - states keep their everyday English name beside the UN's (common_name), for search;
 * - implementation tracks gain `unknown`, the stage of a state nobody has recorded;
 * - an event corrected from the depositary's records is kept, marked superseded by its correction, and no longer
 *   counts;
 * - treaty_status() answers both new event types, `signature_withdrawn_on` and `confirmed`.
 */
export class DepositaryTruth1764800000000 implements MigrationInterface {
  name = 'DepositaryTruth1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE instrument
        ADD COLUMN name_fr text, ADD COLUMN name_es text, ADD COLUMN name_ar text,
        ADD COLUMN un_reference text, ADD COLUMN entry_into_force text`);
    await q.query(
      `INSERT INTO instrument (code, name, opened_on, sort_order) VALUES
         ('${NEW_2017[0]}', 'Amendment to article 8 (2017): biological weapons', '2017-12-14', 5),
         ('${NEW_2017[1]}', 'Amendment to article 8 (2017): undetectable fragments', '2017-12-14', 6),
         ('${NEW_2017[2]}', 'Amendment to article 8 (2017): blinding laser weapons', '2017-12-14', 7)`,
    );
    await q.query(`UPDATE instrument SET sort_order = 8 WHERE code = 'amendment-art8-2019'`);
    // The other names, references and rules come with the reference data (INSTRUMENT_CATALOGUE), loaded at start.

    // Whatever was recorded for "the 2017 amendments" is carried to each of the three, saying so.
    const note = `Recorded for the 2017 article 8 amendments before the tracker kept UN XVIII-10-d, -e and -f apart; copied to each of the three: check which ones the state accepted.`;
    await q.query(
      `INSERT INTO treaty_event (state_code, instrument, type, date, source, note, recorded_by, recorded_at, reference_key)
       SELECT e.state_code, n.code, e.type, e.date, e.source, concat_ws(' ', e.note, $1::text), e.recorded_by,
              e.recorded_at, CASE WHEN e.reference_key IS NULL THEN NULL ELSE e.reference_key || ':' || n.code END
       FROM treaty_event e CROSS JOIN unnest($2::text[]) AS n(code)
       WHERE e.instrument = 'amendment-art8-2017'`,
      [note, NEW_2017],
    );
    await q.query(`DELETE FROM treaty_event WHERE instrument = 'amendment-art8-2017'`);
    // A campaign cannot aim at one instrument that is now three: it keeps its states and says what it was for.
    await q.query(
      `UPDATE campaign SET instrument = NULL,
         description = concat_ws(E'\\n\\n', description, 'Instrument: the 2017 article 8 amendments (now tracked as three).')
       WHERE instrument = 'amendment-art8-2017'`,
    );
    await q.query(`DELETE FROM instrument WHERE code = 'amendment-art8-2017'`);

    await q.query(`ALTER TABLE treaty_event DROP CONSTRAINT treaty_event_type_check`);
    await q.query(`
      ALTER TABLE treaty_event
        ADD CONSTRAINT treaty_event_type_check CHECK (type IN ('signature','signature-withdrawn','ratification',
          'accession','acceptance','approval','succession','deposit-withdrawn','entry-into-force',
          'withdrawal-notified','withdrawal-revoked','withdrawal-effective')),
        ADD COLUMN confidence text NOT NULL DEFAULT 'reported'
          CHECK (confidence IN ('depositary','official','reported')),
        ADD COLUMN reference text,
        ADD COLUMN source_url text,
        ADD COLUMN superseded_by uuid REFERENCES treaty_event(id)`);

    await q.query(`ALTER TABLE implementation_change DROP CONSTRAINT implementation_change_stage_check`);
    await q.query(`
      ALTER TABLE implementation_change ADD CONSTRAINT implementation_change_stage_check
        CHECK (stage IN ('unknown','none','drafting','before-parliament','enacted'))`);

    // States are named as the UN names them; the everyday name, where it differs, stays searchable.
    await q.query(`ALTER TABLE state ADD COLUMN common_name text`);

    await q.query(`DROP FUNCTION treaty_status(date, text)`);
    await q.query(TREATY_STATUS);
  }

  down(): Promise<void> {
    throw new Error(
      'DepositaryTruth1764800000000 is not reversible: the 2017 amendments were split and events copied to each',
    );
  }
}

/**
 * Status of every state for every instrument on p_as_of, from the events alone (the rules of the first
 * migration, plus): a deposit followed by its `deposit-withdrawn` before it took effect counts as never made; a
 * signature followed by `signature-withdrawn` leaves the stage `none`, the signature date kept; `confirmed` is false
 * when an event of the state for the instrument up to p_as_of is only `reported`.
 */
const TREATY_STATUS = `
  CREATE FUNCTION treaty_status(p_as_of date, p_state text DEFAULT NULL)
  RETURNS TABLE (state_code char(3), instrument text, stage text, signed_on date, deposited_on date,
                 deposit_kind text, in_force_on date, withdrawal_notified_on date, withdrawal_effective_on date,
                 signature_withdrawn_on date, confirmed boolean)
  LANGUAGE sql STABLE AS $$
    WITH dep AS (
      SELECT DISTINCT ON (e.state_code, e.instrument) e.state_code, e.instrument, e.date, e.type
      FROM treaty_event e
      WHERE e.type IN ('ratification','accession','acceptance','approval','succession') AND e.date <= p_as_of
        AND (p_state IS NULL OR e.state_code = p_state) AND e.superseded_by IS NULL
        AND NOT EXISTS (
          SELECT 1 FROM treaty_event w
          WHERE w.state_code = e.state_code AND w.instrument = e.instrument AND w.type = 'deposit-withdrawn'
            AND w.date >= e.date AND w.date <= p_as_of AND w.superseded_by IS NULL)
      ORDER BY e.state_code, e.instrument, e.date DESC, e.recorded_at DESC
    ),
    agg AS (
      SELECT e.state_code, e.instrument,
        max(e.date) FILTER (WHERE e.type = 'signature' AND e.date <= p_as_of) AS signed_on,
        max(e.date) FILTER (WHERE e.type = 'signature-withdrawn' AND e.date <= p_as_of) AS signature_withdrawn_on,
        min(e.date) FILTER (WHERE e.type IN ('ratification','accession','acceptance','approval','succession')
                              AND e.date > dep.date) AS next_deposit_on,
        max(e.date) FILTER (WHERE e.type = 'withdrawal-notified' AND e.date >= dep.date AND e.date <= p_as_of) AS notified_on,
        max(e.date) FILTER (WHERE e.type = 'withdrawal-revoked' AND e.date >= dep.date AND e.date <= p_as_of) AS revoked_on,
        NOT COALESCE(bool_or(e.confidence = 'reported') FILTER (WHERE e.date <= p_as_of), false) AS confirmed
      FROM treaty_event e
      LEFT JOIN dep ON dep.state_code = e.state_code AND dep.instrument = e.instrument
      WHERE (p_state IS NULL OR e.state_code = p_state) AND e.superseded_by IS NULL
      GROUP BY e.state_code, e.instrument
    ),
    cyc AS (
      SELECT agg.state_code, agg.instrument, agg.signed_on, agg.signature_withdrawn_on, agg.confirmed,
        dep.date AS deposited_on, dep.type AS deposit_kind,
        COALESCE(
          (SELECT min(x.date) FROM treaty_event x
            WHERE x.state_code = agg.state_code AND x.instrument = agg.instrument AND x.type = 'entry-into-force'
              AND x.superseded_by IS NULL
              AND (x.date >= dep.date OR dep.type = 'succession')
              AND (agg.next_deposit_on IS NULL OR x.date < agg.next_deposit_on)),
          treaty_in_force_on(agg.instrument, dep.date)) AS in_force_on,
        CASE WHEN agg.notified_on IS NOT NULL AND (agg.revoked_on IS NULL OR agg.revoked_on < agg.notified_on)
             THEN agg.notified_on END AS notified_on,
        agg.next_deposit_on
      FROM agg LEFT JOIN dep ON dep.state_code = agg.state_code AND dep.instrument = agg.instrument
    )
    SELECT c.state_code, c.instrument,
      CASE
        WHEN c.deposited_on IS NULL THEN
          CASE WHEN c.signed_on IS NULL OR c.signature_withdrawn_on >= c.signed_on THEN 'none' ELSE 'signed' END
        WHEN w.effective_on IS NOT NULL AND w.effective_on <= p_as_of THEN 'withdrawn'
        WHEN c.notified_on IS NOT NULL THEN 'withdrawing'
        WHEN c.in_force_on <= p_as_of THEN 'party'
        ELSE 'deposited'
      END,
      c.signed_on, c.deposited_on, c.deposit_kind,
      CASE WHEN c.deposited_on IS NOT NULL THEN c.in_force_on END,
      c.notified_on, w.effective_on,
      CASE WHEN c.signature_withdrawn_on >= c.signed_on THEN c.signature_withdrawn_on END,
      c.confirmed
    FROM cyc c
    LEFT JOIN LATERAL (
      SELECT CASE
        WHEN c.deposited_on IS NULL THEN NULL
        WHEN c.notified_on IS NOT NULL THEN COALESCE(
          (SELECT min(x.date) FROM treaty_event x
            WHERE x.state_code = c.state_code AND x.instrument = c.instrument AND x.type = 'withdrawal-effective'
              AND x.superseded_by IS NULL AND x.date >= c.notified_on AND (c.next_deposit_on IS NULL OR x.date < c.next_deposit_on)),
          (c.notified_on + interval '1 year')::date)
        ELSE
          (SELECT min(x.date) FROM treaty_event x
            WHERE x.state_code = c.state_code AND x.instrument = c.instrument AND x.type = 'withdrawal-effective'
              AND x.superseded_by IS NULL AND x.date >= c.deposited_on AND x.date <= p_as_of)
      END AS effective_on
    ) w ON true
  $$`;
