import { commonError } from '@app/platform';
import type { Region, Role } from './roles';

/** The signed-in user as the policy sees them. */
export interface Actor {
  id: string;
  name: string;
  role: Role;
  regions: readonly Region[];
}

/**
 * What a request wants to do. `regional` permissions are checked against the region of the state
 * concerned; the others are global.
 */
export type Permission =
  | 'read'
  | 'treaty.write'
  | 'implementation.write'
  | 'action.write'
  | 'follow-up.write'
  | 'campaign.write'
  | 'people.write'
  | 'people.write-unplaced'
  | 'people.personal-data'
  | 'users.manage'
  | 'audit.read'
  | 'digest.send'
  | 'depositary.review'
  | 'mail.manage';

type Scope = 'any' | 'own-regions' | 'none';

/**
 * API.md, "Who may do what", as one table; the audit trail is read by admins and the steering committee. Contacts
 * and organisations (issue 12): admins and campaign officers anywhere, regional officers for their regions' states;
 * those placed in no state only admins and campaign officers; a person's data exported or erased by admins only.
 */
const POLICY: Record<Role, Record<Permission, Scope>> = {
  admin: {
    read: 'any',
    'treaty.write': 'any',
    'implementation.write': 'any',
    'action.write': 'any',
    'follow-up.write': 'any',
    'campaign.write': 'any',
    'people.write': 'any',
    'people.write-unplaced': 'any',
    'people.personal-data': 'any',
    'users.manage': 'any',
    'audit.read': 'any',
    // Sending a week's digest now (its preview is a read, open to every signed-in user).
    'digest.send': 'any',
    // Importing what the depositary publishes, and accepting or rejecting what it proposes.
    'depositary.review': 'any',
    // The outbox's failed and uncertain emails, and sending one again.
    'mail.manage': 'any',
  },
  'campaign-officer': {
    read: 'any',
    'treaty.write': 'own-regions',
    'implementation.write': 'own-regions',
    'action.write': 'any',
    'follow-up.write': 'any',
    'campaign.write': 'any',
    'people.write': 'any',
    'people.write-unplaced': 'any',
    'people.personal-data': 'none',
    'users.manage': 'none',
    'audit.read': 'none',
    'digest.send': 'none',
    'depositary.review': 'none',
    'mail.manage': 'none',
  },
  'regional-officer': {
    read: 'any',
    'treaty.write': 'own-regions',
    'implementation.write': 'own-regions',
    'action.write': 'own-regions',
    'follow-up.write': 'own-regions',
    'campaign.write': 'none',
    'people.write': 'own-regions',
    'people.write-unplaced': 'none',
    'people.personal-data': 'none',
    'users.manage': 'none',
    'audit.read': 'none',
    'digest.send': 'none',
    'depositary.review': 'none',
    'mail.manage': 'none',
  },
  'steering-committee': {
    read: 'any',
    'treaty.write': 'none',
    'implementation.write': 'none',
    'action.write': 'none',
    'follow-up.write': 'none',
    'campaign.write': 'none',
    'people.write': 'none',
    'people.write-unplaced': 'none',
    'people.personal-data': 'none',
    'users.manage': 'none',
    'audit.read': 'any',
    'digest.send': 'none',
    'depositary.review': 'none',
    'mail.manage': 'none',
  },
  viewer: {
    read: 'any',
    'treaty.write': 'none',
    'implementation.write': 'none',
    'action.write': 'none',
    'follow-up.write': 'none',
    'campaign.write': 'none',
    'people.write': 'none',
    'people.write-unplaced': 'none',
    'people.personal-data': 'none',
    'users.manage': 'none',
    'audit.read': 'none',
    'digest.send': 'none',
    'depositary.review': 'none',
    'mail.manage': 'none',
  },
};

export interface Decision {
  allowed: boolean;
  reason?: string;
}

/**
 * May `actor` do `permission`, on a state of `region` when one is concerned?
 * Without a region, a region-scoped permission answers whether the actor may do it anywhere at all.
 */
export function decide(actor: Actor, permission: Permission, region?: Region): Decision {
  const scope = POLICY[actor.role][permission];
  switch (scope) {
    case 'any':
      return { allowed: true };
    case 'none':
      return { allowed: false, reason: `role ${actor.role} may not ${describe(permission)}` };
    case 'own-regions':
      if (region === undefined) {
        return actor.regions.length > 0
          ? { allowed: true }
          : { allowed: false, reason: `role ${actor.role} with no regions may not ${describe(permission)}` };
      }
      return actor.regions.includes(region)
        ? { allowed: true }
        : {
            allowed: false,
            reason: `role ${actor.role} may ${describe(permission)} only for states in ${
              actor.regions.length ? actor.regions.join(', ') : 'their assigned regions (none assigned)'
            }, not ${region}`,
          };
  }
}

function describe(permission: Permission): string {
  switch (permission) {
    case 'read':
      return 'read';
    case 'treaty.write':
      return 'record treaty events';
    case 'implementation.write':
      return 'update implementing legislation';
    case 'action.write':
      return 'log or change advocacy actions';
    case 'follow-up.write':
      return 'set or change follow-ups';
    case 'campaign.write':
      return 'manage campaigns';
    case 'people.write':
      return 'create or change contacts and organisations';
    case 'people.write-unplaced':
      return 'create or change contacts and organisations not placed in a state';
    case 'people.personal-data':
      return 'export or erase the data held on a person';
    case 'users.manage':
      return 'manage users';
    case 'audit.read':
      return 'read the audit trail';
    case 'depositary.review':
      return 'import or review depositary records';
    case 'digest.send':
      return 'send the weekly digest';
    case 'mail.manage':
      return 'review or resend emails';
  }
}

/** Throws the domain's 'forbidden' error, naming why, unless the policy allows it. */
export function assertAllowed(actor: Actor, permission: Permission, region?: Region): void {
  const decision = decide(actor, permission, region);
  if (!decision.allowed) throw commonError('not-allowed', decision.reason ?? 'not allowed');
}
