import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * States, instruments, treaty events, implementation history, accounts.
 * The treaty rules live in SQL functions here so that the list, one state, and the statistics
 * all derive status the same way, in one statement each.
 */
export class InitialSchema1763800000000 implements MigrationInterface {
  name = 'InitialSchema1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE state (
        code        char(3) PRIMARY KEY CHECK (code ~ '^[A-Z]{3}$'),
        iso2        char(2) NOT NULL UNIQUE,
        name_en     text NOT NULL,
        name_fr     text NOT NULL,
        name_es     text NOT NULL,
        name_ar     text NOT NULL,
        region      text NOT NULL CHECK (region IN ('africa','americas','asia-pacific','europe','mena')),
        un_group    text CHECK (un_group IN ('african','asia-pacific','eastern-european','latin-american-caribbean','western-european-other')),
        un_status   text NOT NULL CHECK (un_status IN ('member','observer','non-member'))
      )`);
    await q.query(`CREATE INDEX state_region_idx ON state (region)`);

    await q.query(`
      CREATE TABLE instrument (
        code        text PRIMARY KEY,
        name        text NOT NULL,
        opened_on   date NOT NULL,
        sort_order  int NOT NULL
      )`);
    await q.query(`
      INSERT INTO instrument (code, name, opened_on, sort_order) VALUES
        ('rome-statute', 'Rome Statute of the International Criminal Court', '1998-07-17', 1),
        ('apic', 'Agreement on the Privileges and Immunities of the ICC', '2002-09-09', 2),
        ('amendment-aggression', 'Kampala amendments on the crime of aggression', '2010-06-11', 3),
        ('amendment-art8-2010', 'Amendment to article 8 (Kampala, 2010)', '2010-06-10', 4),
        ('amendment-art8-2017', 'Amendments to article 8 (2017)', '2017-12-14', 5),
        ('amendment-art8-2019', 'Amendment to article 8 (2019)', '2019-12-06', 6)`);

    await q.query(`
      CREATE TABLE app_user (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email         text NOT NULL,
        name          text NOT NULL,
        role          text NOT NULL CHECK (role IN ('admin','campaign-officer','regional-officer','steering-committee','viewer')),
        regions       text[] NOT NULL DEFAULT '{}',
        password_hash text,
        active        boolean NOT NULL DEFAULT true,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX app_user_email_idx ON app_user (lower(email))`);

    await q.query(`
      CREATE TABLE access_token (
        token_hash  bytea PRIMARY KEY,
        user_id     uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        created_at  timestamptz NOT NULL DEFAULT now(),
        expires_at  timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX access_token_user_idx ON access_token (user_id)`);

    await q.query(`
      CREATE TABLE treaty_event (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        state_code    char(3) NOT NULL REFERENCES state(code),
        instrument    text NOT NULL REFERENCES instrument(code),
        type          text NOT NULL CHECK (type IN ('signature','ratification','accession','acceptance','approval',
                        'succession','entry-into-force','withdrawal-notified','withdrawal-revoked','withdrawal-effective')),
        date          date NOT NULL,
        source        text,
        note          text,
        recorded_by   uuid REFERENCES app_user(id),
        recorded_at   timestamptz NOT NULL DEFAULT now(),
        reference_key text UNIQUE
      )`);
    await q.query(`CREATE INDEX treaty_event_state_idx ON treaty_event (state_code, instrument, date)`);

    await q.query(`
      CREATE TABLE implementation_change (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        state_code  char(3) NOT NULL REFERENCES state(code),
        track       text NOT NULL CHECK (track IN ('cooperation','crimes')),
        stage       text NOT NULL CHECK (stage IN ('none','drafting','before-parliament','enacted')),
        date        date NOT NULL,
        note        text,
        reference   text,
        recorded_by uuid REFERENCES app_user(id),
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX implementation_change_state_idx ON implementation_change (state_code, track, date)`);

    await q.query(`
      CREATE TABLE reference_data_load (
        name        text NOT NULL,
        checksum    text NOT NULL,
        loaded_at   timestamptz NOT NULL DEFAULT now(),
        added       int NOT NULL,
        PRIMARY KEY (name, checksum)
      )`);

    // A counter bumped by every change to what status derives from; readers key caches on it.
    await q.query(`CREATE TABLE status_revision (id int PRIMARY KEY CHECK (id = 1), revision bigint NOT NULL)`);
    await q.query(`INSERT INTO status_revision VALUES (1, 0)`);
    await q.query(`
      CREATE FUNCTION bump_status_revision() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE status_revision SET revision = revision + 1 WHERE id = 1;
        -- Delivered at commit, to every api process listening, which then drops its cached lists.
        PERFORM pg_notify('status_changed', '');
        RETURN NULL;
      END $$`);
    for (const table of ['state', 'treaty_event', 'implementation_change']) {
      await q.query(`
        CREATE TRIGGER ${table}_bumps_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION bump_status_revision()`);
    }

    // Entry into force for one state, from the date its instrument was deposited, per instrument:
    //  Rome Statute art. 126: 1 July 2002 for instruments deposited by 11 April 2002 (the sixtieth),
    //    then the first day of the month after the 60th day following deposit;
    //  APIC art. 35: the thirtieth day after deposit, and not before the Agreement's own 22 July 2004;
    //  amendments, art. 121(5): one year after deposit.
    await q.query(`
      CREATE FUNCTION treaty_in_force_on(p_instrument text, p_deposited date) RETURNS date
      LANGUAGE sql IMMUTABLE STRICT AS $$
        SELECT CASE
          WHEN p_instrument = 'rome-statute' THEN
            CASE WHEN p_deposited <= DATE '2002-04-11' THEN DATE '2002-07-01'
                 ELSE (date_trunc('month', p_deposited + 60) + interval '1 month')::date END
          WHEN p_instrument = 'apic' THEN GREATEST(p_deposited + 30, DATE '2004-07-22')
          ELSE (p_deposited + interval '1 year')::date
        END
      $$`);

    // Status of every state for every instrument on p_as_of, from the events alone.
    // A recorded entry-into-force or withdrawal-effective event overrides the computed date;
    // art. 127: a withdrawal takes effect one year after notification unless a later date is recorded.
    await q.query(`
      CREATE FUNCTION treaty_status(p_as_of date, p_state text DEFAULT NULL)
      RETURNS TABLE (state_code char(3), instrument text, stage text, signed_on date, deposited_on date,
                     deposit_kind text, in_force_on date, withdrawal_notified_on date, withdrawal_effective_on date)
      LANGUAGE sql STABLE AS $$
        WITH dep AS (
          SELECT DISTINCT ON (e.state_code, e.instrument) e.state_code, e.instrument, e.date, e.type
          FROM treaty_event e
          WHERE e.type IN ('ratification','accession','acceptance','approval','succession') AND e.date <= p_as_of
            AND (p_state IS NULL OR e.state_code = p_state)
          ORDER BY e.state_code, e.instrument, e.date DESC, e.recorded_at DESC
        ),
        agg AS (
          SELECT e.state_code, e.instrument,
            max(e.date) FILTER (WHERE e.type = 'signature' AND e.date <= p_as_of) AS signed_on,
            min(e.date) FILTER (WHERE e.type IN ('ratification','accession','acceptance','approval','succession')
                                  AND e.date > dep.date) AS next_deposit_on,
            max(e.date) FILTER (WHERE e.type = 'withdrawal-notified' AND e.date >= dep.date AND e.date <= p_as_of) AS notified_on,
            max(e.date) FILTER (WHERE e.type = 'withdrawal-revoked' AND e.date >= dep.date AND e.date <= p_as_of) AS revoked_on
          FROM treaty_event e
          LEFT JOIN dep ON dep.state_code = e.state_code AND dep.instrument = e.instrument
          WHERE p_state IS NULL OR e.state_code = p_state
          GROUP BY e.state_code, e.instrument
        ),
        cyc AS (
          SELECT agg.state_code, agg.instrument, agg.signed_on, dep.date AS deposited_on, dep.type AS deposit_kind,
            COALESCE(
              (SELECT min(x.date) FROM treaty_event x
                WHERE x.state_code = agg.state_code AND x.instrument = agg.instrument AND x.type = 'entry-into-force'
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
            WHEN c.deposited_on IS NULL THEN CASE WHEN c.signed_on IS NULL THEN 'none' ELSE 'signed' END
            WHEN w.effective_on IS NOT NULL AND w.effective_on <= p_as_of THEN 'withdrawn'
            WHEN c.notified_on IS NOT NULL THEN 'withdrawing'
            WHEN c.in_force_on <= p_as_of THEN 'party'
            ELSE 'deposited'
          END,
          c.signed_on, c.deposited_on, c.deposit_kind,
          CASE WHEN c.deposited_on IS NOT NULL THEN c.in_force_on END,
          c.notified_on, w.effective_on
        FROM cyc c
        LEFT JOIN LATERAL (
          SELECT CASE
            WHEN c.deposited_on IS NULL THEN NULL
            WHEN c.notified_on IS NOT NULL THEN COALESCE(
              (SELECT min(x.date) FROM treaty_event x
                WHERE x.state_code = c.state_code AND x.instrument = c.instrument AND x.type = 'withdrawal-effective'
                  AND x.date >= c.notified_on AND (c.next_deposit_on IS NULL OR x.date < c.next_deposit_on)),
              (c.notified_on + interval '1 year')::date)
            ELSE
              (SELECT min(x.date) FROM treaty_event x
                WHERE x.state_code = c.state_code AND x.instrument = c.instrument AND x.type = 'withdrawal-effective'
                  AND x.date >= c.deposited_on AND x.date <= p_as_of)
          END AS effective_on
        ) w ON true
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION treaty_status(date, text)`);
    await q.query(`DROP FUNCTION treaty_in_force_on(text, date)`);
    for (const t of ['implementation_change', 'treaty_event', 'access_token', 'app_user', 'instrument', 'state']) {
      await q.query(`DROP TABLE ${t}`);
    }
    await q.query(`DROP TABLE status_revision`);
    await q.query(`DROP FUNCTION bump_status_revision()`);
    await q.query(`DROP TABLE reference_data_load`);
  }
}
