import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Region } from '@app/accounts';
import { Queryable, queryPrepared, queryPreparedOn, SqlParams, where } from '@app/platform';
import { likePattern } from './organisations.repository';
import { CONTACT_JOINS, CONTACT_JSON, ContactView, LawfulBasis } from './people.types';

export interface ContactRow {
  name: string;
  position: string | null;
  stateCode: string | null;
  region: Region | null;
  organisationId: string | null;
  email: string | null;
  phone: string | null;
  languages: string[];
  notes: string | null;
  lawfulBasis: LawfulBasis;
}

/** Fields left undefined stay as they are. */
export type ContactRowChanges = Partial<ContactRow>;

const COLUMNS = {
  name: 'name',
  position: 'position',
  stateCode: 'state_code',
  region: 'region',
  organisationId: 'organisation_id',
  email: 'email',
  phone: 'phone',
  languages: 'languages',
  notes: 'notes',
  lawfulBasis: 'lawful_basis',
} as const satisfies Record<keyof ContactRow, string>;

export interface ContactListQuery {
  stateCode?: string;
  organisationId?: string;
  /** Part of the name, any case. */
  q?: string;
  /** The (lower(name), id) of the last contact of the previous page. */
  after?: { name: string; id: string };
  limit: number;
}

/** A contact of a state's page: officials (and people of no organisation) first, then the coalition's members. */
export interface StateContact {
  id: string;
  name: string;
  position: string | null;
  organisationName: string | null;
  member: boolean;
}

/** The organisation kinds of the coalition's own members. */
const MEMBER_KINDS = `('member-ngo','national-coalition','regional-network')`;

/** The contact table, which the people library alone writes and reads. Erased contacts stay, without personal data. */
@Injectable()
export class ContactsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(m: Queryable, r: ContactRow & { createdBy: string }): Promise<ContactView> {
    const [{ view }]: { view: ContactView }[] = await m.query(
      `WITH c AS (
         INSERT INTO contact (name, position, state_code, region, organisation_id, email, phone, languages, notes,
                              lawful_basis, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *)
       SELECT ${CONTACT_JSON} AS view FROM c ${CONTACT_JOINS}`,
      [
        r.name,
        r.position,
        r.stateCode,
        r.region,
        r.organisationId,
        r.email,
        r.phone,
        r.languages,
        r.notes,
        r.lawfulBasis,
        r.createdBy,
      ],
    );
    return view;
  }

  /** A contact, erased or not; `lock` locks its row (not its organisation's) for a change. */
  async get(m: Queryable, id: string, lock = false): Promise<ContactView | null> {
    const sql = `SELECT ${CONTACT_JSON} AS view FROM contact c ${CONTACT_JOINS} WHERE c.id = $1 ${lock ? 'FOR UPDATE OF c' : ''}`;
    // A contact's page reads one on every view: prepared on the pool; in a transaction (to lock it) as it comes.
    const [row] = await queryPreparedOn<{ view: ContactView }>(this.db, m, sql, [id]);
    return row?.view ?? null;
  }

  async update(m: Queryable, id: string, changes: ContactRowChanges): Promise<ContactView> {
    const p = new SqlParams();
    const idParam = p.add(id);
    const sets = (Object.keys(COLUMNS) as (keyof ContactRow)[])
      .filter((f) => changes[f] !== undefined)
      .map((f) => `${COLUMNS[f]} = ${p.add(changes[f])}`);
    const [{ view }]: { view: ContactView }[] = await m.query(
      `WITH c AS (UPDATE contact SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = ${idParam} RETURNING *)
       SELECT ${CONTACT_JSON} AS view FROM c ${CONTACT_JOINS}`,
      p.values,
    );
    return view;
  }

  /** Empties every personal field and marks the record erased; the id, state and dates stay. */
  async erase(m: Queryable, id: string, erasedBy: string): Promise<ContactView> {
    const [{ view }]: { view: ContactView }[] = await m.query(
      `WITH c AS (
         UPDATE contact SET name = NULL, position = NULL, organisation_id = NULL, email = NULL, phone = NULL,
                            languages = '{}', notes = NULL, lawful_basis = NULL, erased_at = now(), erased_by = $2,
                            updated_at = now()
         WHERE id = $1 RETURNING *)
       SELECT ${CONTACT_JSON} AS view FROM c ${CONTACT_JOINS}`,
      [id, erasedBy],
    );
    return view;
  }

  /** Of the ids given, those naming no contact that may still be linked (missing or erased). */
  async unknown(m: Queryable, ids: readonly string[]): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `SELECT x.id FROM unnest($1::uuid[]) AS x(id)
       WHERE NOT EXISTS (SELECT 1 FROM contact c WHERE c.id = x.id AND c.erased_at IS NULL) ORDER BY x.id`,
      [[...ids]],
    );
    return rows.map((r) => r.id);
  }

  /** The state of each live contact given (null when it has none), in the caller's transaction. */
  statesOf(m: Queryable, ids: readonly string[]): Promise<{ id: string; stateCode: string | null }[]> {
    return m.query(
      `SELECT c.id, c.state_code::text AS "stateCode" FROM contact c WHERE c.id = ANY($1::uuid[]) AND c.erased_at IS NULL`,
      [[...ids]],
    );
  }

  /** Live contacts by name (case-insensitively, then id), limit + 1 of them, with each one's sort key. */
  list(q: ContactListQuery): Promise<{ view: ContactView; name: string; id: string }[]> {
    const p = new SqlParams();
    const filter = where(
      'c.erased_at IS NULL',
      q.stateCode !== undefined && `c.state_code = ${p.add(q.stateCode)}`,
      q.organisationId !== undefined && `c.organisation_id = ${p.add(q.organisationId, 'uuid')}`,
      q.q !== undefined && `lower(c.name) LIKE ${p.add(likePattern(q.q))}`,
      q.after !== undefined && `(lower(c.name), c.id) > (${p.add(q.after.name)}, ${p.add(q.after.id, 'uuid')})`,
    );
    // The page is chosen from contact alone, then joined to the organisations' names. Prepared: search as you type
    // runs it on every key, and its plan (the name index, in order) is the same whatever the text.
    return queryPrepared(
      this.db,
      `SELECT ${CONTACT_JSON} AS view, c.sort_name AS name, c.id
       FROM (SELECT *, lower(name) AS sort_name FROM contact c ${filter}
             ORDER BY lower(c.name), c.id LIMIT ${p.add(q.limit + 1)}) c
       ${CONTACT_JOINS}
       ORDER BY c.sort_name, c.id`,
      p.values,
    );
  }

  /** The names of the contacts given (erased ones as null), for a page that shows an action's people. */
  async names(ids: readonly string[]): Promise<{ id: string; name: string | null; position: string | null }[]> {
    return this.db.query(`SELECT id, name, position FROM contact WHERE id = ANY($1::uuid[])`, [[...ids]]);
  }

  /** A state's live contacts: officials and people of no organisation first, then the coalition's members. */
  async ofState(stateCode: string): Promise<StateContact[]> {
    return this.db.query(
      `SELECT c.id, c.name, c.position, co.name AS "organisationName", COALESCE(co.kind IN ${MEMBER_KINDS}, false) AS member
       FROM contact c ${CONTACT_JOINS}
       WHERE c.state_code = $1 AND c.erased_at IS NULL
       ORDER BY COALESCE(co.kind IN ${MEMBER_KINDS}, false), lower(c.name), c.id`,
      [stateCode],
    );
  }

  /** The keys that make a contact a duplicate (email, or name and state), for a bulk import. */
  async existingKeys(m: Queryable): Promise<{ name: string; stateCode: string | null; email: string | null }[]> {
    return m.query(
      `SELECT lower(name) AS name, state_code AS "stateCode", lower(email) AS email
       FROM contact WHERE erased_at IS NULL`,
    );
  }
}
