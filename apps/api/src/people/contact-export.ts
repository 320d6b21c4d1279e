import { SignedInUser } from '@app/accounts';
import { ActionsService, ActionView } from '@app/advocacy';
import { ContactExport, ContactsService } from '@app/people';
import { MAX_LIMIT } from '@app/platform';

/**
 * Everything held on a person (GDPR article 15): the contact, its organisation and history, and every live action
 * naming them, newest first, page after page. One builder for the API's export and the contact page's download.
 */
export async function contactExport(
  contacts: ContactsService,
  actions: ActionsService,
  user: SignedInUser,
  id: string,
): Promise<ContactExport & { actions: ActionView[] }> {
  const held = await contacts.export(user, id);
  const all: ActionView[] = [];
  let cursor: string | undefined;
  do {
    const page = await actions.list({ contactId: id, limit: MAX_LIMIT, cursor });
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return { ...held, actions: all };
}
