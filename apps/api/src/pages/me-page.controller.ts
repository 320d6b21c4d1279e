import { Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccountsService, SignedInUser, UserDirectory } from '@app/accounts';
import { FollowUpsService } from '@app/follow-ups';
import { CurrentUser, WebPage } from '../auth/auth.guard';
import { checkForm, emptyForm, fieldsOf, FormBody, FormState, ME_FORM, readForm } from './forms';
import { ROLE_LABELS } from './labels';
import { pageContext, renderPage } from './page-context';
import { PAGES_PREFIX } from './page-routing';
import { pageTranslator } from './page-locale';

/**
 * The reader's own page: their name (which they may change), and the address of their follow-up calendar, made
 * anew with a button (as POST /api/me/calendar-link does; the old address then stops working). Only a hash of that
 * address is kept, so it is shown once, when made.
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
    await this.render(request, reply, user, { notice: saved === 'name' ? 'Your name is saved.' : undefined });
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
    // Only the reader's own name: the role, regions and activity stay the administrators'.
    await this.accounts.update(user, user.id, { name: checked.input.name });
    return void reply.redirect('/me?saved=name', 303);
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
      notice: 'Your new calendar link is below. Any earlier link no longer works.',
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
    const context = pageContext(request, reply, {
      title: hasErrors ? pageTranslator(request).t('forms.errorTitle', { title: 'Your account' }) : 'Your account',
      section: 'me',
      notice: opts.notice,
    });
    const html = await renderPage(
      reply,
      'me',
      context,
      {
        me,
        role: ROLE_LABELS[me.role] ?? me.role,
        form: opts.form ?? emptyForm({ name: me.name }),
        calendarUrl: opts.calendarUrl ?? null,
        hasCalendar,
      },
      hasErrors ? 400 : 200,
    );
    return void reply.send(html);
  }
}
