import { randomBytes } from 'node:crypto';
import { Queryable } from '@app/platform';
import { makeUser } from './users';

export interface MadeAction {
  id: string;
  stateCode: string;
  type: string;
  date: string;
  title: string;
  loggedBy: string;
  campaignId: string | null;
}

/**
 * A live advocacy action (a meeting about Kenya today, by default), its region taken from its state; a new viewer
 * logs it unless `loggedBy` is given. `deleted` makes it soft-deleted.
 */
export async function makeAction(
  db: Queryable,
  over: Partial<Omit<MadeAction, 'id'>> & { deleted?: boolean } = {},
): Promise<MadeAction> {
  const action = {
    stateCode: over.stateCode ?? 'KEN',
    type: over.type ?? 'meeting',
    date: over.date ?? new Date().toISOString().slice(0, 10),
    title: over.title ?? `Action ${randomBytes(4).toString('hex')}`,
    loggedBy: over.loggedBy ?? (await makeUser(db)).id,
    campaignId: over.campaignId ?? null,
  };
  const [{ id }]: { id: string }[] = await db.query(
    `INSERT INTO advocacy_action (state_code, region, type, date, title, logged_by, campaign_id, deleted_at)
     SELECT s.code, s.region, $2, $3, $4, $5, $6, CASE WHEN $7 THEN now() END FROM state s WHERE s.code = $1
     RETURNING id`,
    [action.stateCode, action.type, action.date, action.title, action.loggedBy, action.campaignId, !!over.deleted],
  );
  return { id, ...action };
}
