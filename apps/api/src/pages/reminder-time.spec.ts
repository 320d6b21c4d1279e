import { translator } from '@app/i18n';
import { reminderAt, reminderTimeError, TIME_ZONES } from './reminder-time';

const en = translator('en');

const now = new Date('2026-12-01T12:00:00Z');

describe('a reminder time given as a day, a time of day and a time zone', () => {
  it('is the instant of that wall-clock time in that zone', () => {
    expect(reminderAt({ dueOn: '2027-02-01', time: '14:30', timeZone: 'Africa/Nairobi' })).toEqual(
      new Date('2027-02-01T11:30:00Z'),
    );
    expect(reminderAt({ dueOn: '2027-07-01', time: '09:00', timeZone: 'Europe/Amsterdam' })).toEqual(
      new Date('2027-07-01T07:00:00Z'),
    );
    expect(reminderAt({ dueOn: '2027-02-30', time: '09:00', timeZone: 'UTC' })).toBeNull();
    expect(reminderAt({ dueOn: '2027-02-01', time: '9am', timeZone: 'UTC' })).toBeNull();
  });

  it('is refused by the API’s rule when it has passed beyond the grace, or is more than two years ahead', () => {
    // 12:58 in Amsterdam is 11:58 UTC: two minutes ago, within the grace.
    expect(reminderTimeError({ dueOn: '2026-12-01', time: '12:58', timeZone: 'Europe/Amsterdam' }, en, now)).toBe(
      undefined,
    );
    expect(reminderTimeError({ dueOn: '2026-12-01', time: '12:30', timeZone: 'Europe/Amsterdam' }, en, now)).toBe(
      'Choose a later time: 2026-12-01 at 12:30 (Europe/Amsterdam) has passed.',
    );
    expect(reminderTimeError({ dueOn: '2029-01-01', time: '09:00', timeZone: 'UTC' }, en, now)).toBe(
      'Choose a date at most two years ahead.',
    );
  });

  it('says a refused time in the reader’s language, the day written as they write dates', () => {
    const past = { dueOn: '2026-12-01', time: '12:30', timeZone: 'Europe/Amsterdam' };
    expect(reminderTimeError(past, translator('fr'), now)).toBe(
      'Choisissez une heure plus tardive : le 1 déc. 2026 à 12:30 (Europe/Amsterdam) est déjà passé.',
    );
    expect(reminderTimeError({ ...past, dueOn: '2029-01-01' }, translator('es'), now)).toBe(
      'Elija una fecha dentro de los próximos dos años.',
    );
  });

  it('offers UTC and the IANA zones', () => {
    expect(TIME_ZONES).toContain('UTC');
    expect(TIME_ZONES).toContain('Africa/Nairobi');
  });
});
