import { escalationEmail, reminderEmail } from './follow-up.emails';

const RLO = '\u202E';
const facts = {
  followUpId: 'f1',
  title: `${RLO}Call the ministry`,
  note: `${RLO}Ask for the bill`,
  stateName: 'Kenya',
  remindAt: new Date('2027-02-01T09:00:00Z'),
  assigneeName: `${RLO}Ama`,
  link: 'https://tracker.example.org/follow-ups',
};
const isolated = (s: string) => `\u2068${s}\u2069`;

describe('follow-up emails', () => {
  it('isolate the title, note and names users typed, in the subject and the text', () => {
    const reminder = reminderEmail(facts);
    expect(reminder.subject).toBe(`Follow-up due: ${isolated(facts.title)} (Kenya)`);
    expect(reminder.text).toContain(`Follow-up: ${isolated(facts.title)}`);
    expect(reminder.text).toContain(`Note: ${isolated(facts.note)}`);
    const escalation = escalationEmail(facts, 3);
    expect(escalation.subject).toBe(`Overdue follow-up: ${isolated(facts.title)} (Kenya)`);
    expect(escalation.text).toContain(`Assigned to: ${isolated(facts.assigneeName)}`);
  });

  it('leave text written left to right as it is', () => {
    expect(reminderEmail({ ...facts, title: 'Call the ministry' }).subject).toBe(
      'Follow-up due: Call the ministry (Kenya)',
    );
  });

  it('write to the recipient in their language, with the date as it is written there', () => {
    const reminder = reminderEmail({ ...facts, title: 'Appeler le ministère', note: null }, 'fr');
    expect(reminder.subject).toBe('Suivi à faire : Appeler le ministère (Kenya)');
    expect(reminder.text).toContain('Échéance : 1 févr. 2027, 09:00 UTC');
    expect(reminder.html).toContain('<html lang="fr">');
    const escalation = escalationEmail({ ...facts, stateName: 'كينيا' }, 1, 'ar');
    expect(escalation.html).toContain('<html dir="rtl" lang="ar">');
    expect(escalation.text).toContain('بعد يوم واحد من موعد استحقاقها');
    expect(escalationEmail(facts, 3, 'es').text).toContain('Sigue abierto 3 días después de su vencimiento.');
  });
});
