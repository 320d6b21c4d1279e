import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccountsService, PasswordLinksService, REGIONS, ROLES, SignedInUser, UserView } from '@app/accounts';
import { DEFAULT_LOCALE, type Locale, LOCALES, msg, type Translator } from '@app/i18n';
import { OutboxReviewService, PROBLEM_STATUSES, type ProblemStatus } from '@app/mail';
import { isUuid } from '@app/platform';
import { CurrentUser, Requires, WebPage } from '../auth/auth.guard';
import {
  checkForm,
  domainErrorToForm,
  emptyForm,
  FormBody,
  formErrorStatus,
  FormErrors,
  FormState,
  FormValues,
  INVITE_FORM,
  readForm,
  USER_ROLE_FORM,
} from './forms';
import { regionName, roleLabels } from './labels';
import { pageContext, renderPage, noticeOf } from './page-context';
import { pageTranslator } from './page-locale';
import { PAGES_PREFIX } from './page-routing';

const USERS_PER_PAGE = 50;
const EMAILS_PER_PAGE = 50;

const USER_NOTICES: Record<string, string> = {
  invited: msg('admin.users.notice.invited'),
  role: msg('admin.users.notice.role'),
  deactivated: msg('admin.users.notice.deactivated'),
  reactivated: msg('admin.users.notice.reactivated'),
  reinvited: msg('admin.users.notice.reinvited'),
};

const OUTBOX_NOTICES: Record<string, string> = {
  resent: msg('admin.outbox.notice.resent'),
};

/** Each language as the reader's language names it ("French" to an English reader, "français" to a French one). */
const LANGUAGE_KEYS: Record<Locale, string> = {
  en: msg('admin.language.en'),
  fr: msg('admin.language.fr'),
  es: msg('admin.language.es'),
  ar: msg('admin.language.ar'),
};

/** What the outbox's kinds of email are called; a kind not listed shows as its code. */
const EMAIL_KIND_KEYS: Record<string, string> = {
  invitation: msg('admin.outbox.kind.invitation'),
  'password-reset': msg('admin.outbox.kind.password-reset'),
  reminder: msg('admin.outbox.kind.reminder'),
  escalation: msg('admin.outbox.kind.escalation'),
  digest: msg('admin.outbox.kind.digest'),
};

const translated = (keys: Record<string, string>, tr: Translator): Record<string, string> =>
  Object.fromEntries(Object.entries(keys).map(([code, key]) => [code, tr.t(key)]));

/** A notice of the page's table, in the reader's language. */
const noticeIn = (tr: Translator, notices: Record<string, string>, saved: unknown): string | undefined => {
  const key = noticeOf(notices, saved);
  return key ? tr.t(key) : undefined;
};

interface UsersForms {
  invite: FormState;
  /** The role form of one user, shown again with its errors. */
  role: Record<string, FormState>;
  /** A refusal about one user (deactivating the last admin, inviting again one who has a password), by their row. */
  row: Record<string, string>;
}

/** The regions ticked on a form, which sends one value or several, as the one text field the page DTO reads. */
function tickedRegions(body: Record<string, unknown>): string {
  return [body.regions ?? []]
    .flat()
    .filter((r): r is string => typeof r === 'string')
    .join(',');
}

function userForm(body: Record<string, unknown>, fields: readonly string[]): FormValues {
  return { ...readForm(body, fields), regions: tickedRegions(body) };
}

/** Where a refusal about a user is said: next to the field of the form concerned, or beside the user's row. */
function refusal(error: unknown, tr: Translator): string | null {
  // Not allowed or not found: null, an error page, as the API answers.
  const errors = domainErrorToForm(error, USER_ROLE_FORM, tr);
  return errors ? Object.values(errors)[0] : null;
}

/**
 * Admins' pages: the users (invite, role and regions, deactivate, invite again) and the outbox's emails that did not
 * go out for sure (send again). Each action is the API's, through the same services and rules.
 */
@ApiExcludeController()
@WebPage()
@Controller(PAGES_PREFIX.slice(1))
export class AdminPagesController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly links: PasswordLinksService,
    private readonly outbox: OutboxReviewService,
  ) {}

  @Get('admin/users')
  @Requires('users.manage')
  async users(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Query('saved') saved?: string,
    @Query('cursor') cursor?: string,
  ): Promise<void> {
    await this.renderUsers(request, reply, user, {
      notice: noticeIn(pageTranslator(request), USER_NOTICES, saved),
      cursor: typeof cursor === 'string' && cursor !== '' ? cursor : undefined,
    });
  }

  @Post('admin/users')
  @Requires('users.manage')
  async invite(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @FormBody() body: Record<string, unknown>,
  ): Promise<void> {
    const values = userForm(body, ['email', 'name', 'role', 'locale']);
    const again = (errors: FormErrors, status = 400) =>
      this.renderUsers(request, reply, user, { invite: { values, errors } }, status);
    const checked = await checkForm(INVITE_FORM, values, pageTranslator(request));
    if (!checked.ok) return again(checked.errors);
    try {
      // As POST /api/users without a password: the user is created and emailed an invitation.
      await this.links.createInvited(user, checked.input);
    } catch (error) {
      const errors = domainErrorToForm(error, INVITE_FORM, pageTranslator(request));
      if (!errors) throw error;
      return again(errors, formErrorStatus(error));
    }
    return this.savedUsers(reply, 'invited');
  }

  @Post('admin/users/:id/role')
  @Requires('users.manage')
  async changeRole(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Param('id') id: string,
    @FormBody() body: Record<string, unknown>,
  ): Promise<void> {
    const values = userForm(body, ['role']);
    const again = (errors: FormErrors, status = 400) =>
      this.renderUsers(request, reply, user, { role: { [id]: { values, errors } } }, status);
    // No region ticked is no region: the field is always sent.
    const checked = await checkForm(USER_ROLE_FORM, values, pageTranslator(request), { regions: [] });
    if (!checked.ok) return again(checked.errors);
    try {
      await this.accounts.update(user, this.userId(id), checked.input);
    } catch (error) {
      const errors = domainErrorToForm(error, USER_ROLE_FORM, pageTranslator(request));
      if (!errors) throw error;
      return again(errors, formErrorStatus(error));
    }
    return this.savedUsers(reply, 'role', id);
  }

  @Post('admin/users/:id/deactivate')
  @Requires('users.manage')
  deactivate(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Param('id') id: string,
  ): Promise<void> {
    return this.onUser(request, reply, user, id, 'deactivated', () =>
      this.accounts.update(user, this.userId(id), { active: false }),
    );
  }

  @Post('admin/users/:id/reactivate')
  @Requires('users.manage')
  reactivate(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Param('id') id: string,
  ): Promise<void> {
    return this.onUser(request, reply, user, id, 'reactivated', () =>
      this.accounts.update(user, this.userId(id), { active: true }),
    );
  }

  @Post('admin/users/:id/invitation')
  @Requires('users.manage')
  reinvite(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Param('id') id: string,
  ): Promise<void> {
    return this.onUser(request, reply, user, id, 'reinvited', () => this.links.reinvite(user, this.userId(id)));
  }

  @Get('admin/outbox')
  @Requires('mail.manage')
  async outboxPage(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('status') status?: string,
    @Query('cursor') cursor?: string,
    @Query('saved') saved?: string,
  ): Promise<void> {
    const shown = (PROBLEM_STATUSES as readonly string[]).includes(status ?? '')
      ? (status as ProblemStatus)
      : undefined;
    const page = await this.outbox.problems({
      status: shown,
      limit: EMAILS_PER_PAGE,
      cursor: typeof cursor === 'string' && cursor !== '' ? cursor : undefined,
    });
    const tr = pageTranslator(request);
    const context = pageContext(request, reply, {
      title: tr.t('admin.outbox.title'),
      section: 'admin',
      notice: noticeIn(tr, OUTBOX_NOTICES, saved),
    });
    const query = (more: Record<string, string>) => {
      const q = new URLSearchParams({ ...(shown ? { status: shown } : {}), ...more }).toString();
      return q ? `/admin/outbox?${q}` : '/admin/outbox';
    };
    const html = await renderPage(reply, 'admin-outbox', context, {
      emails: page.items,
      status: shown ?? '',
      kindLabels: translated(EMAIL_KIND_KEYS, tr),
      nextUrl: page.nextCursor ? query({ cursor: page.nextCursor }) : null,
    });
    return void reply.send(html);
  }

  @Post('admin/outbox/:id/resend')
  @Requires('mail.manage')
  async resend(@Res() reply: FastifyReply, @CurrentUser() user: SignedInUser, @Param('id') id: string): Promise<void> {
    await this.outbox.resend(user, id);
    return void reply.redirect('/admin/outbox?saved=resent', 303);
  }

  /** An id from the address that is no user id is no user: a 404 page, as the API's 404 (not a 400 for a form). */
  private userId(id: string): string {
    return isUuid(id) ? id : '00000000-0000-0000-0000-000000000000';
  }

  /** One action on a user's row: done, back to the list; refused for a conflict, said beside the row. */
  private async onUser(
    request: FastifyRequest,
    reply: FastifyReply,
    user: SignedInUser,
    id: string,
    notice: string,
    act: () => Promise<unknown>,
  ): Promise<void> {
    try {
      await act();
    } catch (error) {
      const said = refusal(error, pageTranslator(request));
      if (said === null) throw error;
      return this.renderUsers(request, reply, user, { row: { [id]: said } }, formErrorStatus(error));
    }
    return this.savedUsers(reply, notice, id);
  }

  private savedUsers(reply: FastifyReply, notice: string, id?: string): void {
    return void reply.redirect(`/admin/users?saved=${notice}${id ? `#user-${id}` : ''}`, 303);
  }

  private async renderUsers(
    request: FastifyRequest,
    reply: FastifyReply,
    reader: SignedInUser,
    opts: Partial<UsersForms> & { notice?: string; cursor?: string },
    status = 200,
  ): Promise<void> {
    const page = await this.accounts.list(USERS_PER_PAGE, opts.cursor);
    const awaiting = await this.accounts.awaitingPassword(page.items.map((u) => u.id));
    const roleForm = (u: UserView): FormState =>
      opts.role?.[u.id] ?? emptyForm({ role: u.role, regions: u.regions.join(',') });
    const forms: UsersForms = {
      invite: opts.invite ?? emptyForm({ email: '', name: '', role: '', regions: '', locale: DEFAULT_LOCALE }),
      role: Object.fromEntries(page.items.map((u) => [u.id, roleForm(u)])),
      row: opts.row ?? {},
    };
    const tr = pageTranslator(request);
    const title = tr.t('admin.users.title');
    const context = pageContext(request, reply, {
      title: status !== 200 ? tr.t('common.errorTitle', { title }) : title,
      section: 'admin',
      notice: opts.notice,
    });
    const html = await renderPage(
      reply,
      'admin-users',
      context,
      {
        users: page.items.map((u) => ({ ...u, awaitingPassword: awaiting.has(u.id), you: u.id === reader.id })),
        nextUrl: page.nextCursor ? `/admin/users?cursor=${encodeURIComponent(page.nextCursor)}` : null,
        forms,
        roles: [
          { value: '', label: tr.t('admin.choose') },
          ...ROLES.map((r) => ({ value: r, label: roleLabels(tr)[r] })),
        ],
        roleLabels: roleLabels(tr),
        regions: REGIONS.map((r) => ({ value: r, label: regionName(r, tr) })),
        locales: LOCALES.map((l) => ({ value: l, label: tr.t(LANGUAGE_KEYS[l]) })),
        languageNames: translated(LANGUAGE_KEYS, tr),
      },
      status,
    );
    return void reply.send(html);
  }
}
