import type {} from '@fastify/csrf-protection';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { decide, REGION_NAMES, REGIONS, SignedInUser } from '@app/accounts';

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
}

export function pageContext(
  request: FastifyRequest,
  reply: FastifyReply,
  page: { title: string; section: Section; notice?: string | null },
): PageContext {
  const user = (request as FastifyRequest & { user?: SignedInUser }).user ?? null;
  return {
    title: page.title,
    user,
    csrfToken: reply.generateCsrf(),
    section: page.section,
    nav: {
      regions: REGIONS.map((r) => ({
        href: `/regions/${r}`,
        name: REGION_NAMES[r],
        current: page.section === `region:${r}`,
      })),
    },
    notice: page.notice ?? null,
    canAudit: user !== null && decide(user, 'audit.read').allowed,
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
