import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AUDIT_ENTITIES, AuditEntity, AuditService } from '@app/audit';
import { addDays, DigestService, DigestWeek, localDate } from '@app/digest';
import { AppConfig } from '@app/platform';
import { Requires, WebPage } from '../auth/auth.guard';
import { AUDIT_ENTITY_LABELS, historyLine, recordPage } from './audit-view';
import { checkForm, domainErrorToForm, DIGEST_WEEK_FORM, formErrorStatus, FormState } from './forms';
import { pageContext, renderPage } from './page-context';
import { pageLocale, pageTranslator } from './page-locale';
import { PAGES_PREFIX } from './page-routing';

const ENTRIES_PER_PAGE = 50;

/**
 * The digest's own HTML is an email's: styled inline, shown in a frame of this site only. It runs no script and
 * loads nothing from elsewhere; its links open in the whole window.
 */
const DIGEST_FRAME_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'self'; form-action 'none'; " +
  "frame-ancestors 'self'";

/** Reading pages over any record: its history from the audit trail, and the weekly digest of any week. */
@ApiExcludeController()
@WebPage()
@Controller(PAGES_PREFIX.slice(1))
export class RecordPagesController {
  constructor(
    private readonly audit: AuditService,
    private readonly digest: DigestService,
    private readonly config: AppConfig,
  ) {}

  /** Who changed a record, when, and what changed, newest first; as GET /api/audit allows (admins, steering). */
  @Get('audit')
  @Requires('audit.read')
  async history(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('entity') entity?: string,
    @Query('id') id?: string,
    @Query('cursor') cursor?: string,
  ): Promise<void> {
    const asked = typeof entity === 'string' && entity !== '' && typeof id === 'string' && id !== '';
    // The service refuses an unknown entity, an id that is no UUID and a forged cursor, each a 400 page.
    const page = asked
      ? await this.audit.list({
          entity: entity as AuditEntity,
          entityId: id.toLowerCase(),
          limit: ENTRIES_PER_PAGE,
          cursor: typeof cursor === 'string' && cursor !== '' ? cursor : undefined,
        })
      : null;
    const tr = pageTranslator(request);
    const entityLabel = (e: string) =>
      Object.hasOwn(AUDIT_ENTITY_LABELS, e) ? tr.t(AUDIT_ENTITY_LABELS[e as AuditEntity]) : e;
    const label = asked ? entityLabel(entity) : null;
    const context = pageContext(request, reply, {
      title: label ? tr.t('admin.audit.pageTitle', { record: label }) : tr.t('admin.history'),
      section: 'none',
    });
    const html = await renderPage(reply, 'audit', context, {
      entity: entity ?? '',
      id: id ?? '',
      label,
      entities: AUDIT_ENTITIES.map((e) => ({ value: e, label: entityLabel(e) })),
      lines: page?.items.map((entry) => historyLine(entry, tr)) ?? [],
      recordUrl: asked && page ? recordPage(entity as AuditEntity, id, page.items) : null,
      nextUrl: page?.nextCursor
        ? `/audit?${new URLSearchParams({ entity: entity!, id: id!, cursor: page.nextCursor }).toString()}`
        : null,
    });
    return void reply.send(html);
  }

  /** The weekly digest of any week begun, as GET /api/digests/preview gives it; this week by default. */
  @Get('digest')
  @Requires('read')
  async digestPage(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('weekOf') weekOf?: string,
  ): Promise<void> {
    const today = localDate(new Date(), this.config.DIGEST_TZ);
    const values = { weekOf: typeof weekOf === 'string' && weekOf.trim() !== '' ? weekOf : today };
    let form: FormState = { values, errors: {} };
    let week: DigestWeek | null = null;
    let status = 200;
    const checked = await checkForm(DIGEST_WEEK_FORM, values, pageTranslator(request));
    if (!checked.ok) {
      form = { values, errors: checked.errors };
      status = 400;
    } else {
      try {
        week = this.digest.weekOf(checked.input.weekOf);
      } catch (error) {
        const errors = domainErrorToForm(error, DIGEST_WEEK_FORM, pageTranslator(request));
        if (!errors) throw error;
        form = { values, errors };
        status = formErrorStatus(error);
      }
    }
    const tr = pageTranslator(request);
    const context = pageContext(request, reply, {
      title: week
        ? tr.t('admin.digest.pageTitle', { week: week.id })
        : tr.t('common.errorTitle', { title: tr.t('admin.digest.title') }),
      section: 'digest',
    });
    const html = await renderPage(
      reply,
      'digest',
      context,
      {
        form,
        week,
        today,
        inProgress: week !== null && week.end >= today,
        previousUrl: week ? `/digest?weekOf=${addDays(week.start, -7)}` : null,
        nextUrl: week && week.end < today ? `/digest?weekOf=${addDays(week.start, 7)}` : null,
        frameUrl: week ? `/digest/email?weekOf=${week.start}` : null,
      },
      status,
    );
    return void reply.send(html);
  }

  /** The digest email itself, framed by the digest page. */
  @Get('digest/email')
  @Requires('read')
  async digestEmail(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('weekOf') weekOf?: string,
  ): Promise<void> {
    const html = await this.digest.previewHtml(typeof weekOf === 'string' ? weekOf : undefined, pageLocale(request));
    void reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'private, no-cache')
      .header('content-security-policy', DIGEST_FRAME_CSP)
      .header('x-frame-options', 'SAMEORIGIN')
      // Its links (to states, follow-ups) open in the window, not in the frame.
      .send(html.replace(/<head>/i, '<head><base target="_top">'));
  }
}
