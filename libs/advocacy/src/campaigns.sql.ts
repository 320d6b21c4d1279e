/** SQL for campaigns. Each read is one statement; a campaign's states come with it as a sorted array. */
import type { CampaignView } from './campaigns.service';

const CAMPAIGN_COLUMNS = `
  c.id, c.name, c.description, c.instrument,
  ARRAY(SELECT cs.state_code::text FROM campaign_state cs WHERE cs.campaign_id = c.id ORDER BY cs.state_code)
    AS "stateCodes",
  to_char(c.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(c.ends_on, 'YYYY-MM-DD') AS "endsOn",
  c.created_by AS "createdById", u.name AS "createdByName", c.created_at AS "createdAt"`;

export type CampaignRow = Omit<CampaignView, 'createdBy' | 'createdAt'> & {
  createdById: string;
  createdByName: string;
  createdAt: Date;
};

/** $1 id. */
export const ONE_CAMPAIGN_SQL = `
  SELECT ${CAMPAIGN_COLUMNS}
  FROM campaign c JOIN app_user u ON u.id = c.created_by
  WHERE c.id = $1`;

/**
 * $1 lower(name) of the last campaign of the previous page, or null; $2 rows to return. Ordered by the
 * expression of the unique index campaign_name_idx, which is also the cursor.
 */
export const LIST_CAMPAIGNS_SQL = `
  SELECT ${CAMPAIGN_COLUMNS}, lower(c.name) AS "sortKey"
  FROM campaign c JOIN app_user u ON u.id = c.created_by
  WHERE $1::text IS NULL OR lower(c.name) > $1
  ORDER BY lower(c.name)
  LIMIT $2`;

/** $1 text[] of codes; those that are not a state. */
export const UNKNOWN_STATES_SQL = `
  SELECT x.code FROM unnest($1::text[]) AS x(code)
  WHERE NOT EXISTS (SELECT 1 FROM state s WHERE s.code::text = x.code)
  ORDER BY x.code`;

/** $1 name … $6 created_by. Returns no row when the name is taken in any case (the unique index decides). */
export const INSERT_CAMPAIGN_SQL = `
  INSERT INTO campaign (name, description, instrument, starts_on, ends_on, created_by)
  VALUES ($1, $2, $3, $4, $5, $6)
  ON CONFLICT ((lower(name))) DO NOTHING
  RETURNING id`;

/** $1 campaign id; $2 text[] of state codes. */
export const INSERT_CAMPAIGN_STATES_SQL = `
  INSERT INTO campaign_state (campaign_id, state_code) SELECT $1, unnest($2::text[])`;
