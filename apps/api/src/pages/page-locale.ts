import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SignedInUser } from '@app/accounts';
import { isLocale, type Locale, LOCALE_NAMES, LOCALES, negotiateLocale, translator, type Translator } from '@app/i18n';
import { publicUrl } from './page-routing';
import { cookieOptions } from './session';

/** Remembers the language a signed-out reader picked with the switcher, for the next page. */
export const LANGUAGE_COOKIE = 'tracker_lang';

const chosen = new WeakMap<FastifyRequest, Locale>();

/**
 * The language of a page: `?lang=` when the reader just picked one; else the signed-in user's own; else the one
 * a signed-out reader picked before; else the first of their browser's languages that we write.
 */
export function pageLocale(request: FastifyRequest): Locale {
  const picked = chosen.get(request);
  if (picked) return picked;
  const asked = (request.query as Record<string, unknown> | undefined)?.lang;
  if (isLocale(asked)) return asked;
  const user = (request as FastifyRequest & { user?: SignedInUser }).user;
  if (user && isLocale(user.locale)) return user.locale;
  const cookie = request.cookies?.[LANGUAGE_COOKIE];
  if (isLocale(cookie)) return cookie;
  return negotiateLocale(request.headers['accept-language']);
}

/** The translator of the page's language, for the titles and notices a controller writes. */
export const pageTranslator = (request: FastifyRequest): Translator => translator(pageLocale(request));

/** A reader who picks a language with `?lang=` keeps it on the next pages, signed in or not, for a year. */
export function rememberLanguage(request: FastifyRequest, reply: FastifyReply, publicUrl: string): void {
  const asked = (request.query as Record<string, unknown> | undefined)?.lang;
  if (!isLocale(asked)) return;
  chosen.set(request, asked);
  if (request.cookies?.[LANGUAGE_COOKIE] !== asked) {
    void reply.setCookie(LANGUAGE_COOKIE, asked, cookieOptions(publicUrl, new Date(Date.now() + 365 * 86_400_000)));
  }
}

/** The switcher's links: this page, at the address the browser asked for, in each language; the current one marked. */
export function languageLinks(
  request: FastifyRequest,
  current: Locale,
): { href: string; name: string; lang: Locale; current: boolean }[] {
  const url = new URL(publicUrl(request), 'http://page.invalid');
  return LOCALES.map((lang) => {
    url.searchParams.set('lang', lang);
    return { href: `${url.pathname}${url.search}`, name: LOCALE_NAMES[lang], lang, current: lang === current };
  });
}
