import { Controller, Get, Header, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { decide, SignedInUser } from '@app/accounts';
import { ActionsService } from '@app/advocacy';
import {
  contactNotFound,
  ContactsService,
  LAWFUL_BASES,
  organisationNotFound,
  ORGANISATION_KIND_LABELS,
  ORGANISATION_KINDS,
  OrganisationsService,
  OrganisationKind,
  OrganisationView,
} from '@app/people';
import { DataRevision, isUuid, RevisionCache } from '@app/platform';
import { stateNameIn } from '@app/states';
import { CurrentUser, WebPage } from '../auth/auth.guard';
import { CreateContactDto, UpdateContactDto } from '../people/contact.dto';
import { CreateOrganisationDto, UpdateOrganisationDto } from '../people/organisation.dto';
import { contactExport } from '../people/contact-export';
import {
  checkForm,
  CONTACT_EDIT_FORM,
  CONTACT_FORM,
  domainErrorToForm,
  emptyForm,
  fieldsOf,
  FormBody,
  formErrorStatus,
  FormSpec,
  FormState,
  blanksAsNull,
  ORGANISATION_EDIT_FORM,
  ORGANISATION_FORM,
  readForm,
} from './forms';
import { msg, type Translator } from '@app/i18n';
import { KeptBodies, pageContext, renderPage, sendUnkeptPage } from './page-context';
import { pageTranslator } from './page-locale';
import { PAGES_PREFIX } from './page-routing';
import { stateOptionsFor, viewHelpersFor } from './view-helpers';

const PER_PAGE = 50;
const ACTIONS_PER_PAGE = 20;
/** Search-as-you-type answers this many names. */
const SUGGESTIONS = 10;
/** The texts typed whose suggestions are kept (a few hundred bytes each). */
const SUGGESTIONS_KEPT = 2_000;
/** The people's pages kept, over every reader (some 20 KB each). */
const CONTACT_PAGES_KEPT = 500;

/** The kinds of organisation, as each language names them. */
const KIND_KEYS: Record<OrganisationKind, string> = {
  'member-ngo': msg('people.kind.member-ngo'),
  'national-coalition': msg('people.kind.national-coalition'),
  'regional-network': msg('people.kind.regional-network'),
  government: msg('people.kind.government'),
  parliament: msg('people.kind.parliament'),
  igo: msg('people.kind.igo'),
  other: msg('people.kind.other'),
};
const kindLabel = (kind: OrganisationKind, tr: Translator) =>
  kind in KIND_KEYS ? tr.t(KIND_KEYS[kind]) : (ORGANISATION_KIND_LABELS[kind] ?? kind);

/** The states to place a person or organisation in, named and sorted in the page's language. */
const stateOptions = (tr: Translator) => [
  { value: '', label: tr.t('people.field.none') },
  ...stateOptionsFor(tr.locale),
];
const optionsOf = (tr: Translator, values: readonly string[], label: (value: string) => string) => [
  { value: '', label: tr.t('people.field.choose') },
  ...values.map((value) => ({ value, label: label(value) })),
];
const kindOptions = (tr: Translator) =>
  optionsOf(tr, ORGANISATION_KINDS, (kind) => kindLabel(kind as OrganisationKind, tr));

/**
 * Contacts and organisations as pages: lists with search, a page for each (a person's actions, an organisation's
 * people and actions), and the forms to add them, shown only to those the policy lets add them somewhere.
 */
@ApiExcludeController()
@WebPage()
@Controller(PAGES_PREFIX.slice(1))
export class PeoplePagesController {
  constructor(
    private readonly contacts: ContactsService,
    private readonly organisations: OrganisationsService,
    private readonly actions: ActionsService,
    private readonly records: DataRevision,
  ) {
    this.contactReads = records.cache(CONTACT_PAGES_KEPT);
    this.contactBodies = new KeptBodies(records, 'reader', CONTACT_PAGES_KEPT);
    this.suggestions = records.cache(SUGGESTIONS_KEPT);
  }

  /** A person's page as read, and as each reader's body, for a revision of the records. */
  private readonly contactReads: RevisionCache<{
    contact: Awaited<ReturnType<ContactsService['get']>>;
    actions: Awaited<ReturnType<ActionsService['list']>>;
  }>;
  private readonly contactBodies: KeptBodies;
  /** The suggestions for what was typed, for a revision of the records. */
  private readonly suggestions: RevisionCache<string>;

  @Get('contacts')
  async contactList(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Query('q') q?: string,
    @Query('cursor') cursor?: string,
  ): Promise<void> {
    await this.renderContacts(request, reply, user, { q, cursor });
  }

  /** Search as you type for the action form's script: the names matching, as JSON (the form works without it). */
  @Get('contacts/suggest')
  @Header('content-type', 'application/json; charset=utf-8')
  async suggest(@Query('q') q?: string): Promise<string> {
    const text = typeof q === 'string' ? q.slice(0, 200) : '';
    if (text.trim() === '') return '[]';
    // Each key typed asks again: what a few letters find is kept until the records change.
    return this.suggestions.get(text, await this.records.current(), async () => {
      const page = await this.contacts.list({ q: text, limit: SUGGESTIONS });
      return JSON.stringify(
        page.items.map((c) => ({ id: c.id, label: [c.name, c.position, c.stateCode].filter(Boolean).join(' · ') })),
      );
    });
  }

  @Post('contacts')
  async addContact(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @FormBody() body: Record<string, unknown>,
  ): Promise<void> {
    const organisationId =
      typeof body.organisationId === 'string' && isUuid(body.organisationId) ? body.organisationId : undefined;
    const values = readForm(body, fieldsOf(CONTACT_FORM));
    const tr = pageTranslator(request);
    const result = await this.save<CreateContactDto>(CONTACT_FORM, values, tr, { organisationId }, async (input) => {
      const created = await this.contacts.create(user, input);
      return `/contacts/${created.id}`;
    });
    if (typeof result === 'string') return void reply.redirect(result, 303);
    if (organisationId)
      return this.renderOrganisation(request, reply, user, organisationId, {
        form: result.form,
        status: result.status,
      });
    return this.renderContacts(request, reply, user, { form: result.form, status: result.status });
  }

  @Get('contacts/:id')
  async contact(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Param('id') id: string,
    @Query('actions') cursor?: string,
    @Query('saved') saved?: string,
    @Query('erased') erased?: string,
  ): Promise<void> {
    const tr = pageTranslator(request);
    const notice = saved
      ? tr.t('people.notice.contactSaved')
      : erased
        ? tr.t('people.notice.contactErased')
        : undefined;
    await this.renderContact(request, reply, user, id, { cursor, notice });
  }

  /** Everything held on the person (GDPR article 15), as the API's export, as a file to keep or send them. */
  @Get('contacts/:id/export')
  async exportContact(
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Param('id') id: string,
  ): Promise<void> {
    const held = await contactExport(this.contacts, this.actions, user, checkedId(id, contactNotFound));
    void reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="contact-${id}.json"`)
      .header('cache-control', 'no-store');
    return void reply.send(JSON.stringify(held, null, 2));
  }

  /** Erases the person (GDPR article 17) once the reader has ticked the box saying they mean it. */
  @Post('contacts/:id/erase')
  async eraseContact(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Param('id') id: string,
    @FormBody() body: Record<string, unknown>,
  ): Promise<void> {
    checkedId(id, contactNotFound);
    if (body.confirm !== 'yes') {
      return this.renderContact(request, reply, user, id, {
        eraseError: pageTranslator(request).t('people.contact.eraseUnconfirmed'),
        status: 400,
      });
    }
    await this.contacts.erase(user, id);
    return void reply.redirect(`/contacts/${id}?erased=1`, 303);
  }

  /** The edit form: the fields as sent (a blank one clears it), checked with the API's UpdateContactDto. */
  @Post('contacts/:id')
  async editContact(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Param('id') id: string,
    @FormBody() body: Record<string, unknown>,
  ): Promise<void> {
    checkedId(id, contactNotFound);
    const values = readForm(body, fieldsOf(CONTACT_EDIT_FORM));
    const tr = pageTranslator(request);
    const result = await this.save<UpdateContactDto>(CONTACT_EDIT_FORM, values, tr, keepName(values), async (input) => {
      const cleared = blanksAsNull(values, ['position', 'stateCode', 'email', 'phone', 'notes']);
      await this.contacts.update(user, id, { ...input, ...cleared });
      return `/contacts/${id}?saved=1`;
    });
    if (typeof result === 'string') return void reply.redirect(result, 303);
    return this.renderContact(request, reply, user, id, { form: result.form, status: result.status });
  }

  private async renderContact(
    request: FastifyRequest,
    reply: FastifyReply,
    user: SignedInUser,
    id: string,
    opts: { cursor?: string; notice?: string; form?: FormState; status?: number; eraseError?: string },
  ): Promise<void> {
    const cursor = opts.cursor;
    const revision = await this.records.current();
    const key = `${id} ${cursor ?? ''}`;
    const { contact, actions } = await this.contactReads.get(key, revision, async () => {
      const [person, page] = await Promise.all([
        this.contacts.get(id),
        this.actions.list({ contactId: checkedId(id, contactNotFound), limit: ACTIONS_PER_PAGE, cursor }),
      ]);
      return { contact: person, actions: page };
    });
    const tr = pageTranslator(request);
    const name = contact.name ?? tr.t('people.contact.erased');
    const context = pageContext(request, reply, {
      title: opts.form ? tr.t('common.errorTitle', { title: name }) : name,
      section: 'people',
      notice: opts.notice,
    });
    const view = () => ({
      contact,
      actions: actions.items,
      olderActions: cursor !== undefined,
      nextActionsUrl: actions.nextCursor ? `/contacts/${id}?actions=${encodeURIComponent(actions.nextCursor)}` : null,
      stateName: stateName(contact.stateCode),
      // The form is shown only to those who may change the person where they are (a move is checked on saving).
      canEdit:
        contact.erasedAt === null &&
        (contact.region === null
          ? decide(user, 'people.write-unplaced').allowed
          : decide(user, 'people.write', contact.region).allowed),
      form:
        opts.form ??
        emptyForm({
          name: contact.name ?? '',
          position: contact.position ?? '',
          stateCode: contact.stateCode ?? '',
          email: contact.email ?? '',
          phone: contact.phone ?? '',
          notes: contact.notes ?? '',
          lawfulBasis: contact.lawfulBasis ?? '',
        }),
      options: contactOptions(tr),
      // Export and erasure are the admins' (as the API allows), and erasure only while there is something to erase.
      canExport: decide(user, 'people.personal-data').allowed,
      canErase: contact.erasedAt === null && decide(user, 'people.personal-data').allowed,
      eraseError: opts.eraseError ?? null,
    });
    // The page as it opens holds what its reader may do: kept for that reader until the records change.
    if (opts.form === undefined && opts.eraseError === undefined) {
      return this.contactBodies.send(reply, context, {
        revision,
        key,
        template: 'contact',
        view,
      });
    }
    return sendUnkeptPage(reply, context, { template: 'contact', view: view(), status: opts.status });
  }

  @Get('organisations')
  async organisationList(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Query('q') q?: string,
    @Query('cursor') cursor?: string,
  ): Promise<void> {
    await this.renderOrganisations(request, reply, user, { q, cursor });
  }

  @Post('organisations')
  async addOrganisation(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @FormBody() body: Record<string, unknown>,
  ): Promise<void> {
    const values = readForm(body, fieldsOf(ORGANISATION_FORM));
    const tr = pageTranslator(request);
    const result = await this.save<CreateOrganisationDto>(ORGANISATION_FORM, values, tr, {}, async (input) => {
      const created = await this.organisations.create(user, input);
      return `/organisations/${created.id}`;
    });
    if (typeof result === 'string') return void reply.redirect(result, 303);
    return this.renderOrganisations(request, reply, user, { form: result.form, status: result.status });
  }

  @Get('organisations/:id')
  async organisation(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Param('id') id: string,
    @Query('actions') cursor?: string,
    @Query('saved') saved?: string,
  ): Promise<void> {
    await this.renderOrganisation(request, reply, user, id, {
      cursor,
      notice: saved ? pageTranslator(request).t('people.notice.organisationSaved') : undefined,
    });
  }

  /** The edit form: the fields as sent (a blank optional one clears it), checked with UpdateOrganisationDto. */
  @Post('organisations/:id')
  async editOrganisation(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Param('id') id: string,
    @FormBody() body: Record<string, unknown>,
  ): Promise<void> {
    checkedId(id, organisationNotFound);
    const values = readForm(body, fieldsOf(ORGANISATION_EDIT_FORM));
    const tr = pageTranslator(request);
    const result = await this.save<UpdateOrganisationDto>(
      ORGANISATION_EDIT_FORM,
      values,
      tr,
      keepName(values),
      async (input) => {
        const cleared = blanksAsNull(values, ['stateCode', 'website', 'email', 'memberSince']);
        await this.organisations.update(user, id, { ...input, ...cleared });
        return `/organisations/${id}?saved=1`;
      },
    );
    if (typeof result === 'string') return void reply.redirect(result, 303);
    return this.renderOrganisation(request, reply, user, id, { editForm: result.form, status: result.status });
  }

  /** Checks a posted form with its DTO and saves it: the address to go to, or the form again with its errors. */
  private async save<T extends object>(
    form: FormSpec<T>,
    values: Record<string, string>,
    tr: Translator,
    given: Record<string, unknown>,
    save: (input: NoInfer<T>) => Promise<string>,
  ): Promise<string | { form: FormState; status: number }> {
    const checked = await checkForm(form, values, tr, given);
    if (!checked.ok) return { form: { values, errors: checked.errors }, status: 400 };
    try {
      return await save(checked.input);
    } catch (error) {
      const errors = domainErrorToForm(error, form, tr);
      if (!errors) throw error;
      return { form: { values, errors }, status: formErrorStatus(error) };
    }
  }

  private async renderContacts(
    request: FastifyRequest,
    reply: FastifyReply,
    user: SignedInUser,
    opts: { q?: string; cursor?: string; form?: FormState; status?: number },
  ): Promise<void> {
    const q = typeof opts.q === 'string' ? opts.q.slice(0, 200) : undefined;
    const page = await this.contacts.list({ q, cursor: opts.cursor, limit: PER_PAGE });
    const tr = pageTranslator(request);
    const title = tr.t('people.contacts.title');
    const context = pageContext(request, reply, {
      title: opts.form ? tr.t('common.errorTitle', { title }) : title,
      section: 'people',
    });
    const html = await renderPage(
      reply,
      'contacts',
      context,
      {
        contacts: page.items,
        q: q ?? '',
        nextUrl: page.nextCursor
          ? `/contacts?${new URLSearchParams({ q: q ?? '', cursor: page.nextCursor }).toString()}`
          : null,
        canAdd: decide(user, 'people.write').allowed,
        form: opts.form ?? emptyForm(Object.fromEntries(fieldsOf(CONTACT_FORM).map((f) => [f, '']))),
        options: contactOptions(tr),
      },
      opts.status ?? 200,
    );
    return void reply.send(html);
  }

  private async renderOrganisations(
    request: FastifyRequest,
    reply: FastifyReply,
    user: SignedInUser,
    opts: { q?: string; cursor?: string; form?: FormState; status?: number },
  ): Promise<void> {
    const q = typeof opts.q === 'string' ? opts.q.slice(0, 200) : undefined;
    const page = await this.organisations.list({ q, cursor: opts.cursor, limit: PER_PAGE });
    const tr = pageTranslator(request);
    const title = tr.t('people.organisations.title');
    const context = pageContext(request, reply, {
      title: opts.form ? tr.t('common.errorTitle', { title }) : title,
      section: 'people',
    });
    const html = await renderPage(
      reply,
      'organisations',
      context,
      {
        organisations: page.items.map((o) => ({ ...o, kindLabel: kindLabel(o.kind, tr) })),
        q: q ?? '',
        nextUrl: page.nextCursor
          ? `/organisations?${new URLSearchParams({ q: q ?? '', cursor: page.nextCursor }).toString()}`
          : null,
        canAdd: decide(user, 'people.write').allowed,
        form: opts.form ?? emptyForm(Object.fromEntries(fieldsOf(ORGANISATION_FORM).map((f) => [f, '']))),
        options: { kinds: kindOptions(tr), states: stateOptions(tr) },
      },
      opts.status ?? 200,
    );
    return void reply.send(html);
  }

  private async renderOrganisation(
    request: FastifyRequest,
    reply: FastifyReply,
    user: SignedInUser,
    id: string,
    opts: { cursor?: string; form?: FormState; editForm?: FormState; status?: number; notice?: string },
  ): Promise<void> {
    const [organisation, people, actions] = await Promise.all([
      this.organisations.get(id),
      this.contacts.list({ organisationId: checkedId(id, organisationNotFound), limit: 200 }),
      this.actions.list({
        organisationId: checkedId(id, organisationNotFound),
        limit: ACTIONS_PER_PAGE,
        cursor: opts.cursor,
      }),
    ]);
    const tr = pageTranslator(request);
    const context = pageContext(request, reply, {
      title: opts.form || opts.editForm ? tr.t('common.errorTitle', { title: organisation.name }) : organisation.name,
      section: 'people',
      notice: opts.notice,
    });
    const html = await renderPage(
      reply,
      'organisation',
      context,
      {
        organisation: { ...organisation, kindLabel: kindLabel(organisation.kind, tr) },
        stateName: stateName(organisation.stateCode),
        people: people.items,
        morePeople: people.nextCursor !== null,
        actions: actions.items,
        olderActions: opts.cursor !== undefined,
        nextActionsUrl: actions.nextCursor
          ? `/organisations/${id}?actions=${encodeURIComponent(actions.nextCursor)}`
          : null,
        canAdd: decide(user, 'people.write', organisation.region ?? undefined).allowed && mayPlace(user, organisation),
        form:
          opts.form ??
          emptyForm({
            ...Object.fromEntries(fieldsOf(CONTACT_FORM).map((f) => [f, ''])),
            stateCode: organisation.stateCode ?? '',
          }),
        options: contactOptions(tr),
        canEdit: decide(user, 'people.write', organisation.region ?? undefined).allowed && mayPlace(user, organisation),
        editForm:
          opts.editForm ??
          emptyForm({
            name: organisation.name,
            kind: organisation.kind,
            stateCode: organisation.stateCode ?? '',
            website: organisation.website ?? '',
            email: organisation.email ?? '',
            memberSince: organisation.memberSince ?? '',
          }),
        organisationOptions: { kinds: kindOptions(tr), states: stateOptions(tr) },
      },
      opts.status ?? 200,
    );
    return void reply.send(html);
  }
}

/** A regional officer adds people only to organisations placed in a state of their regions. */
const mayPlace = (user: SignedInUser, o: OrganisationView) =>
  o.stateCode !== null || decide(user, 'people.write-unplaced').allowed;

function contactOptions(tr: Translator) {
  const basis = viewHelpersFor(tr.locale).lawfulBasis;
  return { states: stateOptions(tr), lawfulBases: optionsOf(tr, LAWFUL_BASES, basis) };
}

/** An edit form's name left blank is sent as null, which the DTO refuses ("enter the name"), not as "unchanged". */
const keepName = (values: Record<string, string>) => (values.name.trim() === '' ? { name: null } : {});

/** The id of an address, or the 404 page of what it names before any query runs. */
function checkedId(id: string, notFound: (id: string) => Error): string {
  if (!isUuid(id)) throw notFound(id);
  return id;
}

function stateName(code: string | null): string | null {
  return code === null ? null : (stateNameIn('en', code) ?? code);
}
