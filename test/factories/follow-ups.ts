import { randomBytes } from 'node:crypto';
import { Queryable } from '@app/platform';
import { makeUser } from './users';

export interface MadeFollowUp {
  id: string;
  stateCode: string;
  title: string;
  remindAt: Date;
  assigneeId: string;
  createdBy: string;
  actionId: string | null;
  status: 'open' | 'done' | 'cancelled';
}

/**
 * A follow-up about Kenya due in a day, open, assigned to and created by a new viewer unless said otherwise; its
 * region is its state's. `createdAt` and `closedAt` back-date it (a closed one is closed now by default).
 */
export async function makeFollowUp(
  db: Queryable,
  over: Partial<Omit<MadeFollowUp, 'id'>> & { createdAt?: Date; closedAt?: Date } = {},
): Promise<MadeFollowUp> {
  const assigneeId = over.assigneeId ?? (await makeUser(db)).id;
  const f = {
    stateCode: over.stateCode ?? 'KEN',
    title: over.title ?? `Follow-up ${randomBytes(4).toString('hex')}`,
    remindAt: over.remindAt ?? new Date(Date.now() + 86_400_000),
    assigneeId,
    createdBy: over.createdBy ?? assigneeId,
    actionId: over.actionId ?? null,
    status: over.status ?? 'open',
  };
  const closedAt = f.status === 'open' ? null : (over.closedAt ?? new Date());
  const [{ id }]: { id: string }[] = await db.query(
    `INSERT INTO follow_up (state_code, region, action_id, title, remind_at, assignee_id, created_by, status,
                            closed_at, created_at, updated_at)
     SELECT s.code, s.region, $2, $3, $4, $5, $6, $7, $8, COALESCE($9, now()), COALESCE($9, now())
     FROM state s WHERE s.code = $1
     RETURNING id`,
    [
      f.stateCode,
      f.actionId,
      f.title,
      f.remindAt,
      f.assigneeId,
      f.createdBy,
      f.status,
      closedAt,
      over.createdAt ?? null,
    ],
  );
  return { id, ...f };
}
