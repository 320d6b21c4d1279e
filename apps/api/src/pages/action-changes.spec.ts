import type { ActionView } from '@app/advocacy';
import { translator } from '@app/i18n';
import { changedFields, readSaved, savedNotice, savedParam } from './action-changes';

const action: ActionView = {
  id: '4b9f3a8e-3d4c-4b8e-9f3a-8e3d4c4b8e9f',
  stateCode: 'KEN',
  stateName: 'Kenya',
  region: 'africa',
  type: 'meeting',
  date: '2025-03-14',
  title: 'Met the minister',
  summary: null,
  target: null,
  outcome: null,
  campaignId: null,
  loggedBy: { id: 'u', name: 'Amina' },
  contactIds: [],
  organisationIds: [],
  createdAt: '2025-03-14T10:00:00.000Z',
  updatedAt: '2025-03-14T10:00:00.000Z',
};

describe('the confirmation after changing an action', () => {
  it('names the fields that changed, and only those', () => {
    const after = { ...action, title: 'Met the Attorney General', outcome: 'Bill tabled', updatedAt: 'later' };
    const fields = changedFields(action, after);
    expect(fields).toEqual(['title', 'outcome']);
    expect(savedNotice(readSaved(savedParam(fields))!)).toBe('Action saved: title and outcome changed.');
    expect(changedFields(action, { ...action, contactIds: ['c1'], date: '2025-03-15', type: 'call' })).toEqual([
      'type',
      'date',
      'contactIds',
    ]);
    expect(savedNotice(['type', 'date', 'contactIds'])).toBe('Action saved: kind, date and people changed.');
  });

  it('says when nothing changed, and ignores a saved= that names no field', () => {
    expect(savedNotice(readSaved(savedParam(changedFields(action, action)))!)).toBe(
      'Nothing to save: the action already read so.',
    );
    expect(readSaved('loggedBy,<b>')).toBeNull();
    expect(readSaved(undefined)).toBeNull();
  });

  it('names the fields in the reader’s language, agreeing with how many changed', () => {
    expect(savedNotice(['title'], translator('fr'))).toBe('Action enregistrée ; champ modifié : titre.');
    expect(savedNotice(['title', 'outcome'], translator('fr'))).toBe(
      'Action enregistrée ; champs modifiés : titre et résultat.',
    );
    expect(savedNotice(['type', 'date', 'contactIds'], translator('es'))).toBe(
      'Acción guardada; campos modificados: tipo, fecha y personas.',
    );
  });
});
