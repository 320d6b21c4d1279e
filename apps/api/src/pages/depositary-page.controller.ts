import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { assertAllowed, SignedInUser } from '@app/accounts';
import { DepositaryService, INSTRUMENT_LABELS, INSTRUMENTS } from '@app/states';
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
import { PAGES_PREFIX } from './page-routing';
import { pageTranslator } from './page-locale';

const CHANGE_LABELS: Record<string, string> = {
  new: 'Not in the record',
  'different-date': 'Different date',
  'different-type': 'Different kind of instrument',
  'missing-there': 'Not in the depositary’s table',
};

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
    @Query('saved') saved?: string,
    @Query('cursor') cursor?: string,
  ): Promise<void> {
    assertAllowed(user, 'depositary.review');
    await this.render(request, reply, {
      notice: saved ? decodeURIComponent(saved).slice(0, 200) : undefined,
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
      const unmatched = read.unmatched.length ? `; not matched: ${read.unmatched.join(', ')}` : '';
      return this.saved(reply, `${read.participants} rows read, ${read.proposals} proposals${unmatched}`);
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
      return this.saved(reply, `${read.reference}: ${read.proposals} proposal${read.proposals === 1 ? '' : 's'}`);
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
    return this.saved(reply, 'Proposal accepted and recorded.');
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
    return this.saved(reply, 'Proposal rejected.');
  }

  private saved(reply: FastifyReply, notice: string): void {
    return void reply.redirect(`/depositary?saved=${encodeURIComponent(notice)}`, 303);
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
    const context = pageContext(request, reply, {
      title:
        status === 200
          ? 'Depositary records'
          : pageTranslator(request).t('forms.errorTitle', { title: 'Depositary records' }),
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
        changeLabels: CHANGE_LABELS,
        instruments: [
          { value: '', label: 'Choose…' },
          ...INSTRUMENTS.map((i) => ({ value: i, label: INSTRUMENT_LABELS[i] })),
        ],
      },
      status,
    );
    return void reply.send(html);
  }
}
