import type {} from '@fastify/csrf-protection';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { decide, REGIONS, SignedInUser } from '@app/accounts';
import { regionName } from './labels';
import { type Locale, translator, type Translator } from '@app/i18n';
import { languageLinks, pageLocale } from './page-locale';
import { type ViewHelpers, viewHelpersFor } from './view-helpers';

/** Which entry of the main navigation a page belongs to. */
export type Section =
  | 'world'
  | `region:${string}`
  | 'actions'
  | 'campaigns'
  | 'follow-ups'
  | 'people'
  | 'depositary'
  | 'me'
  | 'digest'
  | 'admin'
  | 'none';

/** What the layout needs on every page: who is signed in, the form token, the navigation. */
export interface PageContext {
  title: string;
  user: SignedInUser | null;
  csrfToken: string;
  section: Section;
  nav: { regions: { href: string; name: string; current: boolean }[] };
  /** A one-line confirmation after a form was saved. */
  notice: string | null;
  /** Whether the reader may open a record's history (the audit trail): the "History" links show only then. */
  canAudit: boolean;
  /** The page's language and writing direction, and its messages: `it.t('common.nav.world')`. */
  locale: Locale;
  dir: 'ltr' | 'rtl';
  t: Translator['t'];
  /** The template helpers, in the page's language. */
  h: ViewHelpers;
  /** The language switcher's links, for signed-out pages (a signed-in reader sets theirs on /me). */
  languages: ReturnType<typeof languageLinks>;
}

export function pageContext(
  request: FastifyRequest,
  reply: FastifyReply,
  page: { title: string; section: Section; notice?: string | null },
): PageContext {
  const user = (request as FastifyRequest & { user?: SignedInUser }).user ?? null;
  const locale = pageLocale(request);
  const tr = translator(locale);
  return {
    title: page.title,
    user,
    csrfToken: reply.generateCsrf(),
    section: page.section,
    nav: {
      regions: REGIONS.map((r) => ({
        href: `/regions/${r}`,
        name: regionName(r, tr),
        current: page.section === `region:${r}`,
      })),
    },
    notice: page.notice ?? null,
    canAudit: user !== null && decide(user, 'audit.read').allowed,
    locale,
    dir: tr.dir,
    t: (key, values) => tr.t(key, values),
    h: viewHelpersFor(locale),
    languages: user ? [] : languageLinks(request, locale),
  };
}

/** Renders a template with the layout's context; pages are personal, so no shared cache keeps them. */
export async function renderPage(
  reply: FastifyReply,
  template: string,
  context: PageContext,
  data: object,
  status = 200,
): Promise<string> {
  void reply.status(status).header('cache-control', 'private, no-cache');
  return reply.viewAsync(template, { ...context, ...data });
}

/** The confirmation a `?saved=` names, from the page's own table only (not "constructor" or "__proto__"). */
export function noticeOf(notices: Readonly<Record<string, string>>, saved: unknown): string | undefined {
  return typeof saved === 'string' && Object.hasOwn(notices, saved) ? notices[saved] : undefined;
}
