import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People and organisations the coalition works with (owned by the people library), and the links from actions to
 * them (owned by advocacy, which owns the actions). A contact is never deleted: erasing a person empties their
 * personal fields and keeps the row, so the actions that name them still read ("erased contact").
 */
export class PeopleAndOrganisations1764810000000 implements MigrationInterface {
  name = 'PeopleAndOrganisations1764810000000';

  async up(q: QueryRunner): Promise<void> {
    // Search-as-you-type matches any part of a name: trigram indexes answer `ILIKE '%an%'` without a scan.
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    // region: the state's when a state is given (copied, as advocacy_action does, for the policy and the filters);
    // a regional network without a state may still name the region it works in.
    await q.query(`
      CREATE TABLE organisation (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name         text NOT NULL,
        kind         text NOT NULL CHECK (kind IN ('member-ngo','national-coalition','regional-network','government',
                       'parliament','igo','other')),
        state_code   char(3) REFERENCES state(code),
        region       text,
        website      text,
        email        text,
        member_since date,
        created_by   uuid NOT NULL REFERENCES app_user(id),
        created_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now(),
        deleted_at   timestamptz
      )`);
    await q.query(`CREATE INDEX organisation_name_idx ON organisation (lower(name), id) WHERE deleted_at IS NULL`);
    await q.query(
      `CREATE INDEX organisation_name_trgm_idx ON organisation USING gin (lower(name) gin_trgm_ops)
       WHERE deleted_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX organisation_state_idx ON organisation (state_code, lower(name), id) WHERE deleted_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX organisation_region_idx ON organisation (region, lower(name), id) WHERE deleted_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX organisation_kind_idx ON organisation (kind, lower(name), id) WHERE deleted_at IS NULL`,
    );

    // name and lawful_basis are required until the person is erased; then every personal field is null.
    await q.query(`
      CREATE TABLE contact (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name            text,
        position        text,
        state_code      char(3) REFERENCES state(code),
        region          text,
        organisation_id uuid REFERENCES organisation(id),
        email           text,
        phone           text,
        languages       text[] NOT NULL DEFAULT '{}',
        notes           text,
        lawful_basis    text CHECK (lawful_basis IN ('consent','legitimate-interest','public-task','contract')),
        created_by      uuid NOT NULL REFERENCES app_user(id),
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        erased_at       timestamptz,
        erased_by       uuid REFERENCES app_user(id),
        CHECK (erased_at IS NOT NULL OR (name IS NOT NULL AND lawful_basis IS NOT NULL)),
        CHECK (erased_at IS NULL OR (name IS NULL AND position IS NULL AND email IS NULL AND phone IS NULL
                                     AND notes IS NULL AND organisation_id IS NULL AND languages = '{}'))
      )`);
    await q.query(`CREATE INDEX contact_name_idx ON contact (lower(name), id) WHERE erased_at IS NULL`);
    await q.query(
      `CREATE INDEX contact_name_trgm_idx ON contact USING gin (lower(name) gin_trgm_ops) WHERE erased_at IS NULL`,
    );
    await q.query(`CREATE INDEX contact_state_idx ON contact (state_code, lower(name), id) WHERE erased_at IS NULL`);
    await q.query(
      `CREATE INDEX contact_organisation_idx ON contact (organisation_id, lower(name), id) WHERE erased_at IS NULL`,
    );

    // Who an action addressed or met, and which organisations led or joined it. The primary keys serve an action's
    // own links; the second indexes serve "every action of this contact / organisation".
    await q.query(`
      CREATE TABLE action_contact (
        action_id  uuid NOT NULL REFERENCES advocacy_action(id),
        contact_id uuid NOT NULL REFERENCES contact(id),
        PRIMARY KEY (action_id, contact_id)
      )`);
    await q.query(`CREATE INDEX action_contact_contact_idx ON action_contact (contact_id, action_id)`);
    await q.query(`
      CREATE TABLE action_organisation (
        action_id       uuid NOT NULL REFERENCES advocacy_action(id),
        organisation_id uuid NOT NULL REFERENCES organisation(id),
        PRIMARY KEY (action_id, organisation_id)
      )`);
    await q.query(
      `CREATE INDEX action_organisation_organisation_idx ON action_organisation (organisation_id, action_id)`,
    );

    await q.query(`ALTER TABLE audit_entry DROP CONSTRAINT audit_entry_entity_check`);
    await q.query(`
      ALTER TABLE audit_entry ADD CONSTRAINT audit_entry_entity_check CHECK (entity IN
        ('treaty-event','implementation','action','follow-up','campaign','user','depositary-import',
         'depositary-proposal','organisation','contact'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM audit_entry WHERE entity IN ('organisation','contact')`);
    await q.query(`ALTER TABLE audit_entry DROP CONSTRAINT audit_entry_entity_check`);
    await q.query(`
      ALTER TABLE audit_entry ADD CONSTRAINT audit_entry_entity_check CHECK (entity IN
        ('treaty-event','implementation','action','follow-up','campaign','user','depositary-import',
         'depositary-proposal'))`);
    await q.query(`DROP TABLE action_organisation`);
    await q.query(`DROP TABLE action_contact`);
    await q.query(`DROP TABLE contact`);
    await q.query(`DROP TABLE organisation`);
  }
}
