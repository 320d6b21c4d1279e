import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Queryable } from '@app/platform';
import type { Instrument } from '@app/states';
import { CAMPAIGN_JOINS, CAMPAIGN_JSON, CampaignView } from './campaign.view';

export interface NewCampaignRow {
  name: string;
  description: string | null;
  instrument: Instrument | null;
  startsOn: string | null;
  endsOn: string | null;
  createdBy: string;
}

/** The campaign and campaign_state tables, which the advocacy library alone writes and reads. */
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
    const [row]: { view: CampaignView }[] = await m.query(
      `SELECT ${CAMPAIGN_JSON} AS view FROM campaign c ${CAMPAIGN_JOINS} WHERE c.id = $1`,
      [id],
    );
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
}
