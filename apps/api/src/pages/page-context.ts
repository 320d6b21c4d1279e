import type {} from '@fastify/csrf-protection';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { decide, REGIONS, SignedInUser } from '@app/accounts';
import { regionName } from './labels';
import { type Locale, translator, type Translator } from '@app/i18n';
import type { DataRevision, RevisionCache } from '@app/platform';
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

/** Where the layout's body goes, while the layout is rendered on its own: no rendered text holds a NUL. */
const BODY_MARK = '\u0000body\u0000';
/** Where a kept body's forms take each request's own form token. */
const TOKEN_MARK = '\u0000csrf\u0000';

/**
 * A page's body rendered once for many requests, kept as the bytes it is sent as and cut where each request's
 * form token goes: a request then encodes only the layout's few kilobytes and its token.
 */
export class KeptBody {
  private readonly parts: Buffer[];

  constructor(html: string) {
    this.parts = html.split(TOKEN_MARK).map((part) => Buffer.from(part));
  }

  /**
   * The context to render a kept body with: the reader's own (what they may do, their name as the default
   * assignee), for a body kept per reader, with a mark for the form token; or `shared`, with nothing of the
   * reader's, for a body shown to every reader of the language, so that nothing of one reader reaches another.
   */
  static context(context: PageContext, scope: 'reader' | 'shared'): PageContext {
    return scope === 'reader'
      ? { ...context, csrfToken: TOKEN_MARK }
      : { ...context, user: null, csrfToken: '', canAudit: false, notice: null, languages: [] };
  }

  /** The body's bytes with a request's form token in its forms. */
  withToken(csrfToken: string): Buffer[] {
    const token = Buffer.from(csrfToken);
    return this.parts.flatMap((part, i) => (i === 0 ? [part] : [token, part]));
  }
}

/**
 * Renders the layout, with the reader's own parts (their name, the form token, the navigation), around a body
 * rendered beforehand: a KeptBody, or one rendered for this request alone.
 */
export async function renderAroundBody(
  reply: FastifyReply,
  context: PageContext,
  body: KeptBody,
  status = 200,
): Promise<Buffer> {
  const layout: string = await reply.viewAsync('layout', { ...context, body: BODY_MARK });
  const at = layout.indexOf(BODY_MARK);
  void reply.status(status).header('cache-control', 'private, no-cache').type('text/html; charset=utf-8');
  return Buffer.concat([
    Buffer.from(layout.slice(0, at)),
    ...body.withToken(context.csrfToken),
    Buffer.from(layout.slice(at + BODY_MARK.length)),
  ]);
}

/** A page's body rendered with the context its scope allows (KeptBody.context). */
async function renderBody(
  reply: FastifyReply,
  context: PageContext,
  scope: 'reader' | 'shared',
  template: string,
  view: object,
): Promise<KeptBody> {
  return new KeptBody(await reply.viewAsync(template, { ...KeptBody.context(context, scope), ...view }));
}

/** Sends a page whose body is for this request alone (a form sent back with its errors): rendered, never kept. */
export async function sendUnkeptPage(
  reply: FastifyReply,
  context: PageContext,
  page: { template: string; view: object; status?: number },
): Promise<void> {
  const body = await renderBody(reply, context, 'reader', page.template, page.view);
  return void reply.send(await renderAroundBody(reply, context, body, page.status));
}

/**
 * Pages whose body is kept for a revision of the records (DataRevision): rendered once, then only the layout per
 * request. A 'reader' body may hold what its reader may do and is kept for that reader alone (their id is part of
 * every key); a 'shared' body holds nothing of any reader's and is kept for every reader of the language.
 */
export class KeptBodies {
  private readonly kept: RevisionCache<KeptBody>;

  constructor(
    records: DataRevision,
    private readonly scope: 'reader' | 'shared',
    limit: number,
  ) {
    this.kept = records.cache<KeptBody>(limit);
  }

  /**
   * Sends the page: its body for `key` (naming all it depends on besides the records, the reader and the language)
   * as kept for `revision`, or rendered from `template` and `view()` and kept.
   */
  async send(
    reply: FastifyReply,
    context: PageContext,
    page: { revision: number; key: string; template: string; view: () => object | Promise<object>; status?: number },
  ): Promise<void> {
    const reader = this.scope === 'reader' ? `${context.user?.id ?? 'signed-out'} ` : '';
    const body = await this.kept.get(`${reader}${context.locale} ${page.key}`, page.revision, async () =>
      renderBody(reply, context, this.scope, page.template, await page.view()),
    );
    return void reply.send(await renderAroundBody(reply, context, body, page.status));
  }
}

/** The confirmation a `?saved=` names, from the page's own table only (not "constructor" or "__proto__"). */
export function noticeOf(notices: Readonly<Record<string, string>>, saved: unknown): string | undefined {
  return typeof saved === 'string' && Object.hasOwn(notices, saved) ? notices[saved] : undefined;
}
