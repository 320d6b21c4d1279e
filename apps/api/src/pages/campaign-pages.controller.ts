import { Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { decide, SignedInUser } from '@app/accounts';
import {
  ACTION_TYPES,
  ActionsService,
  CAMPAIGN_STATUSES,
  CampaignActionsService,
  CampaignsService,
  CampaignView,
  GOAL_STAGES,
} from '@app/advocacy';
import { earliestDueOn } from '@app/follow-ups';
import { CampaignProgressService, InsightsService, PledgesService } from '@app/insight';
import { AppConfig, commonError, todayUtc } from '@app/platform';
import { msg } from '@app/i18n';
import { INSTRUMENTS } from '@app/states';
import { CurrentUser, WebPage } from '../auth/auth.guard';
import type { FormErrors, FormSpec } from './form-check';
import {
  CAMPAIGN_EDIT_FORM,
  CAMPAIGN_FORM,
  CAMPAIGN_LETTER_FORM,
  checkForm,
  domainErrorToForm,
  emptyForm,
  fieldsOf,
  FormBody,
  formErrorStatus,
  FormState,
  FormValues,
  readForm,
} from './forms';
import { CampaignEditFormDto, CampaignFormDto, CampaignLetterFormDto } from './forms.dto';
import { pageContext, renderPage, noticeOf } from './page-context';
import { pageTranslator } from './page-locale';
import { richText } from './rich-text';
import { PAGES_PREFIX } from './page-routing';
import type { Translator } from '@app/i18n';

/** The campaign's latest actions shown in its timeline. */
const TIMELINE_ACTIONS = 50;

/** The confirmations a `?saved=` names, as message keys. */
const NOTICES: Record<string, string> = {
  created: msg('campaigns.notice.created'),
  edited: msg('campaigns.notice.edited'),
  letter: msg('campaigns.notice.letter'),
};

const STATUS_LABELS: Record<string, string> = {
  active: msg('campaigns.status.active'),
  closed: msg('campaigns.status.closed'),
};

const campaignId = new ParseUUIDPipe({ exceptionFactory: () => commonError('bad-id', 'id must be a UUID') });
const choose = (label: string) => ({ value: '', label });
/** The codes as options, each named by `label` in the page's language. */
const optionsOf = (values: readonly string[], label: (value: string) => string) =>
  values.map((value) => ({ value, label: label(value) }));

interface CampaignForms {
  edit: FormState;
  letter: FormState;
}

/** Campaigns: the list with the form to start one, and each campaign's progress with its edit and letter forms. */
@ApiExcludeController()
@WebPage()
@Controller(PAGES_PREFIX.slice(1))
export class CampaignPagesController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly campaignActions: CampaignActionsService,
    private readonly actions: ActionsService,
    private readonly progress: CampaignProgressService,
    private readonly config: AppConfig,
    private readonly insights: InsightsService,
    private readonly pledges: PledgesService,
  ) {}

  @Get('campaigns')
  async list(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() user: SignedInUser) {
    await this.renderList(request, reply, user, emptyForm(blank(CAMPAIGN_FORM)));
  }

  @Post('campaigns')
  async create(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @FormBody() body: Record<string, unknown>,
  ): Promise<void> {
    const values = readForm(body, fieldsOf(CAMPAIGN_FORM));
    const outcome = await save<CampaignFormDto>(CAMPAIGN_FORM, values, pageTranslator(request), async (input) => {
      const created = await this.campaigns.create(user, input);
      return `/campaigns/${created.id}?saved=created`;
    });
    if (typeof outcome === 'string') return void reply.redirect(outcome, 303);
    await this.renderList(request, reply, user, { values, errors: outcome?.errors ?? {} }, outcome?.status);
  }

  @Get('campaigns/:id')
  async page(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Param('id', campaignId) id: string,
    @Query('saved') saved?: string,
  ): Promise<void> {
    const notice = noticeOf(NOTICES, saved);
    await this.render(request, reply, user, id, { notice: notice && pageTranslator(request).t(notice) });
  }

  @Post('campaigns/:id')
  async edit(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Param('id', campaignId) id: string,
    @FormBody() body: Record<string, unknown>,
  ): Promise<void> {
    const values = readForm(body, fieldsOf(CAMPAIGN_EDIT_FORM));
    const tr = pageTranslator(request);
    const outcome = await save<CampaignEditFormDto>(CAMPAIGN_EDIT_FORM, values, tr, async (input) => {
      await this.campaigns.update(user, id, input);
      return `/campaigns/${id}?saved=edited`;
    });
    if (typeof outcome === 'string') return void reply.redirect(outcome, 303);
    await this.render(request, reply, user, id, {
      forms: { edit: { values, errors: outcome?.errors ?? {} } },
      status: outcome?.status,
    });
  }

  /** Previews the states a letter will touch (step=preview), or logs it for all of them. */
  @Post('campaigns/:id/letter')
  async letter(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Param('id', campaignId) id: string,
    @FormBody() body: Record<string, unknown>,
  ): Promise<void> {
    const values = readForm(body, fieldsOf(CAMPAIGN_LETTER_FORM));
    const previewing = body.step === 'preview';
    let preview: string[] | undefined;
    const tr = pageTranslator(request);
    const outcome = await save<CampaignLetterFormDto>(CAMPAIGN_LETTER_FORM, values, tr, async (input) => {
      if (previewing) {
        preview = (await this.campaignActions.preview(user, id, input.stateCodes)).map((s) => s.code);
        return null;
      }
      const { followUp, ...action } = input;
      await this.campaignActions.log(user, id, action, followUp && { ...followUp, remindAt: undefined });
      return `/campaigns/${id}?saved=letter#timeline`;
    });
    if (typeof outcome === 'string') return void reply.redirect(outcome, 303);
    const errors = outcome?.errors ?? {};
    await this.render(request, reply, user, id, {
      forms: { letter: { values, errors } },
      preview,
      status: outcome?.status,
    });
  }

  private async renderList(
    request: FastifyRequest,
    reply: FastifyReply,
    user: SignedInUser,
    form: FormState,
    status?: number,
  ): Promise<void> {
    const campaigns = await this.campaigns.list(200);
    const hasErrors = Object.keys(form.errors).length > 0;
    const tr = pageTranslator(request);
    const title = tr.t('campaigns.list.title');
    const context = pageContext(request, reply, {
      title: hasErrors ? tr.t('common.errorTitle', { title }) : title,
      section: 'campaigns',
    });
    const html = await renderPage(
      reply,
      'campaigns',
      context,
      {
        campaigns: campaigns.items,
        form,
        can: { create: decide(user, 'campaign.write').allowed },
        options: {
          instruments: [choose(tr.t('campaigns.instrument.any')), ...optionsOf(INSTRUMENTS, context.h.instrument)],
        },
      },
      status ?? (hasErrors ? 400 : 200),
    );
    return void reply.send(html);
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    user: SignedInUser,
    id: string,
    opts: { notice?: string; forms?: Partial<CampaignForms>; preview?: string[]; status?: number },
  ): Promise<void> {
    const campaign = await this.campaigns.get(id);
    const [progress, actions, pledges, outcomes] = await Promise.all([
      this.progress.of(campaign),
      this.actions.list({ campaignId: id, limit: TIMELINE_ACTIONS }),
      this.pledges.list({ campaign: id, limit: TIMELINE_ACTIONS }),
      this.insights.outcomes({
        campaign: id,
        instrument: campaign.goal?.instrument ?? campaign.instrument ?? undefined,
      }),
    ]);
    const names = new Map(progress.states.map((s) => [s.code, s.name]));
    // The campaign's story, newest first: its actions, and the day each target reached the goal.
    const timeline = [
      ...actions.items.map((a) => ({
        id: a.id,
        date: a.date,
        kind: 'action' as const,
        code: a.stateCode,
        name: a.stateName,
        text: a.title,
        type: a.type,
      })),
      ...progress.states
        .filter((s) => s.reachedOn !== null)
        .map((s) => ({
          id: '',
          date: s.reachedOn!,
          kind: 'reached' as const,
          code: s.code,
          name: s.name,
          text: '',
          type: '',
        })),
    ].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
    const forms: CampaignForms = {
      edit: emptyForm(editValues(campaign)),
      letter: emptyForm({ ...blank(CAMPAIGN_LETTER_FORM), date: todayUtc(), type: 'letter-head-of-state' }),
      ...opts.forms,
    };
    const hasErrors = [forms.edit, forms.letter].some((f) => Object.keys(f.errors).length > 0);
    const tr = pageTranslator(request);
    const context = pageContext(request, reply, {
      title: hasErrors ? tr.t('common.errorTitle', { title: campaign.name }) : campaign.name,
      section: 'campaigns',
      notice: opts.notice,
    });
    const h = context.h;
    const html = await renderPage(
      reply,
      'campaign',
      context,
      {
        campaign,
        progress,
        pledges: pledges.items,
        outcomes,
        timeline,
        moreActions: actions.nextCursor !== null,
        preview: opts.preview?.map((code) => ({ code, name: names.get(code) ?? code })),
        forms,
        can: {
          edit: decide(user, 'campaign.write').allowed,
          letter: campaign.status === 'active' && decide(user, 'action.write').allowed,
        },
        timeZone: this.config.DIGEST_TZ,
        earliestDueOn: earliestDueOn(this.config.DIGEST_TZ, new Date()),
        rich: richText(tr),
        options: {
          instruments: [choose(tr.t('campaigns.noGoal')), ...optionsOf(INSTRUMENTS, h.instrument)],
          goalStages: [choose(tr.t('campaigns.choose')), ...optionsOf(GOAL_STAGES, h.stage)],
          statuses: optionsOf(CAMPAIGN_STATUSES, (s) => tr.t(STATUS_LABELS[s])),
          actionTypes: [choose(tr.t('campaigns.choose')), ...optionsOf(ACTION_TYPES, h.actionType)],
        },
      },
      opts.status ?? (hasErrors ? 400 : 200),
    );
    return void reply.send(html);
  }
}

/** Every field of a form, empty. */
const blank = (form: FormSpec<object>): FormValues => Object.fromEntries(fieldsOf(form).map((f) => [f, '']));

/** The edit form filled with the campaign as it is. */
const editValues = (c: CampaignView): FormValues => ({
  name: c.name,
  description: c.description ?? '',
  stateCodes: c.stateCodes.join(', '),
  goalInstrument: c.goal?.instrument ?? '',
  goalStage: c.goal?.stage ?? '',
  goalBy: c.goal?.by ?? '',
  endsOn: c.endsOn ?? '',
  status: c.status,
});

/**
 * Checks a posted form with its DTO and runs `act`: the path to redirect to, null to show the page again (a
 * preview), or every error by its field with the status to show them with.
 */
async function save<T extends object>(
  form: FormSpec<T>,
  values: FormValues,
  tr: Translator,
  act: (input: NoInfer<T>) => Promise<string | null>,
): Promise<string | null | { errors: FormErrors; status?: number }> {
  const checked = await checkForm(form, values, tr);
  if (!checked.ok) return { errors: checked.errors };
  try {
    return await act(checked.input);
  } catch (error) {
    const errors = domainErrorToForm(error, form, tr);
    if (!errors) throw error;
    return { errors, status: formErrorStatus(error) };
  }
}
