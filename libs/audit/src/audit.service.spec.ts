import { Queryable, runInRequestContext } from '@app/platform';
import { withoutSecrets } from './audit-entry';
import { AuditRepository, NewAuditEntry } from './audit.repository';
import { AuditService } from './audit.service';

/** A repository that keeps the entries it is given, and the transaction each was given in. */
function recordingRepository() {
  const calls: NewAuditEntry[] = [];
  const m = {} as Queryable;
  const entries = {
    insert: (given: Queryable, entry: NewAuditEntry) => {
      if (given !== m) throw new Error('the entry was not written in the caller transaction');
      calls.push(entry);
      return Promise.resolve();
    },
  };
  return { service: new AuditService(entries as unknown as AuditRepository), m, calls };
}
const ACTION = '3f0e7a6c-0d1b-4d2a-9c55-1b0f3f7f2a11';

describe('the audit trail', () => {
  it('never keeps a password, a hash or a token, at any depth', () => {
    expect(
      withoutSecrets({
        name: 'Ama',
        password: 'correct-horse',
        passwordHash: '$argon2id$…',
        passwordChanged: true,
        calendar_token_hash: 'x',
        nested: { accessToken: 'secret', tokenHash: 'y', kept: 1 },
      }),
    ).toEqual({ name: 'Ama', passwordChanged: true, nested: { kept: 1 } });
  });

  it('records who, what, before and after, with the id of the request being served', async () => {
    const { service, m, calls } = recordingRepository();
    await runInRequestContext({ requestId: 'req-42' }, () =>
      service.record(
        m,
        { id: 'u1' },
        { entity: 'action', entityId: ACTION, action: 'update', before: { t: 1 }, after: { t: 2 } },
      ),
    );
    expect(calls).toEqual([
      {
        actorId: 'u1',
        entity: 'action',
        entityId: ACTION,
        action: 'update',
        before: { t: 1 },
        after: { t: 2 },
        requestId: 'req-42',
      },
    ]);
  });

  it('records the system, and no request, outside a request', async () => {
    const { service, m, calls } = recordingRepository();
    await service.record(m, null, { entity: 'user', entityId: ACTION, action: 'create', after: { name: 'Admin' } });
    expect(calls).toEqual([
      {
        actorId: null,
        entity: 'user',
        entityId: ACTION,
        action: 'create',
        before: null,
        after: { name: 'Admin' },
        requestId: null,
      },
    ]);
  });

  it('leaves no entry for an update that changed nothing', async () => {
    const { service, m, calls } = recordingRepository();
    await service.record(
      m,
      { id: 'u1' },
      { entity: 'user', entityId: ACTION, action: 'update', before: { a: 1 }, after: { a: 1 } },
    );
    expect(calls).toEqual([]);
  });
});
