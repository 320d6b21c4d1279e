import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Region } from '@app/accounts';
import { Queryable, SqlParams, where } from '@app/platform';
import { ORGANISATION_JSON, OrganisationKind, OrganisationView } from './people.types';

export type OrganisationRow = Pick<
  OrganisationView,
  'name' | 'kind' | 'stateCode' | 'region' | 'website' | 'email' | 'memberSince'
>;

/** Fields left undefined stay as they are. */
export type OrganisationRowChanges = Partial<OrganisationRow>;

/** The columns a change may set; the keys are the only names that ever reach the SQL text. */
const COLUMNS = {
  name: 'name',
  kind: 'kind',
  stateCode: 'state_code',
  region: 'region',
  website: 'website',
  email: 'email',
  memberSince: 'member_since',
} as const satisfies Record<keyof OrganisationRow, string>;

export interface OrganisationListQuery {
  kind?: OrganisationKind;
  stateCode?: string;
  region?: Region;
  /** Part of the name, any case. */
  q?: string;
  /** The (lower(name), id) of the last organisation of the previous page. */
  after?: { name: string; id: string };
  limit: number;
}

/** Escapes LIKE's wildcards, so that a search for "100%" finds that text. */
export const likePattern = (text: string): string => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The organisation table, which the people library alone writes and reads. */
@Injectable()
export class OrganisationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The region of a state; null when no state has that code. */
  async regionOf(m: Queryable, stateCode: string): Promise<Region | null> {
    const [row]: { region: Region }[] = await m.query(`SELECT region FROM state_ref WHERE code = $1`, [stateCode]);
    return row?.region ?? null;
  }

  async insert(m: Queryable, r: OrganisationRow & { createdBy: string }): Promise<OrganisationView> {
    const [{ view }]: { view: OrganisationView }[] = await m.query(
      `WITH o AS (
         INSERT INTO organisation (name, kind, state_code, region, website, email, member_since, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *)
       SELECT ${ORGANISATION_JSON} AS view FROM o`,
      [r.name, r.kind, r.stateCode, r.region, r.website, r.email, r.memberSince, r.createdBy],
    );
    return view;
  }

  /** A live organisation; `lock` locks its row for a change. */
  async get(m: Queryable, id: string, lock = false): Promise<OrganisationView | null> {
    const [row]: { view: OrganisationView }[] = await m.query(
      `SELECT ${ORGANISATION_JSON} AS view FROM organisation o WHERE o.id = $1 AND o.deleted_at IS NULL
       ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return row?.view ?? null;
  }

  async update(m: Queryable, id: string, changes: OrganisationRowChanges): Promise<OrganisationView> {
    const p = new SqlParams();
    const idParam = p.add(id);
    const sets = (Object.keys(COLUMNS) as (keyof OrganisationRow)[])
      .filter((f) => changes[f] !== undefined)
      .map((f) => `${COLUMNS[f]} = ${p.add(changes[f])}`);
    const [{ view }]: { view: OrganisationView }[] = await m.query(
      `WITH o AS (
         UPDATE organisation SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = ${idParam} RETURNING *)
       SELECT ${ORGANISATION_JSON} AS view FROM o`,
      p.values,
    );
    return view;
  }

  async softDelete(m: Queryable, id: string): Promise<void> {
    await m.query(`UPDATE organisation SET deleted_at = now(), updated_at = now() WHERE id = $1`, [id]);
  }

  /** Of the ids given, those naming no live organisation. */
  async unknown(m: Queryable, ids: readonly string[]): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `SELECT x.id FROM unnest($1::uuid[]) AS x(id)
       WHERE NOT EXISTS (SELECT 1 FROM organisation o WHERE o.id = x.id AND o.deleted_at IS NULL) ORDER BY x.id`,
      [[...ids]],
    );
    return rows.map((r) => r.id);
  }

  /** Live organisations by name (case-insensitively, then id), limit + 1 of them, with each one's sort key. */
  list(q: OrganisationListQuery): Promise<{ view: OrganisationView; name: string; id: string }[]> {
    const p = new SqlParams();
    const filter = where(
      'o.deleted_at IS NULL',
      q.kind !== undefined && `o.kind = ${p.add(q.kind)}`,
      q.stateCode !== undefined && `o.state_code = ${p.add(q.stateCode)}`,
      q.region !== undefined && `o.region = ${p.add(q.region)}`,
      q.q !== undefined && `lower(o.name) LIKE ${p.add(likePattern(q.q))}`,
      q.after !== undefined && `(lower(o.name), o.id) > (${p.add(q.after.name)}, ${p.add(q.after.id, 'uuid')})`,
    );
    return this.db.query(
      `SELECT ${ORGANISATION_JSON} AS view, lower(o.name) AS name, o.id
       FROM organisation o ${filter} ORDER BY lower(o.name), o.id LIMIT ${p.add(q.limit + 1)}`,
      p.values,
    );
  }

  /** The names of the organisations given (a deleted one too, marked), for a page that shows an action's. */
  names(ids: readonly string[]): Promise<{ id: string; name: string; deleted: boolean }[]> {
    return this.db.query(
      `SELECT id, name, deleted_at IS NOT NULL AS deleted FROM organisation WHERE id = ANY($1::uuid[]) ORDER BY lower(name), id`,
      [[...ids]],
    );
  }

  /** The keys that make an organisation a duplicate (name and state, or email), for a bulk import. */
  async existingKeys(m: Queryable): Promise<{ name: string; stateCode: string | null; email: string | null }[]> {
    return m.query(
      `SELECT lower(name) AS name, state_code AS "stateCode", lower(email) AS email
       FROM organisation WHERE deleted_at IS NULL`,
    );
  }
}
