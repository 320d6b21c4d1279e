import { randomBytes } from 'node:crypto';
import { Queryable } from '@app/platform';

export interface MadeUser {
  id: string;
  email: string;
  name: string;
  role: string;
  regions: string[];
}

/** A user of the given role (a viewer by default), with a unique email; no password, so no one can sign in as it. */
export async function makeUser(db: Queryable, over: Partial<Omit<MadeUser, 'id'>> & { active?: boolean } = {}) {
  const tag = randomBytes(4).toString('hex');
  const user = {
    email: over.email ?? `user-${tag}@tracker.test`,
    name: over.name ?? `User ${tag}`,
    role: over.role ?? 'viewer',
    regions: over.regions ?? [],
  };
  const [{ id }]: { id: string }[] = await db.query(
    `INSERT INTO app_user (email, name, role, regions, active) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [user.email, user.name, user.role, user.regions, over.active ?? true],
  );
  return { id, ...user } satisfies MadeUser;
}
