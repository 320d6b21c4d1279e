import { DomainError } from '@app/platform';
import { earliestDueOn, isPastReminderTime, reminderInstant, REMIND_AT_GRACE_MS } from './due-date';
import { isOverdue, overdueCutoff } from './overdue';

const refusal = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return `${e.code}: ${e.message}`;
    throw e;
  }
  return 'ok';
};

describe('reminder times', () => {
  const now = new Date('2026-12-01T10:30:00Z'); // 11:30 in Amsterdam
  const tz = 'Europe/Amsterdam';

  it('takes a time a few minutes past (a clock behind), and refuses one further back', () => {
    expect(isPastReminderTime(new Date(now.getTime() - REMIND_AT_GRACE_MS), now)).toBe(false);
    expect(isPastReminderTime(new Date(now.getTime() - REMIND_AT_GRACE_MS - 1), now)).toBe(true);
    expect(refusal(() => reminderInstant({ remindAt: new Date('2026-11-30T10:30:00Z') }, tz, now))).toBe(
      'remind-at-past: remindAt 2026-11-30T10:30:00.000Z has passed: a reminder time must be in the future ' +
        '(at most 5 minutes ago)',
    );
    expect(reminderInstant({ remindAt: new Date('2026-12-01T10:27:00Z') }, tz, now)).toEqual(
      new Date('2026-12-01T10:27:00Z'),
    );
  });

  it("refuses a due date whose 09:00 has passed, today after 09:00 included, naming dueOn and the first day that isn't", () => {
    expect(refusal(() => reminderInstant({ dueOn: '2026-12-01' }, tz, now))).toBe(
      'remind-at-past: dueOn 2026-12-01 has passed: its reminder would be at 09:00 Europe/Amsterdam that day; ' +
        'choose 2026-12-02 or later',
    );
    expect(reminderInstant({ dueOn: '2026-12-02' }, tz, now)).toEqual(new Date('2026-12-02T08:00:00Z'));
    expect(reminderInstant({ dueOn: '2026-12-01' }, tz, new Date('2026-12-01T07:59:00Z'))).toEqual(
      new Date('2026-12-01T08:00:00Z'),
    );
    expect(refusal(() => reminderInstant({ dueOn: '2029-12-01' }, tz, now))).toBe(
      'remind-at-too-far: dueOn 2029-12-01 is more than two years ahead',
    );
  });

  it('offers today as the earliest due date until 09:00 (the grace aside) in the time zone, then tomorrow', () => {
    expect(earliestDueOn(tz, new Date('2026-12-01T07:59:00Z'))).toBe('2026-12-01');
    expect(earliestDueOn(tz, new Date('2026-12-01T08:05:00Z'))).toBe('2026-12-01');
    expect(earliestDueOn(tz, new Date('2026-12-01T08:05:01Z'))).toBe('2026-12-02');
    expect(earliestDueOn(tz, now)).toBe('2026-12-02');
    // At 21:00 UTC on 1 December it is 10:00 on 2 December in Auckland: its 09:00 has passed too.
    expect(earliestDueOn('Pacific/Auckland', new Date('2026-12-01T21:00:00Z'))).toBe('2026-12-03');
    expect(earliestDueOn(tz, new Date('2026-12-31T22:00:00Z'))).toBe('2027-01-01');
  });
});

describe('overdue', () => {
  const now = new Date('2026-12-03T12:00:00Z');

  it('is a reminder time before now, whether given as text or as an instant', () => {
    expect(isOverdue('2026-12-03T11:59:59.999Z', now)).toBe(true);
    expect(isOverdue(new Date('2026-12-03T12:00:00Z'), now)).toBe(false);
    expect(isOverdue('2026-12-05T09:00:00Z', now)).toBe(false);
  });

  it("counts a week's figures at its end, or at now for the week in progress", () => {
    expect(overdueCutoff('2026-11-29T23:00:00.000Z', now)).toEqual(new Date('2026-11-29T23:00:00.000Z'));
    expect(overdueCutoff(new Date('2026-12-06T23:00:00Z'), now)).toEqual(now);
  });
});
