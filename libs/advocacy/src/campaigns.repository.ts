import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Region } from '@app/accounts';
import { Queryable, queryPreparedOn, SqlParams } from '@app/platform';
import type { Instrument } from '@app/states';
import { CAMPAIGN_JOINS, CAMPAIGN_JSON, CampaignStatus, CampaignView, GoalStage } from './campaign.view';

export interface NewCampaignRow {
  name: string;
  description: string | null;
  instrument: Instrument | null;
  startsOn: string | null;
  endsOn: string | null;
  createdBy: string;
}

/** Fields left undefined stay as they are; null clears an optional one (a goal is set or cleared whole). */
export interface CampaignRowChanges {
  name?: string;
  description?: string | null;
  endsOn?: string | null;
  goal?: { instrument: Instrument; stage: GoalStage; by: string | null } | null;
  status?: CampaignStatus;
}

/** The campaign and campaign_state tables, which the advocacy library alone writes and reads. */
const CAMPAIGN_BY_ID_SQL = `SELECT ${CAMPAIGN_JSON} AS view FROM campaign c ${CAMPAIGN_JOINS} WHERE c.id = $1`;

@Injectable()
export class CampaignsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Inserts a campaign; null when the name is taken in any case (the unique index on lower(name) decides). */
  async insert(m: Queryable, r: NewCampaignRow): Promise<string | null> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO campaign (name, description, instrument, starts_on, ends_on, created_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT ((lower(name))) DO NOTHING
       RETURNING id`,
      [r.name, r.description, r.instrument, r.startsOn, r.endsOn, r.createdBy],
    );
    return rows[0]?.id ?? null;
  }

  /** Adds states to a campaign. */
  async addStates(m: Queryable, q: { campaignId: string; stateCodes: readonly string[] }): Promise<void> {
    await m.query(`INSERT INTO campaign_state (campaign_id, state_code) SELECT $1, unnest($2::text[])`, [
      q.campaignId,
      [...q.stateCodes],
    ]);
  }

  /** Of the codes given, those that name no state, sorted. */
  async unknownStates(m: Queryable, stateCodes: readonly string[]): Promise<string[]> {
    const rows: { code: string }[] = await m.query(
      `SELECT x.code FROM unnest($1::text[]) AS x(code)
       WHERE NOT EXISTS (SELECT 1 FROM state_ref s WHERE s.code::text = x.code)
       ORDER BY x.code`,
      [[...stateCodes]],
    );
    return rows.map((r) => r.code);
  }

  async exists(m: Queryable, id: string): Promise<boolean> {
    const [{ exists }]: { exists: boolean }[] = await m.query(
      `SELECT EXISTS (SELECT 1 FROM campaign WHERE id = $1) AS "exists"`,
      [id],
    );
    return exists;
  }

  async get(m: Queryable, id: string): Promise<CampaignView | null> {
    // Every campaign page and progress request reads one: prepared on the pool, as is in a transaction otherwise.
    const [row] = await queryPreparedOn<{ view: CampaignView }>(this.db, m, CAMPAIGN_BY_ID_SQL, [id]);
    return row?.view ?? null;
  }

  /**
   * Campaigns by name, case-insensitively, after the sort key `after` (lower(name) of the previous page's last), limit
   * + 1 of them so the caller knows whether another page follows. Ordered by the expression of the unique index
   * campaign_name_idx, which is also the cursor.
   */
  list(q: { after: string | null; limit: number }): Promise<{ view: CampaignView; sortKey: string }[]> {
    return this.db.query(
      `SELECT ${CAMPAIGN_JSON} AS view, lower(c.name) AS "sortKey"
       FROM campaign c ${CAMPAIGN_JOINS}
       WHERE $1::text IS NULL OR lower(c.name) > $1
       ORDER BY lower(c.name)
       LIMIT $2`,
      [q.after, q.limit + 1],
    );
  }

  /**
   * Locks a campaign for a change and returns it, with the day it began (startsOn, or the day it was created when
   * it has none); null when there is no such campaign.
   */
  async lockForChange(m: Queryable, id: string): Promise<{ view: CampaignView; beganOn: string } | null> {
    const [row]: { view: CampaignView; beganOn: string }[] = await m.query(
      `SELECT ${CAMPAIGN_JSON} AS view,
              to_char(COALESCE(c.starts_on, c.created_at::date), 'YYYY-MM-DD') AS "beganOn"
       FROM campaign c ${CAMPAIGN_JOINS} WHERE c.id = $1 FOR UPDATE OF c`,
      [id],
    );
    return row ?? null;
  }

  /** Changes a campaign's own columns; false when the new name is taken by another campaign. */
  async update(m: Queryable, id: string, changes: CampaignRowChanges): Promise<boolean> {
    const p = new SqlParams();
    const sets: string[] = [];
    if (changes.name !== undefined) sets.push(`name = ${p.add(changes.name)}`);
    if (changes.description !== undefined) sets.push(`description = ${p.add(changes.description)}`);
    if (changes.endsOn !== undefined) sets.push(`ends_on = ${p.add(changes.endsOn, 'date')}`);
    if (changes.status !== undefined) sets.push(`status = ${p.add(changes.status)}`);
    if (changes.goal !== undefined) {
      sets.push(
        `goal_instrument = ${p.add(changes.goal?.instrument ?? null)}`,
        `goal_stage = ${p.add(changes.goal?.stage ?? null)}`,
        `goal_by = ${p.add(changes.goal?.by ?? null, 'date')}`,
      );
    }
    if (sets.length === 0) return true;
    const taken: { taken: boolean }[] =
      changes.name === undefined
        ? []
        : await m.query(`SELECT EXISTS (SELECT 1 FROM campaign WHERE lower(name) = lower($1) AND id <> $2) AS taken`, [
            changes.name,
            id,
          ]);
    if (taken[0]?.taken) return false;
    await m.query(
      `UPDATE campaign SET ${sets.join(', ')}, updated_at = now() WHERE id = ${p.add(id, 'uuid')}`,
      p.values,
    );
    return true;
  }

  /** Makes `stateCodes` the campaign's targets: those no longer named are dropped, new ones added. */
  async replaceStates(m: Queryable, q: { campaignId: string; stateCodes: readonly string[] }): Promise<void> {
    await m.query(`DELETE FROM campaign_state WHERE campaign_id = $1 AND NOT (state_code::text = ANY($2::text[]))`, [
      q.campaignId,
      [...q.stateCodes],
    ]);
    await m.query(
      `INSERT INTO campaign_state (campaign_id, state_code) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`,
      [q.campaignId, [...q.stateCodes]],
    );
  }

  /** The campaigns that target a state, active ones first, then by name. */
  forState(stateCode: string): Promise<{ id: string; name: string; status: CampaignStatus }[]> {
    return this.db.query(
      `SELECT c.id, c.name, c.status FROM campaign_state cs JOIN campaign c ON c.id = cs.campaign_id
       WHERE cs.state_code = $1 ORDER BY c.status = 'closed', lower(c.name)`,
      [stateCode],
    );
  }

  /**
   * A campaign's status and its target states with their regions, sorted by code, the campaign's row share-locked
   * so its targets cannot change while actions are logged for them; null when there is no such campaign.
   */
  async targetsForActions(
    m: Queryable,
    campaignId: string,
  ): Promise<{ status: CampaignStatus; targets: { code: string; region: Region }[] } | null> {
    const [row]: { status: CampaignStatus; targets: { code: string; region: Region }[] }[] = await m.query(
      `SELECT c.status,
              COALESCE((SELECT json_agg(json_build_object('code', s.code, 'region', s.region) ORDER BY s.code)
                        FROM campaign_state cs JOIN state_ref s ON s.code = cs.state_code
                        WHERE cs.campaign_id = c.id), '[]') AS targets
       FROM campaign c WHERE c.id = $1 FOR SHARE OF c`,
      [campaignId],
    );
    return row ?? null;
  }
}
