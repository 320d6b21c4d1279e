import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { assertAllowed, SignedInUser } from '@app/accounts';
import { msg, type Translator } from '@app/i18n';
import { DepositaryService, INSTRUMENTS } from '@app/states';
import { CurrentUser, WebPage } from '../auth/auth.guard';
import {
  checkForm,
  domainErrorToForm,
  emptyForm,
  fieldsOf,
  FormBody,
  formErrorStatus,
  FormState,
  NOTIFICATION_FORM,
  readForm,
  REJECT_FORM,
  STATUS_TABLE_FORM,
} from './forms';
import { pageContext, renderPage } from './page-context';
import { pageLocale, pageTranslator } from './page-locale';
import { viewHelpersFor } from './view-helpers';
import { PAGES_PREFIX } from './page-routing';

const CHANGE_LABELS: Record<string, string> = {
  new: msg('admin.depositary.change.new'),
  'different-date': msg('admin.depositary.change.different-date'),
  'different-type': msg('admin.depositary.change.different-type'),
  'missing-there': msg('admin.depositary.change.missing-there'),
};

/** What a form of the page did, said after the redirect from what its address carries (`?saved=table&rows=…`). */
function savedNotice(tr: Translator, query: Record<string, unknown>): string | undefined {
  const text = (name: string) => (typeof query[name] === 'string' ? query[name].slice(0, 200) : '');
  const count = (name: string) => {
    const n = Number(text(name));
    return Number.isSafeInteger(n) && n >= 0 ? n : 0;
  };
  switch (query.saved) {
    case 'table': {
      const counts = { rows: count('rows'), proposals: count('proposals') };
      const unmatched = text('unmatched');
      return unmatched
        ? tr.t('admin.depositary.notice.tableUnmatched', { ...counts, unmatched })
        : tr.t('admin.depositary.notice.table', counts);
    }
    case 'notification':
      return tr.t('admin.depositary.notice.notification', {
        reference: text('reference'),
        proposals: count('proposals'),
      });
    case 'accepted':
      return tr.t('admin.depositary.notice.accepted');
    case 'rejected':
      return tr.t('admin.depositary.notice.rejected');
    default:
      return undefined;
  }
}

interface DepositaryForms {
  table: FormState;
  notification: FormState;
  /** The reject form of one proposal, shown again with its error. */
  reject: Record<string, FormState>;
  /** A refusal of accepting one proposal, said next to it. */
  accept: Record<string, string>;
}

/** Admins' review of what the depositary publishes: paste a table or a notice, accept or reject each proposal. */
@ApiExcludeController()
@WebPage()
@Controller(PAGES_PREFIX.slice(1))
export class DepositaryPageController {
  constructor(private readonly depositary: DepositaryService) {}

  @Get('depositary')
  async page(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Query() query: Record<string, unknown>,
    @Query('cursor') cursor?: string,
  ): Promise<void> {
    assertAllowed(user, 'depositary.review');
    await this.render(request, reply, {
      notice: savedNotice(pageTranslator(request), query),
      cursor: typeof cursor === 'string' && cursor !== '' ? cursor : undefined,
    });
  }

  @Post('depositary/status-tables')
  async table(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @FormBody() body: Record<string, unknown>,
  ): Promise<void> {
    const values = readForm(body, fieldsOf(STATUS_TABLE_FORM));
    const checked = await checkForm(STATUS_TABLE_FORM, values, pageTranslator(request));
    if (!checked.ok) return this.render(request, reply, { table: { values, errors: checked.errors } }, 400);
    try {
      const read = await this.depositary.importStatusTable(user, checked.input);
      return this.saved(reply, {
        saved: 'table',
        rows: String(read.participants),
        proposals: String(read.proposals),
        ...(read.unmatched.length ? { unmatched: read.unmatched.join(', ') } : {}),
      });
    } catch (error) {
      const errors = domainErrorToForm(error, STATUS_TABLE_FORM, pageTranslator(request));
      if (!errors) throw error;
      return this.render(request, reply, { table: { values, errors } }, formErrorStatus(error));
    }
  }

  @Post('depositary/notifications')
  async notification(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @FormBody() body: Record<string, unknown>,
  ): Promise<void> {
    const values = readForm(body, fieldsOf(NOTIFICATION_FORM));
    const checked = await checkForm(NOTIFICATION_FORM, values, pageTranslator(request));
    if (!checked.ok) return this.render(request, reply, { notification: { values, errors: checked.errors } }, 400);
    try {
      const read = await this.depositary.importNotification(user, checked.input);
      return this.saved(reply, {
        saved: 'notification',
        reference: read.reference,
        proposals: String(read.proposals),
      });
    } catch (error) {
      const errors = domainErrorToForm(error, NOTIFICATION_FORM, pageTranslator(request));
      if (!errors) throw error;
      return this.render(request, reply, { notification: { values, errors } }, formErrorStatus(error));
    }
  }

  @Post('depositary/proposals/:id/accept')
  async accept(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Param('id') id: string,
  ): Promise<void> {
    try {
      await this.depositary.accept(user, id);
    } catch (error) {
      const errors = domainErrorToForm(error, REJECT_FORM, pageTranslator(request));
      if (!errors) throw error;
      return this.render(request, reply, { accept: { [id]: Object.values(errors)[0] } }, formErrorStatus(error));
    }
    return this.saved(reply, { saved: 'accepted' });
  }

  @Post('depositary/proposals/:id/reject')
  async reject(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Param('id') id: string,
    @FormBody() body: Record<string, unknown>,
  ): Promise<void> {
    const values = readForm(body, fieldsOf(REJECT_FORM));
    const checked = await checkForm(REJECT_FORM, values, pageTranslator(request));
    if (!checked.ok) return this.render(request, reply, { reject: { [id]: { values, errors: checked.errors } } }, 400);
    await this.depositary.reject(user, id, checked.input.reason);
    return this.saved(reply, { saved: 'rejected' });
  }

  /** Back to the page, whose address says what was done, for the notice in the reader's language. */
  private saved(reply: FastifyReply, notice: Record<string, string>): void {
    return void reply.redirect(`/depositary?${new URLSearchParams(notice).toString()}`, 303);
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    opts: Partial<DepositaryForms> & { notice?: string; cursor?: string },
    status = 200,
  ): Promise<void> {
    const page = await this.depositary.list({ status: 'pending', cursor: opts.cursor });
    const forms: DepositaryForms = {
      table: opts.table ?? emptyForm({ instrument: '', text: '' }),
      notification: opts.notification ?? emptyForm({ text: '' }),
      reject: opts.reject ?? {},
      accept: opts.accept ?? {},
    };
    const tr = pageTranslator(request);
    const title = tr.t('admin.depositary.title');
    const h = viewHelpersFor(pageLocale(request));
    const context = pageContext(request, reply, {
      title: status === 200 ? title : tr.t('common.errorTitle', { title }),
      section: 'depositary',
      notice: opts.notice,
    });
    const html = await renderPage(
      reply,
      'depositary',
      context,
      {
        proposals: page.items,
        nextUrl: page.nextCursor ? `/depositary?cursor=${encodeURIComponent(page.nextCursor)}#proposals` : null,
        forms,
        changeLabels: Object.fromEntries(Object.entries(CHANGE_LABELS).map(([code, key]) => [code, tr.t(key)])),
        instruments: [
          { value: '', label: tr.t('admin.choose') },
          ...INSTRUMENTS.map((i) => ({ value: i, label: h.instrument(i) })),
        ],
      },
      status,
    );
    return void reply.send(html);
  }
}
