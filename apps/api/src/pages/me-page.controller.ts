import { Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccountsService, SignedInUser, UserDirectory } from '@app/accounts';
import { FollowUpsService } from '@app/follow-ups';
import { CurrentUser, WebPage } from '../auth/auth.guard';
import { LOCALE_NAMES, LOCALES, msg } from '@app/i18n';
import { checkForm, emptyForm, fieldsOf, FormBody, FormState, ME_FORM, readForm } from './forms';
import { noticeOf, pageContext, renderPage } from './page-context';
import { pageTranslator } from './page-locale';
import { PAGES_PREFIX } from './page-routing';

const NOTICES: Record<string, string> = {
  name: msg('people.me.notice.name'),
  language: msg('people.me.notice.language'),
};

/**
 * The reader's own page: their name and language (which they may change), and the address of their follow-up
 * calendar, made anew with a button (as POST /api/me/calendar-link does; the old address then stops working). Only a
 * hash of that address is kept, so it is shown once, when made.
 */
@ApiExcludeController()
@WebPage()
@Controller(PAGES_PREFIX.slice(1))
export class MePageController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly directory: UserDirectory,
    private readonly followUps: FollowUpsService,
  ) {}

  @Get('me')
  async page(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Query('saved') saved?: string,
  ): Promise<void> {
    const key = noticeOf(NOTICES, saved);
    await this.render(request, reply, user, { notice: key && pageTranslator(request).t(key) });
  }

  @Post('me')
  async save(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @FormBody() body: Record<string, unknown>,
  ): Promise<void> {
    const values = readForm(body, fieldsOf(ME_FORM));
    const checked = await checkForm(ME_FORM, values, pageTranslator(request));
    if (!checked.ok) return this.render(request, reply, user, { form: { values, errors: checked.errors } });
    // Only the reader's own name and language: the role, regions and activity stay the administrators'.
    const { name, locale } = checked.input;
    await this.accounts.update(user, user.id, { name, locale });
    // A new language shows at once: the next page (and its notice) is read in it.
    const changed = locale !== undefined && locale !== user.locale;
    return void reply.redirect(`/me?saved=${changed ? 'language' : 'name'}`, 303);
  }

  /** Answers with the page itself, the new address in it: the address is a secret, so never put in a URL. */
  @Post('me/calendar-link')
  async calendarLink(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
  ): Promise<void> {
    const calendarUrl = await this.followUps.rotateCalendarToken(user.id);
    void reply.header('cache-control', 'no-store');
    await this.render(request, reply, user, {
      calendarUrl,
      notice: pageTranslator(request).t('people.me.notice.calendar'),
    });
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    user: SignedInUser,
    opts: { notice?: string; form?: FormState; calendarUrl?: string },
  ): Promise<void> {
    const [me, hasCalendar] = await Promise.all([this.accounts.get(user.id), this.directory.hasCalendarLink(user.id)]);
    const hasErrors = Object.keys(opts.form?.errors ?? {}).length > 0;
    const tr = pageTranslator(request);
    const title = tr.t('people.me.title');
    const context = pageContext(request, reply, {
      title: hasErrors ? tr.t('common.errorTitle', { title }) : title,
      section: 'me',
      notice: opts.notice,
    });
    const html = await renderPage(
      reply,
      'me',
      context,
      {
        me,
        form: opts.form ?? emptyForm({ name: me.name, locale: me.locale }),
        // Each language named in itself, so a reader finds theirs whatever the page's language.
        localeOptions: LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] })),
        calendarUrl: opts.calendarUrl ?? null,
        hasCalendar,
      },
      hasErrors ? 400 : 200,
    );
    return void reply.send(html);
  }
}
