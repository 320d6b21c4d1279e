import { DEFAULT_LOCALE, type Locale, msg, translator, type Translator } from '@app/i18n';
import { escapeHtml, isolate } from '@app/platform';
import type { Role } from './roles';

export interface LinkFacts {
  name: string;
  link: string;
  expiresAt: Date;
}

/** The roles as an invitation names them; English names the role by its code, as it always has. */
const ROLE_NAMES: Record<Role, string> = {
  admin: msg('emails.role.admin'),
  'campaign-officer': msg('emails.role.campaign-officer'),
  'regional-officer': msg('emails.role.regional-officer'),
  'steering-committee': msg('emails.role.steering-committee'),
  viewer: msg('emails.role.viewer'),
};

/** "2027-01-01 10:00 UTC" in English; in the other languages the date as they write it, and the time in UTC. */
function until(tr: Translator, d: Date): string {
  return tr.locale === DEFAULT_LOCALE
    ? `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`
    : tr.instant(d.toISOString());
}

/** The root element's attributes: none in English, as before; the language (and Arabic's direction) otherwise. */
function emailRootAttributes(tr: Translator): string {
  if (tr.locale === DEFAULT_LOCALE) return '';
  return tr.dir === 'rtl' ? ` dir="rtl" lang="${tr.locale}"` : ` lang="${tr.locale}"`;
}

function layout(tr: Translator, paragraphs: string[], link: string, button: string, footer: string): string {
  return `<!doctype html><html${emailRootAttributes(tr)}><body style="font-family:Arial,Helvetica,sans-serif;color:#222;font-size:15px">
${paragraphs.map((p) => `<p style="margin:0 0 12px">${escapeHtml(p)}</p>`).join('\n')}
<p style="margin:16px 0"><a href="${escapeHtml(link)}" style="color:#0b57d0">${escapeHtml(button)}</a></p>
<p style="color:#777;font-size:12px">${escapeHtml(footer)}</p></body></html>`;
}

function text(paragraphs: string[], link: string, footer: string): string {
  return [...paragraphs.flatMap((p) => [p, '']), link, '', footer].join('\n');
}

/** An invitation in the invitee's language; `invitedBy` null says "An administrator" in it. */
export function invitationEmail(
  f: LinkFacts & { invitedBy: string | null; role: string },
  locale: Locale = DEFAULT_LOCALE,
) {
  const tr = translator(locale);
  const subject = tr.t('emails.invitation.subject');
  const role = f.role in ROLE_NAMES ? tr.t(ROLE_NAMES[f.role as Role]) : f.role;
  const invitedBy = f.invitedBy === null ? tr.t('emails.invitation.anAdministrator') : isolate(f.invitedBy);
  const paragraphs = [
    tr.t('emails.dear', { name: isolate(f.name) }),
    tr.t('emails.invitation.created', { invitedBy, role }),
    tr.t('emails.invitation.choose', { until: until(tr, f.expiresAt) }),
  ];
  const footer = tr.t('emails.invitation.footer');
  return {
    subject,
    html: layout(tr, paragraphs, f.link, tr.t('emails.invitation.button'), footer),
    text: text(paragraphs, f.link, footer),
  };
}

export function passwordResetEmail(f: LinkFacts, locale: Locale = DEFAULT_LOCALE) {
  const tr = translator(locale);
  const subject = tr.t('emails.reset.subject');
  const paragraphs = [
    tr.t('emails.dear', { name: isolate(f.name) }),
    tr.t('emails.reset.asked'),
    tr.t('emails.reset.choose', { until: until(tr, f.expiresAt) }),
  ];
  const footer = tr.t('emails.reset.footer');
  return {
    subject,
    html: layout(tr, paragraphs, f.link, tr.t('emails.reset.button'), footer),
    text: text(paragraphs, f.link, footer),
  };
}
