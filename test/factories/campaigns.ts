import { randomBytes } from 'node:crypto';
import { Queryable } from '@app/platform';
import { makeUser } from './users';

export interface MadeCampaign {
  id: string;
  name: string;
  createdBy: string;
  stateCodes: string[];
}

/** A campaign with a unique name, created by a new viewer unless `createdBy` is given, targeting `stateCodes`. */
export async function makeCampaign(db: Queryable, over: Partial<Omit<MadeCampaign, 'id'>> = {}): Promise<MadeCampaign> {
  const campaign = {
    name: over.name ?? `Campaign ${randomBytes(4).toString('hex')}`,
    createdBy: over.createdBy ?? (await makeUser(db)).id,
    stateCodes: over.stateCodes ?? [],
  };
  const [{ id }]: { id: string }[] = await db.query(
    `INSERT INTO campaign (name, created_by) VALUES ($1, $2) RETURNING id`,
    [campaign.name, campaign.createdBy],
  );
  if (campaign.stateCodes.length > 0) {
    await db.query(`INSERT INTO campaign_state (campaign_id, state_code) SELECT $1, unnest($2::text[])`, [
      id,
      campaign.stateCodes,
    ]);
  }
  return { id, ...campaign };
}
