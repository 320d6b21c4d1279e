import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, assertAllowed } from '@app/accounts';
import { AuditEntryView, AuditService } from '@app/audit';
import { DEFAULT_LIMIT, isUuid, Page, Queryable, toPage } from '@app/platform';
import { statesError } from '@app/states';
import { ContactListQuery, ContactRow, ContactsRepository, StateContact } from './contacts.repository';
import { OrganisationsRepository } from './organisations.repository';
import { decodeNameCursor } from './organisations.service';
import { assertMayEdit, emailField, languagesField, optionalText, requiredText } from './people-input';
import { contactNotFound, peopleError } from './people.errors';
import { ContactView, LawfulBasis, OrganisationView, PERSONAL_FIELDS } from './people.types';

export interface NewContact {
  name: string;
  position?: string | null;
  stateCode?: string | null;
  organisationId?: string | null;
  email?: string | null;
  phone?: string | null;
  languages?: string[] | null;
  notes?: string | null;
  lawfulBasis: LawfulBasis;
}

/** Fields left undefined stay as they are; null clears an optional one. */
export type ContactChanges = Partial<NewContact>;

export type ContactFilter = Omit<ContactListQuery, 'after' | 'limit'> & { limit?: number; cursor?: string };

/** Everything held on one person (GDPR article 15): the record, its organisation and its audit history. */
export interface ContactExport {
  contact: ContactView;
  organisation: OrganisationView | null;
  history: AuditEntryView[];
}

@Injectable()
export class ContactsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly contacts: ContactsRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, input: NewContact): Promise<ContactView> {
    return this.db.transaction(async (m) => {
      const row = await this.checked(m, {
        name: input.name,
        position: input.position ?? null,
        stateCode: input.stateCode ?? null,
        region: null,
        organisationId: input.organisationId ?? null,
        email: input.email ?? null,
        phone: input.phone ?? null,
        languages: input.languages ?? [],
        notes: input.notes ?? null,
        lawfulBasis: input.lawfulBasis,
      });
      assertMayEdit(actor, row.region);
      const view = await this.contacts.insert(m, { ...row, createdBy: actor.id });
      await this.audit.record(m, actor, { entity: 'contact', entityId: view.id, action: 'create', after: view });
      return view;
    });
  }

  /** Live (not erased) contacts by name, one page at a time. */
  async list(filter: ContactFilter): Promise<Page<ContactView>> {
    const limit = filter.limit ?? DEFAULT_LIMIT;
    const after = filter.cursor === undefined ? undefined : decodeNameCursor(filter.cursor);
    const q = filter.q?.trim() || undefined;
    if (filter.organisationId !== undefined && !isUuid(filter.organisationId)) {
      throw peopleError('bad-organisation', 'organisation must be an organisation id (UUID)');
    }
    const rows = await this.contacts.list({ ...filter, stateCode: filter.stateCode?.toUpperCase(), q, after, limit });
    return toPage(
      rows,
      limit,
      (r) => [r.name, r.id],
      (r) => r.view,
    );
  }

  /** A contact, erased or not (an erased one has no personal field left). */
  async get(id: string): Promise<ContactView> {
    const view = isUuid(id) ? await this.contacts.get(this.db, id) : null;
    if (!view) throw contactNotFound(id);
    return view;
  }

  /** Changes a contact; a regional officer must be allowed both where the person is and where they move to. */
  async update(actor: Actor, id: string, changes: ContactChanges): Promise<ContactView> {
    return this.db.transaction(async (m) => {
      const before = await this.lockForChange(m, actor, id);
      if (before.erasedAt !== null) throw peopleError('already-erased', `contact ${id} was erased`);
      const keep = <T>(value: T | undefined, was: T): T => (value === undefined ? was : value);
      const row = await this.checked(m, {
        name: changes.name ?? before.name!,
        position: keep(changes.position, before.position),
        stateCode: keep(changes.stateCode, before.stateCode),
        region: null,
        organisationId: keep(changes.organisationId, before.organisation?.id ?? null),
        email: keep(changes.email, before.email),
        phone: keep(changes.phone, before.phone),
        languages: keep(changes.languages, before.languages) ?? [],
        notes: keep(changes.notes, before.notes),
        lawfulBasis: changes.lawfulBasis ?? before.lawfulBasis!,
      });
      assertMayEdit(actor, row.region);
      const after = await this.contacts.update(m, id, row);
      await this.audit.record(m, actor, { entity: 'contact', entityId: id, action: 'update', before, after });
      return after;
    });
  }

  /**
   * Erases a person (GDPR article 17; admins only): every personal field is emptied, in the record and in the
   * before and after of its audit entries; the record stays as "erased contact" so the actions naming it still read.
   * The erasure itself is audited, without personal data. A second erasure is a conflict.
   */
  async erase(actor: Actor, id: string): Promise<ContactView> {
    assertAllowed(actor, 'people.personal-data');
    return this.db.transaction(async (m) => {
      const before = isUuid(id) ? await this.contacts.get(m, id, true) : null;
      if (!before) throw contactNotFound(id);
      if (before.erasedAt !== null) throw peopleError('already-erased', `contact ${id} was already erased`);
      const after = await this.contacts.erase(m, id, actor.id);
      await this.audit.record(m, actor, { entity: 'contact', entityId: id, action: 'delete', before, after });
      await this.audit.removeFields(m, 'contact', id, [...PERSONAL_FIELDS]);
      return after;
    });
  }

  /** Everything held on one person (admins only, who answer the person's requests). */
  async export(actor: Actor, id: string): Promise<ContactExport> {
    assertAllowed(actor, 'people.personal-data');
    const contact = await this.get(id);
    const organisation = contact.organisation ? await this.organisations.get(this.db, contact.organisation.id) : null;
    const history = await this.audit.history(this.db, 'contact', id);
    return { contact, organisation, history };
  }

  /**
   * Refuses, naming the field, contact or organisation ids that something (an action) may not link to: missing,
   * erased or deleted ones. Run in the caller's transaction, before it saves anything.
   */
  async assertLinkable(m: Queryable, q: { contactIds?: readonly string[]; organisationIds?: readonly string[] }) {
    const unknown = await this.unknownLinks(m, q);
    if (unknown.contactIds.length > 0) {
      throw peopleError(
        'unknown-contacts',
        `contactIds has unknown or erased contacts: ${unknown.contactIds.join(', ')}`,
      );
    }
    if (unknown.organisationIds.length > 0) {
      throw peopleError(
        'unknown-organisations',
        `organisationIds has unknown or deleted organisations: ${unknown.organisationIds.join(', ')}`,
      );
    }
  }

  /** Of the ids given, those an action may not name: not ids at all, unknown, erased or deleted. */
  async unknownLinks(
    m: Queryable,
    q: { contactIds?: readonly string[]; organisationIds?: readonly string[] },
  ): Promise<{ contactIds: string[]; organisationIds: string[] }> {
    const contacts = q.contactIds ?? [];
    const organisations = q.organisationIds ?? [];
    return {
      contactIds: contacts.some((id) => !isUuid(id))
        ? contacts.filter((id) => !isUuid(id))
        : contacts.length > 0
          ? await this.contacts.unknown(m, contacts)
          : [],
      organisationIds: organisations.some((id) => !isUuid(id))
        ? organisations.filter((id) => !isUuid(id))
        : organisations.length > 0
          ? await this.organisations.unknown(m, organisations)
          : [],
    };
  }

  /**
   * The live contacts given (checked with `assertLinkable` first) by their state, leaving out those without one: one
   * letter to many states links each state's action to that state's contacts. Run in the caller's transaction.
   */
  async perState(m: Queryable, ids: readonly string[]): Promise<Map<string, string[]>> {
    const byState = new Map<string, string[]>();
    if (ids.length === 0) return byState;
    for (const c of await this.contacts.statesOf(m, ids)) {
      if (c.stateCode !== null) byState.set(c.stateCode, [...(byState.get(c.stateCode) ?? []), c.id]);
    }
    return byState;
  }

  /** Names of the contacts given (null for an erased one), for pages showing an action's people. */
  names(ids: readonly string[]): Promise<{ id: string; name: string | null; position: string | null }[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.contacts.names(ids);
  }

  /** A state's contacts for its page: officials first, then the coalition's members. */
  ofState(stateCode: string): Promise<StateContact[]> {
    return this.contacts.ofState(stateCode.toUpperCase());
  }

  private async lockForChange(m: Queryable, actor: Actor, id: string): Promise<ContactView> {
    const view = isUuid(id) ? await this.contacts.get(m, id, true) : null;
    if (!view) throw contactNotFound(id);
    assertMayEdit(actor, view.region);
    return view;
  }

  /** The row as stored: text trimmed, the state known (its region taken), the organisation live, the email checked. */
  async checked(m: Queryable, c: ContactRow): Promise<ContactRow> {
    const stateCode = c.stateCode?.toUpperCase() ?? null;
    let region = null;
    if (stateCode !== null) {
      region = await this.organisations.regionOf(m, stateCode);
      if (region === null) throw statesError('bad-state', `stateCode ${stateCode} is not a known state code`);
    }
    if (c.organisationId !== null) {
      const unknown = isUuid(c.organisationId) ? await this.organisations.unknown(m, [c.organisationId]) : ['bad'];
      if (unknown.length > 0) {
        throw peopleError('bad-organisation', `organisationId ${c.organisationId} is not a known organisation`);
      }
    }
    return {
      name: requiredText('name', c.name),
      position: optionalText(c.position),
      stateCode,
      region,
      organisationId: c.organisationId,
      email: emailField('email', c.email),
      phone: optionalText(c.phone),
      languages: languagesField(c.languages),
      notes: optionalText(c.notes),
      lawfulBasis: c.lawfulBasis,
    };
  }
}
