import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccountsService, decide, REGIONS, SignedInUser } from '@app/accounts';
import { ACTION_TYPES, actionNotFound, ActionsService, ActionView, CampaignsService } from '@app/advocacy';
import { FollowUpsService } from '@app/follow-ups';
import { ContactsService, OrganisationsService } from '@app/people';
import { DataRevision, isUuid, Page } from '@app/platform';
import { actionFilterOf } from '../advocacy/action.dto';
import { CurrentUser, WebPage } from '../auth/auth.guard';
import { changedFields, readSaved, savedNotice, savedParam } from './action-changes';
import type { Translator } from '@app/i18n';
import { Expiring } from './expiring';
import {
  ACTION_EDIT_FORM,
  ACTION_FILTER_FORM,
  blanksAsNull,
  checkForm,
  domainErrorToForm,
  emptyForm,
  fieldsOf,
  FormBody,
  FormErrors,
  formErrorStatus,
  FormState,
  FormValues,
  readForm,
} from './forms';
import { listUrl, pagerLinks, readTrail } from './list-pager';
import { KeptBodies, pageContext, renderPage, sendUnkeptPage } from './page-context';
import { pageTranslator } from './page-locale';
import { richText } from './rich-text';
import { stateOptionsFor, type ViewHelpers, viewHelpersFor } from './view-helpers';
import { PAGES_PREFIX } from './page-routing';

const PER_PAGE = 20;
/** The pages of the list kept, over every reader: each a few kilobytes. */
const LIST_PAGES_KEPT = 500;
/** The follow-ups an action's page lists; an action rarely has more than a few. */
const FOLLOW_UPS_SHOWN = 50;
/** The organisations of the action's state offered in its edit form. */
const ORGANISATIONS_OFFERED = 100;
/** How long the filters' lists of campaigns and colleagues are kept (someone new shows within this time). */
const CHOICES_TTL_MS = 30_000;

const choose = (label: string) => ({ value: '', label });
/** The kinds of action, named in the page's language. */
const typeOptions = (h: ViewHelpers) => ACTION_TYPES.map((value) => ({ value, label: h.actionType(value) }));

/** The id of an address, or the 404 page of an action that is not there, before any query runs. */
function actionId(id: string): string {
  if (!isUuid(id)) throw actionNotFound(id);
  return id.toLowerCase();
}

/** The ids picked in a multiple select: one value, several, or none. */
const picked = (value: unknown): string[] => [value ?? []].flat().filter((v): v is string => typeof v === 'string');

/**
 * Advocacy actions as pages: the list with GET /api/actions's filters and keyset pages, and each action's page to
 * read it, change it (PATCH /api/actions/:id) or withdraw it (DELETE), the last two shown only to its author (while
 * allowed to log actions for its state) or an admin, and refused to anyone else as the API refuses them.
 */
@ApiExcludeController()
@WebPage()
@Controller(PAGES_PREFIX.slice(1))
export class ActionPagesController {
  constructor(
    private readonly actions: ActionsService,
    private readonly campaigns: CampaignsService,
    private readonly followUps: FollowUpsService,
    private readonly contacts: ContactsService,
    private readonly organisations: OrganisationsService,
    private readonly accounts: AccountsService,
    private readonly records: DataRevision,
  ) {
    this.bodies = new KeptBodies(records, 'reader', LIST_PAGES_KEPT);
  }

  /** Each reader's pages of the list, for a revision of the records (a few kilobytes each). */
  private readonly bodies: KeptBodies;

  private readonly choices = new Expiring(CHOICES_TTL_MS, async () => {
    const [campaigns, users] = await Promise.all([this.campaigns.list(200), this.accounts.list(200)]);
    return {
      campaigns: campaigns.items.map((c) => ({ value: c.id, label: c.name })),
      users: users.items.map((u) => ({ value: u.id, label: u.name })),
    };
  });

  @Get('actions')
  async list(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Query() query: Record<string, unknown>,
    @Query('saved') saved?: string,
  ): Promise<void> {
    const values = readForm(query, fieldsOf(ACTION_FILTER_FORM));
    const cursor = typeof query.cursor === 'string' && query.cursor !== '' ? query.cursor : undefined;
    const trail = readTrail(query.back);
    // The filter form sends its empty fields too: the address without them is the one to keep and share.
    if (Object.values(query).some((v) => v === '')) {
      return void reply.redirect(listUrl('/actions', values, { cursor, trail }), 303);
    }
    const tr = pageTranslator(request);
    const title = tr.t('actions.list.title');
    const notice = saved === 'withdrawn' ? tr.t('actions.notice.withdrawn') : null;
    const checked = await checkForm(ACTION_FILTER_FORM, values, tr);
    let errors: FormErrors = checked.ok ? {} : checked.errors;
    if (checked.ok) {
      const revision = await this.records.current();
      const context = pageContext(request, reply, { title, section: 'actions', notice });
      try {
        // The list holds what its reader may do (import) and who "me" is: kept for that reader until the records change.
        return await this.bodies.send(reply, context, {
          revision,
          key: listUrl('/actions', values, { cursor, trail }),
          template: 'actions',
          view: async () => {
            const page = await this.actions.list({
              ...actionFilterOf(checked.input, user.id),
              limit: PER_PAGE,
              cursor,
            });
            return this.listView(tr, user, values, { cursor, trail }, {}, page);
          },
        });
      } catch (error) {
        const refused = domainErrorToForm(error, ACTION_FILTER_FORM, tr);
        if (!refused) throw error;
        errors = refused;
      }
    }
    const context = pageContext(request, reply, {
      title: tr.t('common.errorTitle', { title }),
      section: 'actions',
      notice,
    });
    const view = await this.listView(tr, user, values, { cursor, trail }, errors, { items: [], nextCursor: null });
    return sendUnkeptPage(reply, context, { template: 'actions', view, status: 400 });
  }

  /** What the list's template shows: a page of actions, or the filter's errors. */
  private async listView(
    tr: Translator,
    user: SignedInUser,
    values: Record<string, string>,
    { cursor, trail }: { cursor?: string; trail: string[] },
    errors: FormErrors,
    page: Page<ActionView>,
  ) {
    const contactId = !errors.form && isUuid(values.contact) ? values.contact : undefined;
    const organisationId = !errors.form && isUuid(values.organisation) ? values.organisation : undefined;
    const [choices, contacts, organisations] = await Promise.all([
      this.choices.get(),
      contactId ? this.contacts.names([contactId]) : [],
      organisationId ? this.organisations.names([organisationId]) : [],
    ]);
    const filtered = Object.values(values).some((v) => v.trim() !== '');
    const h = viewHelpersFor(tr.locale);
    return {
      actions: page.items,
      form: { values, errors },
      filtered,
      older: cursor !== undefined,
      pager: pagerLinks('/actions', values, { cursor, trail }, page.nextCursor),
      // The same filters as a spreadsheet (every matching action, not this page's twenty), and the way back in.
      csvUrl: listUrl('/actions.csv', values),
      mayImport: decide(user, 'action.write').allowed,
      // The contact or organisation a link filtered by: named, with a way to drop it.
      contact: contactId ? { id: contactId, name: contacts[0]?.name ?? tr.t('actions.erasedContact') } : null,
      organisation: organisationId
        ? { id: organisationId, name: organisations[0]?.name ?? tr.t('actions.unknownOrganisation') }
        : null,
      withoutContact: listUrl('/actions', { ...values, contact: '' }),
      withoutOrganisation: listUrl('/actions', { ...values, organisation: '' }),
      rich: richText(tr),
      options: {
        states: [choose(tr.t('actions.filters.anyState')), ...stateOptionsFor(tr.locale)],
        regions: [choose(tr.t('actions.filters.anyRegion')), ...REGIONS.map((r) => ({ value: r, label: h.region(r) }))],
        types: [choose(tr.t('actions.filters.anyKind')), ...typeOptions(h)],
        campaigns: [choose(tr.t('actions.filters.anyCampaign')), ...choices.campaigns],
        loggedBy: [
          choose(tr.t('actions.filters.anyone')),
          { value: 'me', label: tr.t('actions.filters.me') },
          ...choices.users.filter((u) => u.value !== user.id),
        ],
      },
    };
  }

  @Get('actions/:id')
  async page(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Param('id') id: string,
    @Query('saved') saved?: string,
  ): Promise<void> {
    const fields = readSaved(saved);
    const notice = fields ? savedNotice(fields, pageTranslator(request)) : undefined;
    await this.render(request, reply, user, actionId(id), { notice });
  }

  /** The edit form, checked with the API's limits; blank optional fields clear, the selects replace the links. */
  @Post('actions/:id')
  async edit(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Param('id') rawId: string,
    @FormBody() body: Record<string, unknown>,
  ): Promise<void> {
    const id = actionId(rawId);
    const before = await this.actions.get(id);
    // Refused before the form is read, as the API refuses it: no form with errors for one who may not change it.
    this.actions.assertMayChange(user, before);
    const values = readForm(body, fieldsOf(ACTION_EDIT_FORM));
    const links = { contactIds: picked(body.contactIds), organisationIds: picked(body.organisationIds) };
    const again = (errors: FormErrors, status = 400) =>
      this.render(request, reply, user, id, { form: { values, errors }, links, status });
    const checked = await checkForm(ACTION_EDIT_FORM, values, pageTranslator(request), links);
    if (!checked.ok) return again(checked.errors);
    const cleared = blanksAsNull(values, ['summary', 'target', 'outcome', 'campaignId']);
    let after: ActionView;
    try {
      after = await this.actions.update(user, id, { ...checked.input, ...cleared });
    } catch (error) {
      const errors = domainErrorToForm(error, ACTION_EDIT_FORM, pageTranslator(request));
      if (!errors) throw error;
      return again(errors, formErrorStatus(error));
    }
    return void reply.redirect(`/actions/${id}?saved=${savedParam(changedFields(before, after))}`, 303);
  }

  /** The step before withdrawing: what will go, and the button that does it. */
  @Get('actions/:id/withdraw')
  async confirmWithdraw(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Param('id') rawId: string,
  ): Promise<void> {
    const id = actionId(rawId);
    this.actions.assertMayChange(user, await this.actions.get(id));
    await this.render(request, reply, user, id, { confirmWithdraw: true });
  }

  /** Withdraws the action as DELETE /api/actions/:id does: no read shows it again; its follow-ups stay. */
  @Post('actions/:id/withdraw')
  async withdraw(
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Param('id') rawId: string,
  ): Promise<void> {
    const id = actionId(rawId);
    const action = await this.actions.get(id);
    await this.actions.remove(user, id);
    return void reply.redirect(`/actions?state=${action.stateCode}&saved=withdrawn`, 303);
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    user: SignedInUser,
    id: string,
    opts: {
      notice?: string;
      form?: FormState;
      links?: { contactIds: string[]; organisationIds: string[] };
      status?: number;
      confirmWithdraw?: boolean;
    },
  ): Promise<void> {
    const action = await this.actions.get(id);
    const canChange = this.actions.mayChange(user, action);
    const [contacts, organisations, followUps, campaign, ofState, organisationsOfState, choices] = await Promise.all([
      this.contacts.names(action.contactIds),
      this.organisations.names(action.organisationIds),
      this.followUps.list({ actionId: id }, FOLLOW_UPS_SHOWN),
      action.campaignId ? this.campaigns.get(action.campaignId).catch(() => null) : null,
      canChange ? this.contacts.ofState(action.stateCode) : [],
      canChange
        ? this.organisations.list({ stateCode: action.stateCode, limit: ORGANISATIONS_OFFERED })
        : { items: [] },
      canChange ? this.choices.get() : { campaigns: [] },
    ]);
    const form = opts.form ?? emptyForm(editValues(action));
    const links = opts.links ?? { contactIds: action.contactIds, organisationIds: action.organisationIds };
    const hasErrors = Object.keys(form.errors).length > 0;
    const tr = pageTranslator(request);
    const context = pageContext(request, reply, {
      title: hasErrors ? tr.t('common.errorTitle', { title: action.title }) : action.title,
      section: 'actions',
      notice: opts.notice,
    });
    const html = await renderPage(
      reply,
      'action',
      context,
      {
        action,
        contacts,
        organisations,
        followUps: followUps.items,
        campaign,
        canChange,
        confirmWithdraw: opts.confirmWithdraw === true && canChange,
        form,
        rich: richText(tr),
        options: {
          types: [choose(tr.t('actions.choose')), ...typeOptions(context.h)],
          campaigns: [choose(tr.t('actions.none')), ...choices.campaigns],
          contacts: choicesOf(
            [...contacts, ...ofState].map((c) => ({
              value: c.id,
              label: [c.name ?? tr.t('actions.erasedContact'), c.position].filter(Boolean).join(', '),
            })),
            links.contactIds,
          ),
          organisations: choicesOf(
            [
              ...organisations.map((o) => ({
                value: o.id,
                label: o.deleted ? `${o.name} ${tr.t('actions.deleted')}` : o.name,
              })),
              ...organisationsOfState.items.map((o) => ({ value: o.id, label: o.name })),
            ],
            links.organisationIds,
          ),
        },
      },
      opts.status ?? 200,
    );
    return void reply.send(html);
  }
}

/** Each option once, those picked selected. */
function choicesOf(options: { value: string; label: string }[], pickedIds: readonly string[]) {
  const seen = new Set<string>();
  return options
    .filter((o) => !seen.has(o.value) && seen.add(o.value))
    .map((o) => ({ ...o, selected: pickedIds.includes(o.value) }));
}

/** The edit form filled with the action as it is. */
const editValues = (a: ActionView): FormValues => ({
  type: a.type,
  date: a.date,
  title: a.title,
  target: a.target ?? '',
  summary: a.summary ?? '',
  outcome: a.outcome ?? '',
  campaignId: a.campaignId ?? '',
});
