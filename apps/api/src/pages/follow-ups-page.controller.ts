import { Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccountsService, decide, Region, REGIONS, SignedInUser } from '@app/accounts';
import { ActionsService, ActionView } from '@app/advocacy';
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
  emptyForm,
  fieldsOf,
  FOLLOW_UP_FORM,
  FormBody,
  formErrorStatus,
  FormState,
  readForm,
  RESCHEDULE_FORM,
} from './forms';
import { msg, type Translator } from '@app/i18n';
import { regionName } from './labels';
import { pageContext, renderPage, noticeOf } from './page-context';
import { pageTranslator } from './page-locale';
import { stateOptionsFor } from './view-helpers';
import { localPath, PAGES_PREFIX } from './page-routing';
import { reminderAt, reminderTimeError, TIME_ZONES } from './reminder-time';

/** As many as one page shows; the counts above it say how many more there are. */
const SHOWN = 200;
/** Closed follow-ups and the team's open ones come in pages of this many. */
const PER_PAGE = 25;

const NOTICES: Record<string, string> = {
  done: msg('followups.notice.done'),
  cancelled: msg('followups.notice.cancelled'),
  rescheduled: msg('followups.notice.rescheduled'),
  reopened: msg('followups.notice.reopened'),
};

export const followUpId = new ParseUUIDPipe({
  exceptionFactory: () => commonError('bad-id', 'no follow-up has this address'),
});

/** `path` (which may end in #fragment) with ?saved=<what> (and more) added, for the notice on the page it leads to. */
export function withNotice(path: string, what: string, extra: Record<string, string> = {}): string {
  const [base, fragment] = path.split('#', 2);
  const query = new URLSearchParams({ saved: what, ...extra }).toString();
  return `${base}${base.includes('?') ? '&' : '?'}${query}${fragment ? `#${fragment}` : ''}`;
}

/** Active users to give a follow-up to, the reader first and marked. */
export async function assigneeOptions(accounts: AccountsService, user: SignedInUser, tr: Translator) {
  const users = (await accounts.list(200)).items.filter((u) => u.active && u.id !== user.id);
  return [{ id: user.id, name: user.name }, ...users].map((u) => ({
    value: u.id,
    label: u.id === user.id ? tr.t('followups.field.assigneeYou', { name: u.name }) : u.name,
  }));
}

/** The states the reader may set follow-ups for, named and sorted in the page's language. */
function stateOptions(user: SignedInUser, tr: Translator) {
  return [
    { value: '', label: tr.t('followups.field.choose') },
    ...stateOptionsFor(tr.locale).filter((s) => decide(user, 'follow-up.write', s.region).allowed),
  ];
}

/** The time zones offered, by name. */
export const timeZoneOptions = () => TIME_ZONES.map((z) => ({ value: z, label: z.replace(/_/g, ' ') }));

/** Whether the reader has a team view: regional officers see their regions', admins everyone's. */
const hasTeamView = (user: SignedInUser) =>
  user.role === 'admin' || (user.role === 'regional-officer' && user.regions.length > 0);

/**
 * The signed-in user's follow-ups: open ones (overdue, due soon, later) with done and reschedule, a form for a new
 * one (alone or about an action, at a time of day), and the closed ones with undo; and for regional officers and
 * admins the open follow-ups of their team.
 */
@ApiExcludeController()
@WebPage()
@Controller(PAGES_PREFIX.slice(1))
export class FollowUpsPageController {
  constructor(
    private readonly followUps: FollowUpsService,
    private readonly stats: FollowUpStatsService,
    private readonly accounts: AccountsService,
    private readonly actions: ActionsService,
    private readonly config: AppConfig,
  ) {}

  @Get('follow-ups')
  async page(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Query('saved') saved?: string,
    @Query('undo') undo?: string,
    @Query('view') view?: string,
    @Query('region') region?: string,
    @Query('cursor') cursor?: string,
    @Query('closed') closed?: string,
    @Query('action') action?: string,
  ): Promise<void> {
    const key = noticeOf(NOTICES, saved);
    const notice = key && pageTranslator(request).t(key);
    if (view === 'team') return this.renderTeam(request, reply, user, { region, cursor });
    const undone = undo && saved && ['done', 'cancelled'].includes(saved) ? await this.undoable(user, undo) : null;
    await this.render(request, reply, user, { notice, undo: undone, closedCursor: closed, actionId: action });
  }

  @Post('follow-ups')
  async create(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @FormBody() body: Record<string, unknown>,
  ): Promise<void> {
    const values = readForm(body, fieldsOf(FOLLOW_UP_FORM));
    const checked = await checkForm(FOLLOW_UP_FORM, values, pageTranslator(request));
    // The time's own rule is said with the other fields' errors, all at once.
    const timeError = reminderTimeError(values, pageTranslator(request));
    const errors = { ...(checked.ok ? {} : checked.errors), ...(timeError ? { dueOn: timeError } : {}) };
    const remindAt = reminderAt(values);
    const again = (form: FormState, status: number) =>
      this.render(request, reply, user, { create: form, actionId: values.actionId, status });
    if (!checked.ok || timeError || !remindAt) return again({ values, errors }, 400);
    const { stateCode, actionId, title, note, assigneeId } = checked.input;
    let created: FollowUpView;
    try {
      created = await this.followUps.create(user, { stateCode, actionId, title, note, assigneeId, remindAt });
    } catch (error) {
      const refused = domainErrorToForm(error, FOLLOW_UP_FORM, pageTranslator(request));
      if (!refused) throw error;
      return again({ values, errors: refused }, formErrorStatus(error));
    }
    return void reply.redirect(`/follow-ups/${created.id}?saved=created`, 303);
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
    return void reply.redirect(withNotice(next, 'done', { undo: id }), 303);
  }

  @Post('follow-ups/:id/cancel')
  async cancel(
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Param('id', followUpId) id: string,
    @FormBody() body: Record<string, unknown>,
  ): Promise<void> {
    await this.followUps.update(user, id, { status: 'cancelled' });
    const next = localPath(readForm(body, ['next']).next, '/follow-ups');
    return void reply.redirect(withNotice(next, 'cancelled', { undo: id }), 303);
  }

  /** Undo of done or cancelled: open again, as the API's status `open` does. */
  @Post('follow-ups/:id/reopen')
  async reopen(
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Param('id', followUpId) id: string,
    @FormBody() body: Record<string, unknown>,
  ): Promise<void> {
    await this.followUps.update(user, id, { status: 'open' });
    const next = localPath(readForm(body, ['next']).next, `/follow-ups/${id}`);
    return void reply.redirect(withNotice(next, 'reopened'), 303);
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
    const checked = await checkForm(RESCHEDULE_FORM, values, pageTranslator(request), { earliest });
    if (!checked.ok)
      return this.render(request, reply, user, { reschedule: { [id]: { values, errors: checked.errors } } });
    try {
      await this.followUps.update(user, id, { dueOn: checked.input.dueOn });
    } catch (error) {
      const errors = domainErrorToForm(error, RESCHEDULE_FORM, pageTranslator(request));
      if (!errors?.dueOn) throw error;
      const reschedule = { [id]: { values, errors } };
      return this.render(request, reply, user, { reschedule, status: formErrorStatus(error) });
    }
    return void reply.redirect(`/follow-ups?saved=rescheduled#follow-up-${id}`, 303);
  }

  /** The follow-up just closed, when the reader may reopen it (it is still closed). */
  private async undoable(user: SignedInUser, id: string): Promise<FollowUpView | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const view = await this.followUps.get(id).catch(() => null);
    if (!view || view.status === 'open' || !decide(user, 'follow-up.write', view.region as Region).allowed) return null;
    return view;
  }

  /** The action a new follow-up is about (from ?action=), if it is live and the reader may set follow-ups for it. */
  private async aboutAction(user: SignedInUser, id: string | undefined): Promise<ActionView | null> {
    if (!id) return null;
    const action = await this.actions.get(id).catch(() => null);
    return action && decide(user, 'follow-up.write', action.region).allowed ? action : null;
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    user: SignedInUser,
    opts: {
      notice?: string;
      undo?: FollowUpView | null;
      reschedule?: Record<string, FormState>;
      create?: FormState;
      closedCursor?: string;
      actionId?: string;
      status?: number;
    },
  ): Promise<void> {
    const now = new Date();
    const tr = pageTranslator(request);
    const canCreate = decide(user, 'follow-up.write').allowed;
    const [page, counts, closed, action, assignees] = await Promise.all([
      this.followUps.list({ assignee: user.id, status: 'open' }, SHOWN),
      this.stats.counts({ assigneeId: user.id }, now),
      this.followUps.listClosed(user.id, PER_PAGE, opts.closedCursor || undefined),
      canCreate ? this.aboutAction(user, opts.actionId) : null,
      canCreate ? assigneeOptions(this.accounts, user, tr) : [],
    ]);
    const soon = now.getTime() + DUE_SOON_DAYS * 86400_000;
    const groups: { key: string; title: string; items: FollowUpView[] }[] = [
      { key: 'overdue', title: tr.t('followups.group.overdue'), items: [] },
      { key: 'due-soon', title: tr.t('followups.group.dueSoon', { days: DUE_SOON_DAYS }), items: [] },
      { key: 'later', title: tr.t('followups.group.later'), items: [] },
    ];
    for (const f of page.items) {
      groups[isOverdue(f.remindAt, now) ? 0 : Date.parse(f.remindAt) < soon ? 1 : 2].items.push(f);
    }
    const hasErrors =
      Object.keys(opts.reschedule ?? {}).length > 0 || Object.keys(opts.create?.errors ?? {}).length > 0;
    const context = pageContext(request, reply, {
      title: hasErrors
        ? tr.t('common.errorTitle', { title: tr.t('followups.mine.title') })
        : tr.t('followups.mine.title'),
      section: 'follow-ups',
      notice: opts.notice,
    });
    const create = opts.create ?? emptyForm({ stateCode: action?.stateCode ?? '', timeZone: this.config.DIGEST_TZ });
    const html = await renderPage(
      reply,
      'follow-ups',
      context,
      {
        groups,
        counts,
        more: Math.max(0, counts.open - page.items.length),
        dueSoonDays: DUE_SOON_DAYS,
        reschedule: opts.reschedule ?? {},
        timeZone: this.config.DIGEST_TZ,
        // The date pickers offer no day whose 09:00 reminder has passed.
        earliestDueOn: earliestDueOn(this.config.DIGEST_TZ, now),
        // A time of day is given in any zone: no day that is still today somewhere is refused by the picker.
        firstDay: new Date(now.getTime() - 14 * 3600_000).toISOString().slice(0, 10),
        undo: opts.undo ?? null,
        teamView: hasTeamView(user),
        closed: closed.items.map((f) => ({
          ...f,
          canReopen: decide(user, 'follow-up.write', f.region as Region).allowed,
        })),
        olderClosedUrl: closed.nextCursor ? `/follow-ups?closed=${encodeURIComponent(closed.nextCursor)}#closed` : null,
        newerClosed: !!opts.closedCursor,
        canCreate,
        action,
        create,
        // A fresh form takes the browser's own time zone (the script picks it); one sent back keeps what was chosen.
        freshCreate: opts.create === undefined,
        options: {
          states: stateOptions(user, tr),
          assignees,
          timeZones: timeZoneOptions(),
        },
      },
      opts.status ?? (hasErrors ? 400 : 200),
    );
    return void reply.send(html);
  }

  /** The open follow-ups of the reader's regions (all, for an admin), soonest first, a page at a time. */
  private async renderTeam(
    request: FastifyRequest,
    reply: FastifyReply,
    user: SignedInUser,
    q: { region?: string; cursor?: string },
  ): Promise<void> {
    if (!hasTeamView(user)) {
      throw commonError('not-allowed', 'the team view is for regional officers and administrators');
    }
    const own: readonly Region[] = user.role === 'admin' ? REGIONS : user.regions;
    const region = q.region ? (own.find((r) => r === q.region) ?? null) : undefined;
    if (region === null) throw commonError('not-allowed', `you see the follow-ups of ${own.join(', ')} only`);
    const regions = region ? [region] : user.role === 'admin' ? undefined : own;
    const now = new Date();
    const page = await this.followUps.list({ status: 'open', regions }, PER_PAGE, q.cursor || undefined);
    const base = `/follow-ups?view=team${region ? `&region=${region}` : ''}`;
    const tr = pageTranslator(request);
    const context = pageContext(request, reply, { title: tr.t('followups.team.title'), section: 'follow-ups' });
    const html = await renderPage(reply, 'follow-ups-team', context, {
      items: page.items.map((f) => ({ ...f, overdue: isOverdue(f.remindAt, now) })),
      region: region ?? '',
      regionOptions: [
        {
          value: '',
          label: user.role === 'admin' ? tr.t('followups.team.allRegions') : tr.t('followups.team.allMyRegions'),
        },
        ...own.map((r) => ({ value: r, label: regionName(r, tr) })),
      ],
      // The regions shown, named; null for all of them (an admin's whole world).
      scope: region
        ? regionName(region, tr)
        : user.role === 'admin'
          ? null
          : own.map((r) => regionName(r, tr)).join(tr.t('followups.listSeparator')),
      nextUrl: page.nextCursor ? `${base}&cursor=${encodeURIComponent(page.nextCursor)}` : null,
      firstUrl: q.cursor ? base : null,
    });
    return void reply.send(html);
  }
}
