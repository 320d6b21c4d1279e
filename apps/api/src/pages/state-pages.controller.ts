import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccountsService, decide, SignedInUser } from '@app/accounts';
import { ACTION_TYPES, ActionsService, CampaignsService } from '@app/advocacy';
import { DashboardsService } from '@app/dashboards';
import { PledgesService } from '@app/insight';
import { earliestDueOn, FollowUpsService, isOverdue } from '@app/follow-ups';
import { ContactsService } from '@app/people';
import { AppConfig, DataRevision, RevisionCache, todayUtc } from '@app/platform';
import {
  EVENT_TYPES,
  IMPLEMENTATION_STAGES,
  INSTRUMENTS,
  catalogueState,
  stateNotFound,
  StatesService,
  TRACKS,
  type TreatyEventLine,
} from '@app/states';
import { msg, type Translator } from '@app/i18n';
import { CreateActionDto } from '../advocacy/action.dto';
import { CurrentUser, WebPage } from '../auth/auth.guard';
import { CreateTreatyEventDto } from '../states/state.dto';
import { asOfView, pageAsOf } from './as-of';
import { Expiring } from './expiring';
import type { FormErrors, FormSpec } from './form-check';
import {
  ACTION_FORM,
  checkForm,
  CORRECTION_FORM,
  domainErrorToForm,
  emptyForm,
  EVENT_FORM,
  fieldsOf,
  FormBody,
  formErrorStatus,
  FormState,
  IMPLEMENTATION_FORM,
  PLEDGE_FORM,
  readForm,
} from './forms';
import { CorrectionFormDto, ImplementationFormDto, PledgeFormDto } from './forms.dto';
import {
  actionTypeLabels,
  confidenceLabels,
  eventLabels,
  implementationLabels,
  instrumentLabels,
  trackLabels,
} from './labels';
import { KeptBodies, noticeOf, pageContext, sendUnkeptPage } from './page-context';
import { pageTranslator } from './page-locale';
import { viewHelpersFor } from './view-helpers';
import { PAGES_PREFIX } from './page-routing';

const ACTIONS_PER_PAGE = 20;
/** The states' pages kept: every state, with a few of their older pages of actions and past days. */
const STATE_PAGES_KEPT = 1_000;
const STATE_BODIES_KEPT = 400;
/** The soonest; the count above says how many more there are. */
const OPEN_FOLLOW_UPS_SHOWN = 10;
/**
 * How long the action form's lists of colleagues and campaigns are kept: someone added shows within this time,
 * and the page saves two statements on every view. (Choosing someone deactivated since is refused by the form.)
 */
const CHOICES_TTL_MS = 30_000;

const NOTICES: Record<string, string> = {
  action: msg('states.notice.action'),
  'action-follow-up': msg('states.notice.action-follow-up'),
  event: msg('states.notice.event'),
  correction: msg('states.notice.correction'),
  implementation: msg('states.notice.implementation'),
  pledge: msg('states.notice.pledge'),
  done: msg('states.notice.done'),
};

interface StateForms {
  action: FormState;
  event: FormState;
  correct: FormState;
  implementation: FormState;
  pledge: FormState;
}

/** The state's canonical code, or a 404 page: checked before any query, which could fail another way first. */
function stateCode(code: string): string {
  const upper = code.toUpperCase();
  if (!catalogueState(upper)) throw stateNotFound(code);
  return upper;
}

const choose = (tr: Translator, label = tr.t('states.choose')) => ({ value: '', label });

/** How many contacts the action form's search step adds to its contact field. */
const CONTACTS_FOUND = 20;

/** The contact field's options, each once: those found, then the state's contacts; picked ones stay selected. */
function contactChoices(
  tr: Translator,
  ofState: { id: string; name: string; position: string | null }[],
  found: { id: string; name: string | null; position: string | null; stateCode: string | null }[],
  picked: string[],
): { value: string; label: string; selected: boolean }[] {
  const seen = new Set<string>();
  return [...found, ...ofState]
    .filter((c) => !seen.has(c.id) && seen.add(c.id))
    .map((c) => ({
      value: c.id,
      label: [c.name ?? tr.t('states.contacts.erased'), c.position].filter(Boolean).join(tr.t('states.contacts.comma')),
      selected: picked.includes(c.id),
    }));
}
/** The correction form, started from the event to correct when one is named (its values to change), else empty. */
function correctionStart(events: TreatyEventLine[], id: string | undefined): Record<string, string> {
  const empty = Object.fromEntries(fieldsOf(CORRECTION_FORM).map((f) => [f, '']));
  const e = events.find((x) => x.id === id);
  if (!e) return empty;
  return {
    ...empty,
    eventId: e.id,
    instrument: e.instrument,
    type: e.type,
    date: e.date,
    confidence: e.confidence,
    reference: e.reference ?? '',
    source: e.source ?? '',
    sourceUrl: e.sourceUrl ?? '',
  };
}

const optionsOf = (labels: Record<string, string>, values: readonly string[]) =>
  values.map((value) => ({ value, label: labels[value] ?? value }));

interface RenderOptions {
  cursor?: string;
  notice?: string;
  forms?: Partial<StateForms>;
  status?: number;
  contactQ?: string;
  pickedContacts?: string[];
  /** A past day to show the status of; no form is offered then. */
  asOf?: string;
  /** The event the correction form starts from. */
  correct?: string;
}

type StatePageData = Awaited<ReturnType<StatePagesController['readState']>>;

/** A state's page: its status, history and actions, and the forms to log work on it. */
@ApiExcludeController()
@WebPage()
@Controller(PAGES_PREFIX.slice(1))
export class StatePagesController {
  constructor(
    private readonly dashboards: DashboardsService,
    private readonly actions: ActionsService,
    private readonly campaigns: CampaignsService,
    private readonly followUps: FollowUpsService,
    private readonly accounts: AccountsService,
    private readonly states: StatesService,
    private readonly config: AppConfig,
    private readonly contacts: ContactsService,
    private readonly pledges: PledgesService,
    private readonly revision: DataRevision,
  ) {
    this.read = revision.cache<StatePageData>(STATE_PAGES_KEPT);
    this.bodies = new KeptBodies(revision, 'reader', STATE_BODIES_KEPT);
  }

  /** What each state's page read, kept for the revision of the records it was read at (and KEPT_AT_MOST_MS). */
  private readonly read: RevisionCache<StatePageData>;
  /** Each reader's page as it opens, for the same revision (at most STATE_BODIES_KEPT of some 50 KB each). */
  private readonly bodies: KeptBodies;

  private readonly choices = new Expiring(CHOICES_TTL_MS, async () => {
    const [users, campaigns] = await Promise.all([this.accounts.list(200), this.campaigns.list(100)]);
    return {
      users: users.items.filter((u) => u.active).map((u) => ({ id: u.id, name: u.name })),
      campaigns: campaigns.items.map((c) => ({ value: c.id, label: c.name })),
    };
  });

  @Get('states/:code')
  async page(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Param('code') code: string,
    @Query('actions') cursor?: string,
    @Query('saved') saved?: string,
    @Query('contactQ') contactQ?: string,
    @Query('asOf') asOfQuery?: string,
    @Query('correct') correct?: string,
  ): Promise<void> {
    const upper = stateCode(code);
    const asOf = pageAsOf(asOfQuery, pageTranslator(request));
    if (upper !== code) return void reply.redirect(`/states/${upper}${asOf ? `?asOf=${asOf}` : ''}`, 301);
    const notice = noticeOf(NOTICES, saved);
    await this.render(request, reply, user, upper, {
      cursor,
      asOf,
      correct: typeof correct === 'string' ? correct : undefined,
      notice: notice && pageTranslator(request).t(notice),
      contactQ: typeof contactQ === 'string' ? contactQ.slice(0, 200) : undefined,
    });
  }

  @Post('states/:code/actions')
  async logAction(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Param('code') code: string,
    @FormBody() body: Record<string, unknown>,
  ): Promise<void> {
    const upper = stateCode(code);
    // The people picked in the contact field: a multiple select sends one value or several.
    const contactIds = [body.contactIds ?? []].flat().filter((id): id is string => typeof id === 'string');
    return this.submit<CreateActionDto>(
      { request, reply, user, code: upper, contactIds },
      'action',
      ACTION_FORM,
      body,
      async (input) => {
        // As the API does with the same body (the form gives a day, never remindAt).
        const { followUp, ...action } = input;
        if (followUp) await this.actions.createWithFollowUp(user, action, { ...followUp, remindAt: undefined });
        else await this.actions.create(user, action);
        return `/states/${upper}?saved=${followUp ? 'action-follow-up' : 'action'}#actions`;
      },
      { stateCode: upper, contactIds },
    );
  }

  @Post('states/:code/events')
  async recordEvent(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Param('code') code: string,
    @FormBody() body: Record<string, unknown>,
  ): Promise<void> {
    const upper = stateCode(code);
    // The treaty rules refuse a date out of range, or a step the instrument does not have (a signature).
    return this.submit<CreateTreatyEventDto>(
      { request, reply, user, code: upper },
      'event',
      EVENT_FORM,
      body,
      async (input) => {
        await this.states.recordEvent(user, upper, input);
        return `/states/${upper}?saved=event#timeline`;
      },
    );
  }

  /** A new event in place of a recorded one that was wrong, with the reason; the earlier one is kept, superseded. */
  @Post('states/:code/events/corrections')
  async correctEvent(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Param('code') code: string,
    @FormBody() body: Record<string, unknown>,
  ): Promise<void> {
    const upper = stateCode(code);
    return this.submit<CorrectionFormDto>(
      { request, reply, user, code: upper },
      'correct',
      CORRECTION_FORM,
      body,
      async ({ eventId, ...correction }) => {
        await this.states.correctEvent(user, upper, eventId, correction);
        return `/states/${upper}?saved=correction#timeline`;
      },
    );
  }

  @Post('states/:code/implementation')
  async updateImplementation(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Param('code') code: string,
    @FormBody() body: Record<string, unknown>,
  ): Promise<void> {
    const upper = stateCode(code);
    return this.submit<ImplementationFormDto>(
      { request, reply, user, code: upper },
      'implementation',
      IMPLEMENTATION_FORM,
      body,
      async (input) => {
        const { track, ...update } = input;
        await this.states.updateImplementation(user, upper, track, update);
        return `/states/${upper}?saved=implementation#implementation`;
      },
    );
  }

  @Post('states/:code/pledges')
  async recordPledge(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Param('code') code: string,
    @FormBody() body: Record<string, unknown>,
  ): Promise<void> {
    const upper = stateCode(code);
    return this.submit<PledgeFormDto>(
      { request, reply, user, code: upper },
      'pledge',
      PLEDGE_FORM,
      body,
      async (input) => {
        await this.pledges.create(user, { ...input, stateCode: upper });
        return `/states/${upper}?saved=pledge#pledges`;
      },
    );
  }

  /**
   * Checks a posted form with its DTO and saves it, then redirects to where `save` says; or shows the page again
   * with every error next to its field, the refusals of the services included.
   */
  private async submit<T extends object>(
    page: { request: FastifyRequest; reply: FastifyReply; user: SignedInUser; code: string; contactIds?: string[] },
    name: keyof StateForms,
    form: FormSpec<T>,
    body: Record<string, unknown>,
    save: (input: NoInfer<T>) => Promise<string>,
    given?: Record<string, unknown>,
  ): Promise<void> {
    const values = readForm(body, fieldsOf(form));
    const again = (errors: FormErrors, status?: number) =>
      this.render(page.request, page.reply, page.user, page.code, {
        forms: { [name]: { values, errors } },
        status,
        pickedContacts: page.contactIds,
      });
    const checked = await checkForm(form, values, pageTranslator(page.request), given);
    if (!checked.ok) return again(checked.errors);
    let target: string;
    try {
      target = await save(checked.input);
    } catch (error) {
      const errors = domainErrorToForm(error, form, pageTranslator(page.request));
      if (!errors) throw error;
      return again(errors, formErrorStatus(error));
    }
    return void page.reply.redirect(target, 303);
  }

  /** Everything a state's page reads from the records, in one go: one page of its actions, as of a day or today. */
  private async readState(code: string, cursor: string | undefined, asOf: string | undefined) {
    const [dashboard, actions, followUps, choices, contacts, campaigns, pledges] = await Promise.all([
      this.dashboards.state(code, asOf),
      this.actions.list({ stateCode: code, limit: ACTIONS_PER_PAGE, cursor }),
      this.followUps.list({ state: code, status: 'open' }, OPEN_FOLLOW_UPS_SHOWN),
      this.choices.get(),
      this.contacts.ofState(code),
      this.campaigns.forState(code),
      this.pledges.list({ state: code, limit: ACTIONS_PER_PAGE }),
    ]);
    return { dashboard, actions, followUps, choices, contacts, campaigns, pledges };
  }

  /** The page, with the forms as given (shown again with their errors) or empty. */
  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    user: SignedInUser,
    code: string,
    opts: RenderOptions,
  ): Promise<void> {
    const tr = pageTranslator(request);
    const contactQ = opts.contactQ?.trim() || undefined;
    const asOf = opts.asOf;
    const revision = await this.revision.current();
    const key = `${code} ${opts.cursor ?? ''} ${asOf ?? ''}`;
    const [read, found] = await Promise.all([
      this.read.get(key, revision, () => this.readState(code, opts.cursor, asOf)),
      contactQ ? this.contacts.list({ q: contactQ, limit: CONTACTS_FOUND }) : undefined,
    ]);
    const state = read.dashboard.state;
    const name = viewHelpersFor(tr.locale).stateName(state.code, state.name);
    const hasErrors = Object.values(opts.forms ?? {}).some((f) => Object.keys(f.errors).length > 0);
    const context = pageContext(request, reply, {
      title: hasErrors ? tr.t('common.errorTitle', { title: name }) : name,
      section: `region:${state.region}`,
      notice: opts.notice,
    });
    const view = () => this.view(tr, user, code, read, found, opts);
    const status = opts.status ?? (hasErrors ? 400 : 200);
    // The page as it opens (no form sent back, no contact searched) is kept for its reader until the records change:
    // it holds what they may do and their own name as the default assignee, but never their form token.
    const opening =
      opts.forms === undefined && contactQ === undefined && !opts.pickedContacts?.length && opts.correct === undefined;
    if (opening) return this.bodies.send(reply, context, { revision, key, template: 'state', view, status });
    return sendUnkeptPage(reply, context, { template: 'state', view: view(), status });
  }

  /** What the state's template shows, from what the page read. */
  private view(
    tr: Translator,
    user: SignedInUser,
    code: string,
    { dashboard, actions, followUps, choices, contacts, campaigns, pledges }: StatePageData,
    found: Awaited<ReturnType<ContactsService['list']>> | undefined,
    opts: RenderOptions,
  ) {
    const contactQ = opts.contactQ?.trim() || undefined;
    const asOf = opts.asOf;
    const state = dashboard.state;
    const now = new Date();
    // The source of each instrument's latest step, to stand beside its status.
    const sources: Record<string, string | null> = {};
    for (const e of state.events) if (e.source) sources[e.instrument] = e.source;
    const forms: StateForms = {
      action: emptyForm({
        ...Object.fromEntries(fieldsOf(ACTION_FORM).map((f) => [f, ''])),
        date: todayUtc(),
        followUpAssigneeId: user.id,
      }),
      event: emptyForm({ ...Object.fromEntries(fieldsOf(EVENT_FORM).map((f) => [f, ''])), instrument: 'rome-statute' }),
      implementation: emptyForm(Object.fromEntries(fieldsOf(IMPLEMENTATION_FORM).map((f) => [f, '']))),
      correct: emptyForm(correctionStart(state.events, opts.correct)),
      pledge: emptyForm({ ...Object.fromEntries(fieldsOf(PLEDGE_FORM).map((f) => [f, ''])), madeOn: todayUtc() }),
      ...opts.forms,
    };
    // A past day is for reading: nothing is recorded from its page.
    const writable = asOf === undefined;
    const helpers = viewHelpersFor(tr.locale);
    const events = eventLabels(tr);
    const instruments = instrumentLabels(tr);
    const tracks = trackLabels(tr);
    return {
      dashboard,
      sources,
      campaigns,
      pledges: pledges.items,
      actions: actions.items,
      olderActions: opts.cursor !== undefined,
      nextActionsUrl: actions.nextCursor
        ? `/states/${code}?actions=${encodeURIComponent(actions.nextCursor)}#actions`
        : null,
      followUps: followUps.items.map((f) => ({ ...f, overdue: isOverdue(f.remindAt, now) })),
      asOf: asOfView(`/states/${code}`, asOf),
      can: {
        action: writable && decide(user, 'action.write', state.region).allowed,
        followUp: writable && decide(user, 'follow-up.write', state.region).allowed,
        event: writable && decide(user, 'treaty.write', state.region).allowed,
        implementation: writable && decide(user, 'implementation.write', state.region).allowed,
        // Pledges are recorded by those who log actions there, as the API allows.
        pledge: writable && decide(user, 'action.write', state.region).allowed,
      },
      correctable: [
        choose(tr),
        ...state.events.map((e) => ({
          value: e.id,
          label: tr.t('states.correct.option', {
            event: events[e.type],
            instrument: instruments[e.instrument],
            date: tr.date(e.date),
          }),
        })),
      ],
      forms,
      contacts,
      contactQ: contactQ ?? '',
      // The action form's contact field: those found by the search step first, then the state's own.
      contactOptions: contactChoices(tr, contacts, found?.items ?? [], opts.pickedContacts ?? []),
      timeZone: this.config.DIGEST_TZ,
      // The follow-up's date picker offers no day whose 09:00 reminder has passed.
      earliestDueOn: earliestDueOn(this.config.DIGEST_TZ, now),
      options: {
        actionTypes: [choose(tr), ...optionsOf(actionTypeLabels(tr), ACTION_TYPES)],
        eventTypes: [choose(tr), ...optionsOf(events, EVENT_TYPES)],
        instruments: optionsOf(instruments, INSTRUMENTS),
        // Reported first: what nobody says came from the depositary or an official source is not confirmed.
        confidences: optionsOf(confidenceLabels(tr), ['reported', 'official', 'depositary']),
        tracks: optionsOf(tracks, TRACKS),
        pledgeInstruments: [
          choose(tr),
          ...INSTRUMENTS.map((i) => ({
            value: i,
            label: tr.t('states.pledges.join', { instrument: instruments[i] }),
          })),
          ...TRACKS.map((t) => ({
            value: `implementation-${t}`,
            label: tr.t('states.pledges.enactOption', { track: helpers.inSentence(tracks[t]) }),
          })),
        ],
        implementationStages: [choose(tr), ...optionsOf(implementationLabels(tr), IMPLEMENTATION_STAGES)],
        campaigns: [choose(tr, tr.t('states.log.noCampaign')), ...choices.campaigns],
        // The reader is always there, and chosen by default, even when newer than the kept list.
        assignees: [
          ...(choices.users.some((u) => u.id === user.id) ? [] : [{ id: user.id, name: user.name }]),
          ...choices.users,
        ].map((u) => ({ value: u.id, label: u.id === user.id ? tr.t('states.log.you', { name: u.name }) : u.name })),
      },
    };
  }
}
