import { invitationEmail, passwordResetEmail } from './account.emails';

const RLO = '\u202E';
const facts = { link: 'https://tracker.example.org/set-password?token=x', expiresAt: new Date('2027-01-01T10:00:00Z') };

describe('account emails', () => {
  it('isolate the names users typed, so an override in one reaches no further than the name', () => {
    const invitation = invitationEmail({ ...facts, name: `${RLO}Ama`, invitedBy: `${RLO}Kofi`, role: 'viewer' });
    expect(invitation.text).toContain(`Dear \u2068${RLO}Ama\u2069,`);
    expect(invitation.text).toContain(`\u2068${RLO}Kofi\u2069 has created an account for you`);
    expect(invitation.html).toContain(`Dear \u2068${RLO}Ama\u2069,`);
    expect(passwordResetEmail({ ...facts, name: `${RLO}Ama` }).text).toContain(`Dear \u2068${RLO}Ama\u2069,`);
  });

  it('leave names written left to right as they are', () => {
    expect(passwordResetEmail({ ...facts, name: 'Ama Mensah' }).text).toContain('Dear Ama Mensah,');
  });

  it('write to the invitee in their language, naming the role in it', () => {
    const invitation = invitationEmail({ ...facts, name: 'Ana', invitedBy: null, role: 'viewer' }, 'es');
    expect(invitation.subject).toBe('Su cuenta en la herramienta de seguimiento de la campaña por el Estatuto de Roma');
    expect(invitation.text).toContain('Un administrador ha creado una cuenta para usted');
    expect(invitation.text).toContain('(función: lector)');
    expect(invitation.text).toContain('hasta el 1 ene 2027, 10:00 UTC');
    expect(passwordResetEmail({ ...facts, name: 'Ama' }, 'ar').html).toContain('<html dir="rtl" lang="ar">');
  });
});
