import { conflict, forbidden, invalid, notFound } from '@app/platform';
import { ACTION_FIELDS, checkActionForm, checkRescheduleForm, domainErrorToForm, readForm } from './forms';

const actionForm = (fields: Record<string, string>) =>
  readForm({ type: 'meeting', date: '2025-03-14', title: 'Met the minister', ...fields }, ACTION_FIELDS);

describe('page forms', () => {
  it('reads only text fields, as typed', () => {
    expect(readForm({ title: ' A ', date: ['2025-01-01', '2025-01-02'], extra: 'x' }, ['title', 'date'])).toEqual({
      title: ' A ',
      date: '',
    });
  });

  it('turns a good action form into the action and its follow-up', () => {
    const checked = checkActionForm(
      actionForm({ followUp: 'yes', followUpDueOn: '2025-04-01', summary: '  ', target: ' Minister ' }),
    );
    expect(checked).toEqual({
      ok: true,
      input: {
        action: { type: 'meeting', date: '2025-03-14', title: 'Met the minister', target: 'Minister' },
        followUp: { dueOn: '2025-04-01' },
      },
    });
  });

  it('names every wrong field of an action form with a message for people', () => {
    const checked = checkActionForm(
      actionForm({ type: 'dinner', date: '2025-02-30', title: ' ', followUp: 'yes', followUpAssigneeId: 'bob' }),
    );
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.errors).toEqual({
      type: 'Choose what kind of action this was.',
      date: 'Enter the date of the action as a real date, for example 2025-03-14.',
      title: 'Enter a title.',
      followUpDueOn: 'Enter the follow-up date as YYYY-MM-DD, for example 2025-03-14.',
      followUpAssigneeId: 'Choose who the follow-up is for.',
    });
  });

  it('ignores the follow-up fields unless a follow-up is asked for', () => {
    expect(checkActionForm(actionForm({ followUpDueOn: 'not a date' })).ok).toBe(true);
  });

  it('moves a follow-up to today or later only', () => {
    expect(checkRescheduleForm({ dueOn: '2025-03-13' }, '2025-03-14')).toEqual({
      ok: false,
      errors: { dueOn: 'Choose today or a later date.' },
    });
    expect(checkRescheduleForm({ dueOn: '2025-03-14' }, '2025-03-14').ok).toBe(true);
  });

  it("puts the domain's refusals next to their field, conflicts atop the form, and leaves the rest to error pages", () => {
    const fields = { 'bad-date': 'date' };
    expect(domainErrorToForm(invalid('bad-date', 'date 1990-01-01 is too early'), fields)).toEqual({
      date: 'Date 1990-01-01 is too early.',
    });
    expect(domainErrorToForm(conflict('event-sequence', 'already a party'), fields)).toEqual({
      form: 'Already a party.',
    });
    expect(domainErrorToForm(forbidden('not-allowed', 'no'), fields)).toBeNull();
    expect(domainErrorToForm(notFound('state-not-found', 'no'), fields)).toBeNull();
    expect(domainErrorToForm(new Error('database down'), fields)).toBeNull();
  });
});
