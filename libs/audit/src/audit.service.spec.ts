import { DataSource, EntityManager } from 'typeorm';
import { runInRequestContext } from '@app/platform';
import { withoutSecrets } from './audit-entry';
import { AuditService } from './audit.service';

/** An entity manager that keeps the statements it is given. */
function recordingManager() {
  const calls: unknown[][] = [];
  const m = { query: (_sql: string, params: unknown[]) => Promise.resolve(calls.push(params)) };
  return { m: m as unknown as EntityManager, calls };
}

const service = new AuditService({} as DataSource);
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
    const { m, calls } = recordingManager();
    await runInRequestContext({ requestId: 'req-42' }, () =>
      service.record(
        m,
        { id: 'u1' },
        { entity: 'action', entityId: ACTION, action: 'update', before: { t: 1 }, after: { t: 2 } },
      ),
    );
    expect(calls).toEqual([['u1', 'action', ACTION, 'update', '{"t":1}', '{"t":2}', 'req-42']]);
  });

  it('records the system, and no request, outside a request', async () => {
    const { m, calls } = recordingManager();
    await service.record(m, null, { entity: 'user', entityId: ACTION, action: 'create', after: { name: 'Admin' } });
    expect(calls).toEqual([[null, 'user', ACTION, 'create', null, '{"name":"Admin"}', null]]);
  });

  it('leaves no entry for an update that changed nothing', async () => {
    const { m, calls } = recordingManager();
    await service.record(
      m,
      { id: 'u1' },
      { entity: 'user', entityId: ACTION, action: 'update', before: { a: 1 }, after: { a: 1 } },
    );
    expect(calls).toEqual([]);
  });
});
