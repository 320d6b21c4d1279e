import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccountsService, decide, Region, SignedInUser } from '@app/accounts';
import { ActionsService } from '@app/advocacy';
import { FollowUpsService, isOverdue } from '@app/follow-ups';
import { AppConfig } from '@app/platform';
import { CurrentUser, WebPage } from '../auth/auth.guard';
import {
  checkForm,
  domainErrorToForm,
  emptyForm,
  fieldsOf,
  FormBody,
  formErrorStatus,
  FormState,
  readForm,
  REASSIGN_FORM,
  REMIND_AT_FORM,
} from './forms';
import { assigneeOptions, followUpId, timeZoneOptions } from './follow-ups-page.controller';
import { msg } from '@app/i18n';
import { pageContext, renderPage, noticeOf } from './page-context';
import { pageTranslator } from './page-locale';
import { PAGES_PREFIX } from './page-routing';
import { reminderAt, reminderTimeError } from './reminder-time';

const NOTICES: Record<string, string> = {
  created: msg('followups.notice.created'),
  rescheduled: msg('followups.notice.rescheduled'),
  reassigned: msg('followups.notice.reassigned'),
  reopened: msg('followups.notice.reopened'),
  done: msg('followups.notice.done'),
  cancelled: msg('followups.notice.cancelled'),
};

/**
 * One follow-up: what it is about (its state, its action), when, whose; and, for those the policy lets change it,
 * reschedule to a day and time, reassign, done or cancel, and undo (reopen) once closed. Everyone signed in may
 * read it, as the API lets them; the forms are shown only to those it lets change it.
 */
@ApiExcludeController()
@WebPage()
@Controller(PAGES_PREFIX.slice(1))
export class FollowUpPageController {
  constructor(
    private readonly followUps: FollowUpsService,
    private readonly accounts: AccountsService,
    private readonly actions: ActionsService,
    private readonly config: AppConfig,
  ) {}

  @Get('follow-ups/:id')
  async page(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Param('id', followUpId) id: string,
    @Query('saved') saved?: string,
  ): Promise<void> {
    const key = noticeOf(NOTICES, saved);
    await this.render(request, reply, user, id, { notice: key && pageTranslator(request).t(key) });
  }

  /** To a day and a time of day in a time zone, under the API's rules for `remindAt`. */
  @Post('follow-ups/:id/remind-at')
  async remindAt(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Param('id', followUpId) id: string,
    @FormBody() body: Record<string, unknown>,
  ): Promise<void> {
    const values = readForm(body, fieldsOf(REMIND_AT_FORM));
    const checked = await checkForm(REMIND_AT_FORM, values, pageTranslator(request));
    const timeError = reminderTimeError(values, pageTranslator(request));
    const errors = { ...(checked.ok ? {} : checked.errors), ...(timeError ? { dueOn: timeError } : {}) };
    const at = reminderAt(values);
    if (!checked.ok || timeError || !at) return this.render(request, reply, user, id, { when: { values, errors } });
    try {
      await this.followUps.update(user, id, { remindAt: at });
    } catch (error) {
      const refused = domainErrorToForm(error, REMIND_AT_FORM, pageTranslator(request));
      if (!refused) throw error;
      const status = formErrorStatus(error);
      return this.render(request, reply, user, id, { when: { values, errors: refused }, status });
    }
    return void reply.redirect(`/follow-ups/${id}?saved=rescheduled`, 303);
  }

  /** To any active user, as the API allows. */
  @Post('follow-ups/:id/reassign')
  async reassign(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Param('id', followUpId) id: string,
    @FormBody() body: Record<string, unknown>,
  ): Promise<void> {
    const values = readForm(body, fieldsOf(REASSIGN_FORM));
    const checked = await checkForm(REASSIGN_FORM, values, pageTranslator(request));
    if (!checked.ok) return this.render(request, reply, user, id, { assign: { values, errors: checked.errors } });
    try {
      await this.followUps.update(user, id, { assigneeId: checked.input.assigneeId });
    } catch (error) {
      const refused = domainErrorToForm(error, REASSIGN_FORM, pageTranslator(request));
      if (!refused) throw error;
      const status = formErrorStatus(error);
      return this.render(request, reply, user, id, { assign: { values, errors: refused }, status });
    }
    return void reply.redirect(`/follow-ups/${id}?saved=reassigned`, 303);
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    user: SignedInUser,
    id: string,
    opts: { notice?: string; when?: FormState; assign?: FormState; status?: number },
  ): Promise<void> {
    const f = await this.followUps.get(id);
    const tr = pageTranslator(request);
    const can = decide(user, 'follow-up.write', f.region as Region).allowed;
    const [action, assignees] = await Promise.all([
      f.actionId ? this.actions.get(f.actionId).catch(() => null) : null,
      can && f.status === 'open' ? assigneeOptions(this.accounts, user, tr) : [],
    ]);
    const hasErrors = Object.keys({ ...opts.when?.errors, ...opts.assign?.errors }).length > 0;
    const context = pageContext(request, reply, {
      title: hasErrors
        ? tr.t('common.errorTitle', { title: tr.t('followups.one.title', { title: f.title }) })
        : tr.t('followups.one.title', { title: f.title }),
      section: 'follow-ups',
      notice: opts.notice,
    });
    const now = new Date();
    const html = await renderPage(
      reply,
      'follow-up',
      context,
      {
        f,
        overdue: f.status === 'open' && isOverdue(f.remindAt, now),
        action,
        can,
        when: opts.when ?? emptyForm({ timeZone: this.config.DIGEST_TZ }),
        freshWhen: opts.when === undefined,
        assign: opts.assign ?? emptyForm({ assigneeId: f.assigneeId }),
        firstDay: new Date(now.getTime() - 14 * 3600_000).toISOString().slice(0, 10),
        options: { assignees, timeZones: timeZoneOptions() },
      },
      opts.status ?? (hasErrors ? 400 : 200),
    );
    return void reply.send(html);
  }
}
