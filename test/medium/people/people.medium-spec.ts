import { DataSource } from 'typeorm';
import { Actor } from '@app/accounts';
import { ActionLinksRepository, ActionsRepository, ActionsService, CampaignsRepository } from '@app/advocacy';
import { AuditRepository, AuditService } from '@app/audit';
import type { FollowUpsService } from '@app/follow-ups';
import { ContactsRepository, ContactsService, OrganisationsRepository, OrganisationsService } from '@app/people';
import { DomainError } from '@app/platform';
import { makeContact, makeOrganisation, makeUser } from '../../factories';
import { openTestDatabase } from '../../support/medium';

const codeOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return `${e.kind}: ${e.code}`;
    throw e;
  }
  return 'ok';
};

describe('people and organisations, with the actions that name them', () => {
  let db: DataSource;
  let contacts: ContactsService;
  let organisations: OrganisationsService;
  let actions: ActionsService;
  let admin: Actor;
  let officer: Actor;
  let africaOfficer: Actor;
  const today = new Date().toISOString().slice(0, 10);
  const actor = async (role: Actor['role'], regions: Actor['regions'] = []): Promise<Actor> => {
    const made = await makeUser(db, { role, regions: [...regions] });
    return { id: made.id, name: made.name, role, regions };
  };
  const count = async (sql: string, params: unknown[] = []) => (await db.query<{ n: number }[]>(sql, params))[0].n;

  beforeAll(async () => {
    db = await openTestDatabase();
    const audit = new AuditService(new AuditRepository(db));
    const organisationsRepository = new OrganisationsRepository(db);
    contacts = new ContactsService(db, new ContactsRepository(db), organisationsRepository, audit);
    organisations = new OrganisationsService(db, organisationsRepository, audit);
    // Logging actions without follow-ups needs no follow-ups service.
    actions = new ActionsService(
      db,
      new ActionsRepository(db),
      new CampaignsRepository(db),
      {} as FollowUpsService,
      audit,
      new ActionLinksRepository(),
      contacts,
    );
    admin = await actor('admin');
    officer = await actor('campaign-officer');
    africaOfficer = await actor('regional-officer', ['africa']);
  });
  afterAll(() => db.destroy());

  it('lists an action linked to two contacts and an organisation under each of them, and reads the links back', async () => {
    const ngo = await organisations.create(officer, {
      name: 'Kenyan Section of the ICJ',
      kind: 'national-coalition',
      stateCode: 'ken',
    });
    const minister = await contacts.create(officer, {
      name: 'Amina Odhiambo',
      position: 'Minister of Justice',
      stateCode: 'KEN',
      lawfulBasis: 'public-task',
    });
    const adviser = await contacts.create(officer, { name: 'Peter Kamau', stateCode: 'KEN', lawfulBasis: 'consent' });
    const action = await actions.create(officer, {
      stateCode: 'KEN',
      type: 'meeting',
      date: today,
      title: 'Meeting on the cooperation bill',
      contactIds: [minister.id, adviser.id, minister.id],
      organisationIds: [ngo.id],
    });
    expect(action.contactIds).toEqual([minister.id, adviser.id].sort());
    expect(await actions.get(action.id)).toEqual(action);
    for (const filter of [{ contactId: minister.id }, { contactId: adviser.id }, { organisationId: ngo.id }]) {
      expect((await actions.list(filter)).items.map((a) => a.id)).toEqual([action.id]);
    }
    // Changing the links: the adviser is dropped, so the action leaves their list; the minister's stays.
    const changed = await actions.update(officer, action.id, { contactIds: [minister.id] });
    expect(changed.contactIds).toEqual([minister.id]);
    expect((await actions.list({ contactId: adviser.id })).items).toEqual([]);
    expect((await actions.list({ contactId: minister.id })).items).toEqual([changed]);
  });

  it('refuses unknown contact and organisation ids in an action, naming the field, and saves nothing', async () => {
    const before = await count(`SELECT count(*)::int AS n FROM advocacy_action`);
    const input = { stateCode: 'KEN', type: 'call' as const, date: today, title: 'Call' };
    const unknown = '00000000-0000-4000-8000-000000000000';
    await expect(actions.create(officer, { ...input, contactIds: [unknown] })).rejects.toThrow(/contactIds/);
    await expect(actions.create(officer, { ...input, organisationIds: [unknown] })).rejects.toThrow(/organisationIds/);
    expect(await codeOf(actions.create(officer, { ...input, contactIds: [unknown] }))).toBe(
      'invalid: unknown-contacts',
    );
    expect(await count(`SELECT count(*)::int AS n FROM advocacy_action`)).toBe(before);
  });

  it('keeps a regional officer to the states of their regions, and out of contacts placed in no state', async () => {
    const kenyan = await contacts.create(africaOfficer, {
      name: 'Grace Wanjiru',
      stateCode: 'KEN',
      lawfulBasis: 'consent',
    });
    expect(kenyan.region).toBe('africa');
    const french = await makeContact(db, { stateCode: 'FRA' });
    expect(await codeOf(contacts.update(africaOfficer, french.id, { position: 'Ambassador' }))).toBe(
      'forbidden: not-allowed',
    );
    // Moving a contact of theirs out of their region is refused too, and changes nothing.
    expect(await codeOf(contacts.update(africaOfficer, kenyan.id, { stateCode: 'FRA' }))).toBe(
      'forbidden: not-allowed',
    );
    expect((await contacts.get(kenyan.id)).stateCode).toBe('KEN');
    expect(
      await codeOf(contacts.create(africaOfficer, { name: 'Nowhere', stateCode: 'BEL', lawfulBasis: 'consent' })),
    ).toBe('forbidden: not-allowed');
    expect(await codeOf(contacts.create(africaOfficer, { name: 'Nowhere', lawfulBasis: 'consent' }))).toBe(
      'forbidden: not-allowed',
    );
    expect(
      await codeOf(
        organisations.create(africaOfficer, { name: 'Network', kind: 'regional-network', region: 'africa' }),
      ),
    ).toBe('forbidden: not-allowed');
    const dutch = await makeOrganisation(db, { stateCode: 'NLD' });
    expect(await codeOf(organisations.update(africaOfficer, dutch.id, { name: 'Renamed' }))).toBe(
      'forbidden: not-allowed',
    );
    expect(await codeOf(organisations.remove(africaOfficer, dutch.id))).toBe('forbidden: not-allowed');
    // A viewer may edit nothing.
    expect(await codeOf(contacts.update(await actor('viewer'), kenyan.id, { position: 'x' }))).toBe(
      'forbidden: not-allowed',
    );
  });

  it('refuses an email that is not one, an unknown state and a region that is not the state’s', async () => {
    expect(await codeOf(contacts.create(officer, { name: 'A', email: 'not-an-email', lawfulBasis: 'consent' }))).toBe(
      'invalid: bad-email',
    );
    expect(await codeOf(organisations.create(officer, { name: 'B', kind: 'other', email: 'a@b' }))).toBe(
      'invalid: bad-email',
    );
    expect(await codeOf(contacts.create(officer, { name: 'A', stateCode: 'XXX', lawfulBasis: 'consent' }))).toBe(
      'invalid: bad-state',
    );
    expect(
      await codeOf(organisations.create(officer, { name: 'B', kind: 'other', stateCode: 'KEN', region: 'europe' })),
    ).toBe('invalid: bad-region');
  });

  it('finds contacts by any part of the name, any case, one keyset page at a time', async () => {
    const org = await makeOrganisation(db, { stateCode: 'GHA' });
    for (const name of ['Kofi Mensah', 'Akosua Mensah-Bonsu', 'Yaw Boateng']) {
      await makeContact(db, { name, stateCode: 'GHA', organisationId: org.id });
    }
    expect((await contacts.list({ q: 'MENSAH' })).items.map((c) => c.name)).toEqual([
      'Akosua Mensah-Bonsu',
      'Kofi Mensah',
    ]);
    expect((await contacts.list({ q: '%' })).items).toEqual([]);
    const first = await contacts.list({ organisationId: org.id, limit: 2 });
    const second = await contacts.list({ organisationId: org.id, limit: 2, cursor: first.nextCursor! });
    expect([...first.items, ...second.items].map((c) => c.name)).toEqual([
      'Akosua Mensah-Bonsu',
      'Kofi Mensah',
      'Yaw Boateng',
    ]);
    expect(second.nextCursor).toBeNull();
  });

  it('exports everything held on a person, then erases them: the action stays, no personal field is left anywhere', async () => {
    const org = await organisations.create(officer, {
      name: 'Ministry of Justice of Ghana',
      kind: 'government',
      stateCode: 'GHA',
    });
    const person = await contacts.create(officer, {
      name: 'Efua Asante',
      position: 'Deputy Minister',
      stateCode: 'GHA',
      organisationId: org.id,
      email: 'efua.asante@justice.example',
      phone: '+233 20 000 0000',
      languages: ['en', 'fr'],
      notes: 'Met at the ASP side event',
      lawfulBasis: 'legitimate-interest',
    });
    await contacts.update(officer, person.id, { notes: 'Prefers email' });
    const action = await actions.create(officer, {
      stateCode: 'GHA',
      type: 'meeting',
      date: today,
      title: 'Briefing',
      contactIds: [person.id],
    });

    expect(await codeOf(contacts.export(officer, person.id))).toBe('forbidden: not-allowed');
    const held = await contacts.export(admin, person.id);
    expect(held.contact).toMatchObject({ name: 'Efua Asante', phone: '+233 20 000 0000', notes: 'Prefers email' });
    expect(held.organisation).toMatchObject({ id: org.id, name: 'Ministry of Justice of Ghana' });
    expect(held.history.map((e) => e.action)).toEqual(['create', 'update']);
    expect(held.history[1]).toMatchObject({
      before: { notes: 'Met at the ASP side event' },
      after: { notes: 'Prefers email' },
    });

    expect(await codeOf(contacts.erase(officer, person.id))).toBe('forbidden: not-allowed');
    const erased = await contacts.erase(admin, person.id);
    expect(erased).toMatchObject({
      id: person.id,
      name: null,
      email: null,
      organisation: null,
      languages: [],
      stateCode: 'GHA',
    });
    expect(await codeOf(contacts.erase(admin, person.id))).toBe('conflict: already-erased');

    // The action still reads, still naming the (erased) contact by id.
    expect((await actions.get(action.id)).contactIds).toEqual([person.id]);
    const [row] = await db.query(`SELECT * FROM contact WHERE id = $1`, [person.id]);
    for (const column of ['name', 'position', 'organisation_id', 'email', 'phone', 'notes', 'lawful_basis']) {
      expect([column, row[column]]).toEqual([column, null]);
    }
    expect(row.languages).toEqual([]);
    expect(row.erased_at).not.toBeNull();
    // No audit entry about the person holds any of their personal data any more.
    const trail: { before: unknown; after: unknown }[] = await db.query(
      `SELECT before, after FROM audit_entry WHERE entity_id = $1`,
      [person.id],
    );
    expect(trail).toHaveLength(3);
    const text = JSON.stringify(trail);
    for (const personal of ['Efua', 'Deputy', 'justice.example', '233', 'ASP', 'Prefers', 'Ministry', '"fr"']) {
      expect([personal, text.includes(personal)]).toEqual([personal, false]);
    }
    // An erased contact is in no list and cannot be linked to again.
    expect((await contacts.list({ stateCode: 'GHA' })).items.map((c) => c.id)).not.toContain(person.id);
    await expect(
      actions.create(officer, { stateCode: 'GHA', type: 'call', date: today, title: 'x', contactIds: [person.id] }),
    ).rejects.toThrow(/contactIds/);
  });

  it("lists a state's contacts with officials first, then the coalition's members", async () => {
    const member = await makeOrganisation(db, { stateCode: 'SEN', kind: 'national-coalition' });
    const ministry = await makeOrganisation(db, { stateCode: 'SEN', kind: 'government' });
    await makeContact(db, { name: 'Aminata Member', stateCode: 'SEN', organisationId: member.id });
    await makeContact(db, { name: 'Zeynab Official', stateCode: 'SEN', organisationId: ministry.id });
    await makeContact(db, { name: 'Moussa Official', stateCode: 'SEN' });
    expect((await contacts.ofState('sen')).map((c) => c.name)).toEqual([
      'Moussa Official',
      'Zeynab Official',
      'Aminata Member',
    ]);
  });
});
