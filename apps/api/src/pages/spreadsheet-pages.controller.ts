import { Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { decide, SignedInUser } from '@app/accounts';
import { ActionImportReport, ActionsCsvService } from '@app/advocacy';
import { DomainError } from '@app/platform';
import { CurrentUser, WebPage } from '../auth/auth.guard';
import {
  ActionsCsvQueryDto,
  ContactsCsvQueryDto,
  CsvExports,
  FollowUpsCsvQueryDto,
  OrganisationsCsvQueryDto,
  PledgesCsvQueryDto,
  StatesCsvQueryDto,
} from '../exports/csv-exports';
import { FormBody } from './forms';
import { pageContext, renderPage } from './page-context';
import { pageTranslator } from './page-locale';
import { richText } from './rich-text';
import { PAGES_PREFIX } from './page-routing';

/** What the import page shows: the CSV as sent, a problem with the file as a whole, the dry run's report. */
interface ImportPage {
  csv: string;
  error: string | null;
  report: ActionImportReport | null;
}

/**
 * Spreadsheets from the pages: each list's CSV download (the session's user, the list's filters), and the import
 * of actions, which shows the dry run's report before anything is saved.
 */
@ApiExcludeController()
@WebPage()
@Controller(PAGES_PREFIX.slice(1))
export class SpreadsheetPagesController {
  constructor(
    private readonly exports: CsvExports,
    private readonly actionsCsv: ActionsCsvService,
  ) {}

  @Get('states.csv')
  states(@Res() reply: FastifyReply, @Query() q: StatesCsvQueryDto): Promise<void> {
    return this.exports.statesCsv(reply, q);
  }

  @Get('actions.csv')
  actions(
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Query() q: ActionsCsvQueryDto,
  ): Promise<void> {
    return this.exports.actionsCsv(reply, user, q);
  }

  @Get('follow-ups.csv')
  followUps(
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Query() q: FollowUpsCsvQueryDto,
  ): Promise<void> {
    return this.exports.followUpsCsv(reply, user, q);
  }

  @Get('pledges.csv')
  pledges(@Res() reply: FastifyReply, @Query() q: PledgesCsvQueryDto): Promise<void> {
    return this.exports.pledgesCsv(reply, q);
  }

  @Get('contacts.csv')
  contacts(@Res() reply: FastifyReply, @Query() q: ContactsCsvQueryDto): Promise<void> {
    return this.exports.contactsCsv(reply, q);
  }

  @Get('organisations.csv')
  organisations(@Res() reply: FastifyReply, @Query() q: OrganisationsCsvQueryDto): Promise<void> {
    return this.exports.organisationsCsv(reply, q);
  }

  @Get('actions/import')
  async importPage(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Query('saved') saved?: string,
  ): Promise<void> {
    const created = saved !== undefined && /^\d{1,7}$/.test(saved) ? Number(saved) : null;
    const notice = created === null ? null : pageTranslator(request).t('actions.import.imported', { count: created });
    await this.render(request, reply, user, { csv: '', error: null, report: null }, 200, notice);
  }

  /** `step=check` is the dry run; `step=import` saves every row or none (the API's rules, the API's refusals). */
  @Post('actions/import')
  async importActions(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @FormBody() body: Record<string, unknown>,
  ): Promise<void> {
    const csv = typeof body.csv === 'string' ? body.csv : '';
    const commit = body.step === 'import';
    if (csv.trim() === '') {
      const error = pageTranslator(request).t('actions.import.emptyCsv');
      return this.render(request, reply, user, { csv, error, report: null }, 400);
    }
    try {
      const result = await this.actionsCsv.importCsv(user, csv, !commit);
      if ('created' in result) return void reply.redirect(`/actions/import?saved=${result.created}`, 303);
      return this.render(request, reply, user, { csv, error: null, report: result });
    } catch (error) {
      // A refused file (its header, its quoting, or a commit with bad rows) is shown on the form; the rest (a role
      // that may not log actions: 403) goes to the error page as the API would answer it.
      if (!(error instanceof DomainError) || error.kind !== 'invalid') throw error;
      const report = commit ? await this.dryRun(user, csv) : null;
      return this.render(request, reply, user, { csv, error: error.message, report }, 400);
    }
  }

  private async dryRun(user: SignedInUser, csv: string): Promise<ActionImportReport | null> {
    try {
      const report = await this.actionsCsv.importCsv(user, csv, true);
      return 'valid' in report ? report : null;
    } catch {
      return null;
    }
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    user: SignedInUser,
    page: ImportPage,
    status = 200,
    notice: string | null = null,
  ): Promise<void> {
    const tr = pageTranslator(request);
    const context = pageContext(request, reply, { title: tr.t('actions.import.title'), section: 'none', notice });
    const html = await renderPage(
      reply,
      'action-import',
      context,
      {
        ...page,
        rich: richText(tr),
        mayImport: decide(user, 'action.write').allowed,
        canCommit: page.report !== null && page.report.errors.length === 0 && page.report.duplicates.length === 0,
      },
      status,
    );
    return void reply.send(html);
  }
}
