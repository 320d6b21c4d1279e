import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ActionsService } from '@app/advocacy';
import { ContactsService, OrganisationsService } from '@app/people';
import { StatesService } from '@app/states';
import { WebPage } from '../auth/auth.guard';
import { msg, type Translator } from '@app/i18n';
import { DataRevision } from '@app/platform';
import { KeptBodies, pageContext } from './page-context';
import { pageTranslator } from './page-locale';
import { richText } from './rich-text';
import { PAGES_PREFIX } from './page-routing';
import { matchedName, readSearch, WORD_SEARCH_MIN } from './search-text';

/** How many of each kind the page shows; the rest are a link away (or a word more). */
const SHOWN = 10;
/** The searches kept, each with its body of a few kilobytes per language. */
const SEARCHES_KEPT = 1_000;

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
    private readonly records: DataRevision,
  ) {
    this.bodies = new KeptBodies(records, 'shared', SEARCHES_KEPT);
  }

  /** What each search found, as its body, for a revision of the records. */
  private readonly bodies: KeptBodies;

  @Get('search')
  async search(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('q') raw?: unknown): Promise<void> {
    const q = readSearch(raw);
    const tr = pageTranslator(request);
    const title = q ? tr.t('actions.search.titleFor', { q }) : tr.t('actions.search.title');
    const context = pageContext(request, reply, { title, section: 'none' });
    const revision = await this.records.current();
    // What is found holds nothing of its reader's: kept for every reader of the language until the records change.
    return this.bodies.send(reply, context, {
      revision,
      key: q,
      template: 'search',
      view: async () => this.view(q, tr, await this.find(q)),
    });
  }

  private view(q: string, tr: Translator, found: Awaited<ReturnType<SearchPageController['find']>>) {
    return {
      q,
      searchQ: q,
      wide: q.length >= WORD_SEARCH_MIN,
      wordSearchMin: WORD_SEARCH_MIN,
      found:
        found.states.items.length +
        found.actions.items.length +
        found.contacts.items.length +
        found.organisations.items.length,
      rich: richText(tr),
      states: found.states.items.map((s) => ({ ...s, matched: matchedVia(matchedName(s, q)) })),
      moreStates: found.states.more,
      actions: found.actions.items,
      moreActions: found.actions.more,
      contacts: found.contacts.items,
      moreContacts: found.contacts.nextCursor !== null ? `/contacts?${new URLSearchParams({ q }).toString()}` : null,
      organisations: found.organisations.items,
      moreOrganisations:
        found.organisations.nextCursor !== null ? `/organisations?${new URLSearchParams({ q }).toString()}` : null,
    };
  }

  /** What a search finds of each kind, each searched by the library that owns it. */
  private async find(q: string) {
    const wide = q.length >= WORD_SEARCH_MIN;
    const none = { items: [], more: false };
    const [states, actions, contacts, organisations] = await Promise.all([
      q === '' ? none : this.states.search(q, SHOWN),
      wide ? this.actions.search(q, SHOWN) : none,
      wide ? this.contacts.list({ q, limit: SHOWN }) : { items: [], nextCursor: null },
      wide ? this.organisations.list({ q, limit: SHOWN }) : { items: [], nextCursor: null },
    ]);
    return { states, actions, contacts, organisations };
  }
}
