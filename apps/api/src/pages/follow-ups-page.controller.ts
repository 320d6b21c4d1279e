import { Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SignedInUser } from '@app/accounts';
import {
  DUE_SOON_DAYS,
  earliestDueOn,
  FollowUpStatsService,
  FollowUpsService,
  FollowUpView,
  isOverdue,
} from '@app/follow-ups';
import { AppConfig, commonError } from '@app/platform';
import { CurrentUser, WebPage } from '../auth/auth.guard';
import {
  checkForm,
  domainErrorToForm,
  fieldsOf,
  FormBody,
  formErrorStatus,
  FormState,
  readForm,
  RESCHEDULE_FORM,
} from './forms';
import { pageContext, renderPage } from './page-context';
import { localPath, PAGES_PREFIX } from './page-routing';

/** As many as one page shows; the counts above it say how many more there are. */
const SHOWN = 200;

const NOTICES: Record<string, string> = {
  done: 'Follow-up marked done.',
  rescheduled: 'Follow-up rescheduled.',
};

const followUpId = new ParseUUIDPipe({
  exceptionFactory: () => commonError('bad-id', 'no follow-up has this address'),
});

/** `path` (which may end in #fragment) with ?saved=<what> added, for the notice on the page it leads to. */
function withNotice(path: string, what: string): string {
  const [base, fragment] = path.split('#', 2);
  return `${base}${base.includes('?') ? '&' : '?'}saved=${what}${fragment ? `#${fragment}` : ''}`;
}

/** The signed-in user's open follow-ups: overdue, due soon, later; done and reschedule. */
@ApiExcludeController()
@WebPage()
@Controller(PAGES_PREFIX.slice(1))
export class FollowUpsPageController {
  constructor(
    private readonly followUps: FollowUpsService,
    private readonly stats: FollowUpStatsService,
    private readonly config: AppConfig,
  ) {}

  @Get('follow-ups')
  async page(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Query('saved') saved?: string,
  ): Promise<void> {
    await this.render(request, reply, user, { notice: saved ? NOTICES[saved] : undefined });
  }

  @Post('follow-ups/:id/done')
  async done(
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Param('id', followUpId) id: string,
    @FormBody() body: Record<string, unknown>,
  ): Promise<void> {
    await this.followUps.update(user, id, { status: 'done' });
    const next = localPath(readForm(body, ['next']).next, '/follow-ups');
    return void reply.redirect(withNotice(next, 'done'), 303);
  }

  @Post('follow-ups/:id/reschedule')
  async reschedule(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Param('id', followUpId) id: string,
    @FormBody() body: Record<string, unknown>,
  ): Promise<void> {
    const values = readForm(body, fieldsOf(RESCHEDULE_FORM));
    const earliest = earliestDueOn(this.config.DIGEST_TZ);
    const checked = await checkForm(RESCHEDULE_FORM, values, { earliest });
    if (!checked.ok)
      return this.render(request, reply, user, { reschedule: { [id]: { values, errors: checked.errors } } });
    try {
      await this.followUps.update(user, id, { dueOn: checked.input.dueOn });
    } catch (error) {
      const errors = domainErrorToForm(error, RESCHEDULE_FORM);
      if (!errors?.dueOn) throw error;
      const reschedule = { [id]: { values, errors } };
      return this.render(request, reply, user, { reschedule, status: formErrorStatus(error) });
    }
    return void reply.redirect(`/follow-ups?saved=rescheduled#follow-up-${id}`, 303);
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    user: SignedInUser,
    opts: { notice?: string; reschedule?: Record<string, FormState>; status?: number },
  ): Promise<void> {
    const now = new Date();
    const [page, counts] = await Promise.all([
      this.followUps.list({ assignee: user.id, status: 'open' }, SHOWN),
      this.stats.counts({ assigneeId: user.id }, now),
    ]);
    const soon = now.getTime() + DUE_SOON_DAYS * 86400_000;
    const groups: { key: string; title: string; items: FollowUpView[] }[] = [
      { key: 'overdue', title: 'Overdue', items: [] },
      { key: 'due-soon', title: `Due within ${DUE_SOON_DAYS} days`, items: [] },
      { key: 'later', title: 'Later', items: [] },
    ];
    for (const f of page.items) {
      groups[isOverdue(f.remindAt, now) ? 0 : Date.parse(f.remindAt) < soon ? 1 : 2].items.push(f);
    }
    const hasErrors = Object.keys(opts.reschedule ?? {}).length > 0;
    const context = pageContext(request, reply, {
      title: hasErrors ? 'Error: My follow-ups' : 'My follow-ups',
      section: 'follow-ups',
      notice: opts.notice,
    });
    const html = await renderPage(
      reply,
      'follow-ups',
      context,
      {
        groups,
        counts,
        more: Math.max(0, counts.open - page.items.length),
        reschedule: opts.reschedule ?? {},
        timeZone: this.config.DIGEST_TZ,
        // The date pickers offer no day whose 09:00 reminder has passed.
        earliestDueOn: earliestDueOn(this.config.DIGEST_TZ, now),
      },
      opts.status ?? (hasErrors ? 400 : 200),
    );
    return void reply.send(html);
  }
}
