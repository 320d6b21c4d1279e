// Every library with its error codes, loaded together as the api loads them: a code declared by two libraries
// would throw here, at import.
import '@app/accounts';
import '@app/advocacy';
import '@app/audit';
import '@app/dashboards';
import '@app/digest';
import '@app/follow-ups';
import '@app/mail';
import '@app/states';
import { declaredErrorCodes } from '@app/platform';

describe('error codes', () => {
  it('are declared once each, by the library that owns them, with a kind', () => {
    const codes = declaredErrorCodes();
    const owners = new Set([...codes.values()].map((c) => c.module));
    expect(owners).toEqual(
      new Set(['platform', 'accounts', 'advocacy', 'digest', 'follow-ups', 'insight', 'states', 'people', 'mail']),
    );
    expect(codes.get('state-not-found')).toEqual({ module: 'states', kind: 'not-found' });
    expect(codes.get('bad-date')).toEqual({ module: 'platform', kind: 'invalid' });
    expect(codes.get('action-not-found')).toEqual({ module: 'follow-ups', kind: 'not-found' });
  });
});
