import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ActionsService } from '@app/advocacy';
import { ContactsService, OrganisationsService } from '@app/people';
import { StatesService } from '@app/states';
import { WebPage } from '../auth/auth.guard';
import { msg } from '@app/i18n';
import { pageContext, renderPage } from './page-context';
import { pageTranslator } from './page-locale';
import { richText } from './rich-text';
import { PAGES_PREFIX } from './page-routing';
import { matchedName, readSearch, WORD_SEARCH_MIN } from './search-text';

/** How many of each kind the page shows; the rest are a link away (or a word more). */
const SHOWN = 10;

/** The messages that say which other name of a state matched, by the label `matchedName` gives. */
const MATCHED_VIA: Readonly<Record<string, string>> = {
  'also known as': msg('actions.search.via.commonName'),
  French: msg('actions.search.via.fr'),
  Spanish: msg('actions.search.via.es'),
  Arabic: msg('actions.search.via.ar'),
};

/** The other name a state was found by, its label a message key; none for a label we cannot name. */
function matchedVia(match: { label: string; name: string } | null): { label: string; name: string } | null {
  return match && Object.hasOwn(MATCHED_VIA, match.label)
    ? { label: MATCHED_VIA[match.label], name: match.name }
    : null;
}

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
    const tr = pageTranslator(request);
    const title = q ? tr.t('actions.search.titleFor', { q }) : tr.t('actions.search.title');
    const context = pageContext(request, reply, { title, section: 'none' });
    const html = await renderPage(reply, 'search', context, {
      q,
      searchQ: q,
      wide,
      wordSearchMin: WORD_SEARCH_MIN,
      found,
      rich: richText(tr),
      states: states.items.map((s) => ({ ...s, matched: matchedVia(matchedName(s, q)) })),
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
