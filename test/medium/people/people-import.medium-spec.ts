import { DataSource } from 'typeorm';
import { Actor } from '@app/accounts';
import { AuditRepository, AuditService } from '@app/audit';
import { ContactsRepository, OrganisationsRepository, PeopleImportService } from '@app/people';
import { makeContact, makeUser } from '../../factories';
import { openTestDatabase } from '../../support/medium';

describe('PeopleImportService: CSV of contacts and organisations', () => {
  let db: DataSource;
  let importer: PeopleImportService;
  let officer: Actor;
  const count = async (table: string) =>
    (await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

  beforeAll(async () => {
    db = await openTestDatabase();
    importer = new PeopleImportService(
      db,
      new ContactsRepository(db),
      new OrganisationsRepository(db),
      new AuditService(new AuditRepository(db)),
    );
    const made = await makeUser(db, { role: 'campaign-officer' });
    officer = { id: made.id, name: made.name, role: 'campaign-officer', regions: [] };
  });
  afterAll(() => db.destroy());

  const csv = [
    '\uFEFFname,position,stateCode,email,languages,lawfulBasis',
    'Wanjiku Kamau,"Chair, Justice and Legal Affairs Committee",KEN,wanjiku@parliament.example,en;sw,public-task',
    'Broken Row,Adviser,XYZ,not-an-email,,whim',
    '"Jean ""JB"" Bosco","Note on',
    'two lines",RWA,,fr,consent',
    'Held Already,,UGA,held@example.org,,consent',
    'wanjiku kamau,,KEN,,,consent',
  ].join('\r\n');

  it('reports every bad field by line, and duplicates of held records and of earlier rows, in a dry run', async () => {
    await makeContact(db, { name: 'Someone Else', stateCode: 'TZA', email: 'HELD@example.org' });
    const before = await count('contact');
    const report = await importer.contactsCsv(officer, csv, true);
    expect(report).toEqual({
      valid: 4,
      errors: [
        { line: 3, field: 'stateCode', message: 'XYZ is not a known state code' },
        { line: 3, field: 'email', message: 'email must be an email address' },
        { line: 3, field: 'lawfulBasis', message: expect.stringContaining('lawfulBasis must be one of') },
      ],
      duplicates: [
        { line: 6, field: 'email', message: 'same email as an existing contact' },
        { line: 7, field: 'name', message: 'same name and state as line 2' },
      ],
    });
    expect(await count('contact')).toBe(before);
  });

  it('saves nothing when a committed file has any bad row or duplicate, and every row (audited) when clean', async () => {
    const before = await count('contact');
    await expect(importer.contactsCsv(officer, csv, false)).rejects.toThrow(/nothing saved: 3 row error/);
    expect(await count('contact')).toBe(before);

    const clean = csv
      .split('\r\n')
      .filter((_, i) => i < 3 || i === 3 || i === 4)
      .filter((line) => !line.startsWith('Broken'))
      .join('\n');
    const audited = await count('audit_entry');
    expect(await importer.contactsCsv(officer, clean, false)).toEqual({ created: 2 });
    expect(await count('contact')).toBe(before + 2);
    expect(await count('audit_entry')).toBe(audited + 2);
    const [jb] = await db.query(`SELECT name, notes, position, languages FROM contact WHERE state_code = 'RWA'`);
    expect(jb).toEqual({ name: 'Jean "JB" Bosco', position: 'Note on\ntwo lines', notes: null, languages: ['fr'] });
  });

  it('refuses a header with unknown columns, a quote left open, and rows outside a regional officer’s regions', async () => {
    await expect(importer.organisationsCsv(officer, 'name,colour\nX,red', true)).rejects.toThrow(/unknown: colour/);
    await expect(importer.organisationsCsv(officer, 'name,kind\n"Open,other', true)).rejects.toThrow(/line 2/);
    const made = await makeUser(db, { role: 'regional-officer', regions: ['africa'] });
    const regional: Actor = { id: made.id, name: made.name, role: 'regional-officer', regions: ['africa'] };
    const report = await importer.organisationsCsv(
      regional,
      'name,kind,stateCode,region\nKenya section,national-coalition,KEN,\nFrench section,national-coalition,FRA,\nNetwork,regional-network,,africa',
      true,
    );
    expect(report).toMatchObject({
      valid: 1,
      errors: [
        { line: 3, field: 'stateCode', message: expect.stringContaining('not europe') },
        { line: 4, field: 'stateCode', message: expect.stringContaining('not placed in a state') },
      ],
    });
  });
});
