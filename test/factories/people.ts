import { randomBytes } from 'node:crypto';
import { Queryable } from '@app/platform';
import { makeUser } from './users';

/** A live organisation (a member NGO in Kenya by default), created by a new viewer unless `createdBy` is given. */
export async function makeOrganisation(
  db: Queryable,
  over: { name?: string; kind?: string; stateCode?: string | null; createdBy?: string } = {},
): Promise<{ id: string; name: string; stateCode: string | null }> {
  const name = over.name ?? `Organisation ${randomBytes(4).toString('hex')}`;
  const stateCode = over.stateCode === undefined ? 'KEN' : over.stateCode;
  const createdBy = over.createdBy ?? (await makeUser(db)).id;
  const [{ id }]: { id: string }[] = await db.query(
    `INSERT INTO organisation (name, kind, state_code, region, created_by)
     VALUES ($1, $2, $3, (SELECT region FROM state WHERE code = $3), $4) RETURNING id`,
    [name, over.kind ?? 'member-ngo', stateCode, createdBy],
  );
  return { id, name, stateCode };
}

/** A live contact (in Kenya by default, kept on legitimate interest), created by a new viewer unless given. */
export async function makeContact(
  db: Queryable,
  over: {
    name?: string;
    position?: string;
    stateCode?: string | null;
    organisationId?: string;
    email?: string;
    createdBy?: string;
  } = {},
): Promise<{ id: string; name: string; stateCode: string | null }> {
  const name = over.name ?? `Contact ${randomBytes(4).toString('hex')}`;
  const stateCode = over.stateCode === undefined ? 'KEN' : over.stateCode;
  const createdBy = over.createdBy ?? (await makeUser(db)).id;
  const [{ id }]: { id: string }[] = await db.query(
    `INSERT INTO contact (name, position, state_code, region, organisation_id, email, lawful_basis, created_by)
     VALUES ($1, $2, $3, (SELECT region FROM state WHERE code = $3), $4, $5, 'legitimate-interest', $6) RETURNING id`,
    [name, over.position ?? null, stateCode, over.organisationId ?? null, over.email ?? null, createdBy],
  );
  return { id, name, stateCode };
}
