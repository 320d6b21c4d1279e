import { Injectable } from '@nestjs/common';
import { Queryable } from '@app/platform';

/** Which links of an action a change replaces; undefined leaves that kind as it is. */
export interface ActionLinks {
  contactIds?: readonly string[];
  organisationIds?: readonly string[];
}

// The two link tables differ only in their names; these are the only names that reach the SQL text.
const TABLES = {
  contactIds: { table: 'action_contact', column: 'contact_id' },
  organisationIds: { table: 'action_organisation', column: 'organisation_id' },
} as const;

/**
 * The action_contact and action_organisation tables (owned by advocacy): who an action addressed or met, and which
 * organisations led or joined it. The ids were checked with the people library before they reach here.
 */
@Injectable()
export class ActionLinksRepository {
  /** Of the ids given, those not yet linked to the action (the ones a change adds). */
  async added(m: Queryable, actionId: string, kind: keyof ActionLinks, ids: readonly string[]): Promise<string[]> {
    const { table, column } = TABLES[kind];
    const rows: { id: string }[] = await m.query(
      `SELECT x.id FROM unnest($2::uuid[]) AS x(id)
       WHERE NOT EXISTS (SELECT 1 FROM ${table} l WHERE l.action_id = $1 AND l.${column} = x.id)`,
      [actionId, [...ids]],
    );
    return rows.map((r) => r.id);
  }

  /** Makes the action's links of each kind given exactly the ids given. */
  async replace(m: Queryable, actionId: string, links: ActionLinks): Promise<void> {
    for (const kind of Object.keys(TABLES) as (keyof ActionLinks)[]) {
      const ids = links[kind];
      if (ids === undefined) continue;
      const { table, column } = TABLES[kind];
      await m.query(`DELETE FROM ${table} WHERE action_id = $1 AND ${column} <> ALL($2::uuid[])`, [actionId, [...ids]]);
      await m.query(
        `INSERT INTO ${table} (action_id, ${column}) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
        [actionId, [...ids]],
      );
    }
  }

  /** Many links of one kind at once (one letter to many states): each action with its ids. */
  async insertMany(m: Queryable, kind: keyof ActionLinks, pairs: readonly { actionId: string; id: string }[]) {
    if (pairs.length === 0) return;
    const { table, column } = TABLES[kind];
    await m.query(
      `INSERT INTO ${table} (action_id, ${column}) SELECT * FROM unnest($1::uuid[], $2::uuid[]) ON CONFLICT DO NOTHING`,
      [pairs.map((x) => x.actionId), pairs.map((x) => x.id)],
    );
  }
}
