import { escapeHtml, isolate } from '@app/platform';

export interface LinkFacts {
  name: string;
  link: string;
  expiresAt: Date;
}

const until = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

function layout(paragraphs: string[], link: string, button: string, footer: string): string {
  return `<!doctype html><html><body style="font-family:Arial,Helvetica,sans-serif;color:#222;font-size:15px">
${paragraphs.map((p) => `<p style="margin:0 0 12px">${escapeHtml(p)}</p>`).join('\n')}
<p style="margin:16px 0"><a href="${escapeHtml(link)}" style="color:#0b57d0">${escapeHtml(button)}</a></p>
<p style="color:#777;font-size:12px">${escapeHtml(footer)}</p></body></html>`;
}

function text(paragraphs: string[], link: string, footer: string): string {
  return [...paragraphs.flatMap((p) => [p, '']), link, '', footer].join('\n');
}

export function invitationEmail(f: LinkFacts & { invitedBy: string; role: string }) {
  const subject = 'Your account on the Rome Statute campaign tracker';
  const paragraphs = [
    `Dear ${isolate(f.name)},`,
    `${isolate(f.invitedBy)} has created an account for you on the Rome Statute campaign tracker (role: ${f.role}).`,
    `Choose your password with the link below. It works once, until ${until(f.expiresAt)}.`,
  ];
  const footer =
    'If the link has expired, ask for a password reset on the sign-in page or ask an administrator for a new invitation.';
  return {
    subject,
    html: layout(paragraphs, f.link, 'Choose your password', footer),
    text: text(paragraphs, f.link, footer),
  };
}

export function passwordResetEmail(f: LinkFacts) {
  const subject = 'Reset your password for the Rome Statute campaign tracker';
  const paragraphs = [
    `Dear ${isolate(f.name)},`,
    'Someone, probably you, asked to reset the password of your account on the Rome Statute campaign tracker.',
    `Choose a new password with the link below. It works once, until ${until(f.expiresAt)}.`,
  ];
  const footer = 'If you did not ask for this, ignore this email: your password stays as it is.';
  return {
    subject,
    html: layout(paragraphs, f.link, 'Choose a new password', footer),
    text: text(paragraphs, f.link, footer),
  };
}
