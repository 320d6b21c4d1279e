import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ActionsService } from '@app/advocacy';
import { ContactsService, OrganisationsService } from '@app/people';
import { StatesService } from '@app/states';
import { WebPage } from '../auth/auth.guard';
import { pageContext, renderPage } from './page-context';
import { PAGES_PREFIX } from './page-routing';
import { matchedName, readSearch, WORD_SEARCH_MIN } from './search-text';

/** How many of each kind the page shows; the rest are a link away (or a word more). */
const SHOWN = 10;

/**
 * The search box of every page's header: states (by code or any of their names), actions (by title), contacts and
 * organisations (by name), each searched by the library that owns them, grouped here.
 */
@ApiExcludeController()
@WebPage()
@Controller(PAGES_PREFIX.slice(1))
export class SearchPageController {
  constructor(
    private readonly states: StatesService,
    private readonly actions: ActionsService,
    private readonly contacts: ContactsService,
    private readonly organisations: OrganisationsService,
  ) {}

  @Get('search')
  async search(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('q') raw?: unknown): Promise<void> {
    const q = readSearch(raw);
    const wide = q.length >= WORD_SEARCH_MIN;
    const none = { items: [], more: false };
    const [states, actions, contacts, organisations] = await Promise.all([
      q === '' ? none : this.states.search(q, SHOWN),
      wide ? this.actions.search(q, SHOWN) : none,
      wide ? this.contacts.list({ q, limit: SHOWN }) : { items: [], nextCursor: null },
      wide ? this.organisations.list({ q, limit: SHOWN }) : { items: [], nextCursor: null },
    ]);
    const found = states.items.length + actions.items.length + contacts.items.length + organisations.items.length;
    const context = pageContext(request, reply, { title: q ? `Search: ${q}` : 'Search', section: 'none' });
    const html = await renderPage(reply, 'search', context, {
      q,
      searchQ: q,
      wide,
      wordSearchMin: WORD_SEARCH_MIN,
      found,
      states: states.items.map((s) => ({ ...s, matched: matchedName(s, q) })),
      moreStates: states.more,
      actions: actions.items,
      moreActions: actions.more,
      contacts: contacts.items,
      moreContacts: contacts.nextCursor !== null ? `/contacts?${new URLSearchParams({ q }).toString()}` : null,
      organisations: organisations.items,
      moreOrganisations:
        organisations.nextCursor !== null ? `/organisations?${new URLSearchParams({ q }).toString()}` : null,
    });
    return void reply.send(html);
  }
}
