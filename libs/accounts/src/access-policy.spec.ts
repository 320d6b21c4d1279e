import { Actor, assertAllowed, decide } from './access-policy';
import type { Region, Role } from './roles';

const actor = (role: Role, regions: Region[] = []): Actor => ({ id: 'u1', name: 'U', role, regions });

describe('the access policy (API.md, who may do what)', () => {
  it('lets an admin do everything everywhere', () => {
    expect(decide(actor('admin'), 'users.manage').allowed).toBe(true);
    expect(decide(actor('admin'), 'treaty.write', 'mena').allowed).toBe(true);
  });

  it('lets a campaign officer log actions for any state but record treaty events only in their regions', () => {
    const officer = actor('campaign-officer', ['africa']);
    expect(decide(officer, 'action.write', 'europe').allowed).toBe(true);
    expect(decide(officer, 'treaty.write', 'africa').allowed).toBe(true);
    const refused = decide(officer, 'treaty.write', 'europe');
    expect(refused).toEqual({
      allowed: false,
      reason: expect.stringContaining('only for states in africa, not europe'),
    });
  });

  it('keeps a regional officer to their regions for actions, follow-ups, treaty events and implementation', () => {
    const officer = actor('regional-officer', ['americas', 'europe']);
    for (const p of ['action.write', 'follow-up.write', 'treaty.write', 'implementation.write'] as const) {
      expect(decide(officer, p, 'europe').allowed).toBe(true);
      expect(decide(officer, p, 'asia-pacific').allowed).toBe(false);
    }
    expect(decide(officer, 'campaign.write').allowed).toBe(false);
  });

  it('gives the steering committee and viewers read access only', () => {
    for (const role of ['steering-committee', 'viewer'] as const) {
      expect(decide(actor(role, ['africa']), 'read').allowed).toBe(true);
      expect(decide(actor(role, ['africa']), 'treaty.write', 'africa').allowed).toBe(false);
      expect(decide(actor(role), 'users.manage').allowed).toBe(false);
    }
  });

  it('lets only admins and the steering committee read the audit trail', () => {
    expect(decide(actor('admin'), 'audit.read').allowed).toBe(true);
    expect(decide(actor('steering-committee'), 'audit.read').allowed).toBe(true);
    for (const role of ['campaign-officer', 'regional-officer', 'viewer'] as const) {
      expect(decide(actor(role, ['africa']), 'audit.read')).toEqual({
        allowed: false,
        reason: `role ${role} may not read the audit trail`,
      });
    }
  });

  it('lets only an admin send the weekly digest, which everyone signed in may preview (a read)', () => {
    expect(decide(actor('admin'), 'digest.send').allowed).toBe(true);
    for (const role of ['campaign-officer', 'regional-officer', 'steering-committee', 'viewer'] as const) {
      expect(decide(actor(role, ['africa']), 'digest.send')).toEqual({
        allowed: false,
        reason: `role ${role} may not send the weekly digest`,
      });
      expect(decide(actor(role), 'read').allowed).toBe(true);
    }
  });

  it('refuses a regional permission to someone with no regions assigned', () => {
    expect(decide(actor('regional-officer'), 'treaty.write').allowed).toBe(false);
  });

  it('throws a forbidden domain error naming the reason', () => {
    expect(() => assertAllowed(actor('viewer'), 'treaty.write', 'africa')).toThrow(
      'role viewer may not record treaty events',
    );
  });
});
