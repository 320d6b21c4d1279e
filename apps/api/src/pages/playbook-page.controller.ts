import { Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SignedInUser } from '@app/accounts';
import { InsightsService, PlaybookEntry, TRACK_PLAYBOOK_STAGES, TREATY_PLAYBOOK_STAGES } from '@app/insight';
import { DomainError } from '@app/platform';
import { INSTRUMENTS, TRACKS } from '@app/states';
import { CurrentUser, WebPage } from '../auth/auth.guard';
import { FormBody } from './forms';
import { pageContext, renderPage } from './page-context';
import { pageTranslator } from './page-locale';
import { PAGES_PREFIX } from './page-routing';

/**
 * One line of the playbook page: an instrument (or a track of implementing legislation) at a stage, and the step
 * suggested there, if any; the page names them in the reader's language.
 */
interface PlaybookLine {
  field: string;
  instrument: string;
  track: string | null;
  stage: string;
  suggestion: string;
}

/** Every instrument and track at every stage where a state can stall, in the order the page lists them. */
function playbookSlots(): Omit<PlaybookLine, 'suggestion'>[] {
  const treaty = INSTRUMENTS.flatMap((i) =>
    TREATY_PLAYBOOK_STAGES.map((stage) => ({ instrument: i, track: null, stage })),
  );
  const tracks = TRACKS.flatMap((t) =>
    TRACK_PLAYBOOK_STAGES.map((stage) => ({ instrument: `implementation-${t}`, track: t, stage })),
  );
  return [...treaty, ...tracks].map((s) => ({ ...s, field: `s:${s.instrument}:${s.stage}` }));
}

/**
 * The playbook as a page: the next step suggested for a state stalled at each stage. Everyone signed in reads it;
 * admins change it in one form (a suggestion left empty is removed), saved whole as PUT /api/playbook does.
 */
@ApiExcludeController()
@WebPage()
@Controller(PAGES_PREFIX.slice(1))
export class PlaybookPageController {
  constructor(private readonly insights: InsightsService) {}

  @Get('playbook')
  async page(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Query('saved') saved?: string,
  ): Promise<void> {
    const entries = await this.insights.getPlaybook();
    const held = new Map(entries.map((e) => [`s:${e.instrument}:${e.stage}`, e.suggestion]));
    const lines = playbookSlots().map((s) => ({ ...s, suggestion: held.get(s.field) ?? '' }));
    const notice = saved ? pageTranslator(request).t('campaigns.playbook.saved', { count: entries.length }) : undefined;
    return this.render(request, reply, user, lines, { notice });
  }

  @Post('playbook')
  async save(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @FormBody() body: Record<string, unknown>,
  ): Promise<void> {
    const lines = playbookSlots().map((s) => {
      const value = body[s.field];
      return { ...s, suggestion: typeof value === 'string' ? value : '' };
    });
    const entries: PlaybookEntry[] = lines
      .filter((l) => l.suggestion.trim() !== '')
      .map((l) => ({ instrument: l.instrument, stage: l.stage, suggestion: l.suggestion }));
    try {
      // The service refuses anyone but an admin (a 403 page, as the API answers) and checks every entry.
      await this.insights.putPlaybook(user, entries);
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== 'invalid') throw error;
      return this.render(request, reply, user, lines, { error: error.message, status: 400 });
    }
    return void reply.redirect('/playbook?saved=1', 303);
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    user: SignedInUser,
    lines: PlaybookLine[],
    opts: { notice?: string; error?: string; status?: number },
  ): Promise<void> {
    const tr = pageTranslator(request);
    const title = tr.t('campaigns.playbook.title');
    const context = pageContext(request, reply, {
      title: opts.error ? tr.t('common.errorTitle', { title }) : title,
      section: 'none',
      notice: opts.notice,
    });
    const html = await renderPage(
      reply,
      'playbook',
      context,
      { lines, canEdit: user.role === 'admin', error: opts.error ?? null },
      opts.status ?? 200,
    );
    return void reply.send(html);
  }
}
