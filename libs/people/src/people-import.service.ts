import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, REGIONS, Region } from '@app/accounts';
import { AuditService } from '@app/audit';
import { CsvRecord, DomainError, isCalendarDate, isUuid, readCsv } from '@app/platform';
import { catalogueState, statesError } from '@app/states';
import { ContactRow, ContactsRepository } from './contacts.repository';
import { OrganisationRow, OrganisationsRepository } from './organisations.repository';
import { assertMayEdit, emailField, languagesField, optionalText, requiredText, websiteField } from './people-input';
import { peopleError } from './people.errors';
import { LAWFUL_BASES, LawfulBasis, ORGANISATION_KINDS, OrganisationKind } from './people.types';

export interface ImportProblem {
  line: number;
  field: string;
  message: string;
}

/** A row that looks like one already held or one earlier in the file: reported, never merged. */
export interface ImportDuplicate {
  line: number;
  field: 'email' | 'name';
  message: string;
}

export interface ImportReport {
  /** Rows that would be saved. */
  valid: number;
  errors: ImportProblem[];
  duplicates: ImportDuplicate[];
}

const CONTACT_COLUMNS = [
  'name',
  'position',
  'stateCode',
  'organisationId',
  'email',
  'phone',
  'languages',
  'notes',
  'lawfulBasis',
];
const ORGANISATION_COLUMNS = ['name', 'kind', 'stateCode', 'region', 'website', 'email', 'memberSince'];

type Kind = 'contact' | 'organisation';
type Checked<R> = { line: number; row: R };

/**
 * Bulk import of contacts and organisations from CSV (the API's field names as the header). A dry run reports every
 * row's problems and the duplicates; a commit saves every row, each audited, or none: any bad row or duplicate
 * refuses the whole file.
 */
@Injectable()
export class PeopleImportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly contacts: ContactsRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly audit: AuditService,
  ) {}

  async contactsCsv(actor: Actor, csv: string, dryRun: boolean): Promise<ImportReport | { created: number }> {
    return this.run(actor, 'contact', csv, dryRun);
  }

  async organisationsCsv(actor: Actor, csv: string, dryRun: boolean): Promise<ImportReport | { created: number }> {
    return this.run(actor, 'organisation', csv, dryRun);
  }

  private async run(actor: Actor, kind: Kind, csv: string, dryRun: boolean) {
    const { header, records } = await readCsv(csv);
    const columns = kind === 'contact' ? CONTACT_COLUMNS : ORGANISATION_COLUMNS;
    const unknown = header.filter((h) => !columns.includes(h));
    if (header.length === 0 || unknown.length > 0 || !header.includes('name')) {
      throw peopleError(
        'import-refused',
        `line 1: the header must name the columns ${columns.join(', ')} (name required)` +
          (unknown.length ? `; unknown: ${unknown.join(', ')}` : ''),
      );
    }
    return this.db.transaction(async (m) => {
      const errors: ImportProblem[] = [];
      const rows: (Checked<ContactRow | OrganisationRow> | null)[] = records.map((r) =>
        checkRow<ContactRow | OrganisationRow>(r, errors, (get) =>
          kind === 'contact' ? contactRow(actor, get) : organisationRow(actor, get),
        ),
      );
      const good = rows.filter((r): r is Checked<ContactRow | OrganisationRow> => r !== null);
      if (kind === 'contact') {
        const ids = [...new Set(good.map((r) => (r.row as ContactRow).organisationId).filter((id) => id !== null))];
        const missing = new Set(ids.length ? await this.organisations.unknown(m, ids) : []);
        for (const r of good) {
          const id = (r.row as ContactRow).organisationId;
          if (id !== null && missing.has(id)) {
            errors.push({ line: r.line, field: 'organisationId', message: `no organisation ${id}` });
          }
        }
      }
      const bad = new Set(errors.map((e) => e.line));
      const valid = good.filter((r) => !bad.has(r.line));
      const existing = await (kind === 'contact' ? this.contacts : this.organisations).existingKeys(m);
      const duplicates = findDuplicates(kind, valid, existing);
      errors.sort((a, b) => a.line - b.line);
      if (dryRun) return { valid: valid.length, errors, duplicates };
      if (errors.length > 0 || duplicates.length > 0) {
        const first = [...errors, ...duplicates].slice(0, 10).map((e) => `line ${e.line}: ${e.field}: ${e.message}`);
        throw peopleError(
          'import-refused',
          `nothing saved: ${errors.length} row error(s) and ${duplicates.length} duplicate(s); ${first.join('; ')}`,
        );
      }
      for (const { row } of valid) {
        const view =
          kind === 'contact'
            ? await this.contacts.insert(m, { ...(row as ContactRow), createdBy: actor.id })
            : await this.organisations.insert(m, { ...(row as OrganisationRow), createdBy: actor.id });
        await this.audit.record(m, actor, { entity: kind, entityId: view.id, action: 'create', after: view });
      }
      return { created: valid.length };
    });
  }
}

/** Runs a row's checks, collecting every field's problem rather than stopping at the first. */
function checkRow<R>(
  record: CsvRecord,
  errors: ImportProblem[],
  build: (get: <T>(field: string, check: (value: string) => T) => T | undefined) => R | undefined,
): Checked<R> | null {
  let failed = false;
  const get = <T>(field: string, check: (value: string) => T): T | undefined => {
    try {
      return check(record.fields[field] ?? '');
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      failed = true;
      errors.push({ line: record.line, field, message: error.message });
      return undefined;
    }
  };
  const row = build(get);
  return failed || row === undefined ? null : { line: record.line, row };
}

/** A state code and its region; a blank code is no state. */
function stateOf(value: string): { code: string; region: Region } | null {
  const code = value.trim().toUpperCase();
  if (code === '') return null;
  const region = catalogueState(code)?.region;
  if (!region) throw statesError('bad-state', `${value.trim()} is not a known state code`);
  return { code, region };
}

function oneOf<T extends string>(field: string, values: readonly T[], value: string): T {
  if (!(values as readonly string[]).includes(value.trim())) {
    throw peopleError('bad-value', `${field} must be one of ${values.join(', ')}`);
  }
  return value.trim() as T;
}

function contactRow(actor: Actor, get: <T>(field: string, check: (value: string) => T) => T | undefined) {
  const state = get('stateCode', stateOf);
  get('stateCode', () => state !== undefined && assertMayEdit(actor, state?.region ?? null));
  const row = {
    name: get('name', (v) => requiredText('name', v)),
    position: get('position', optionalText),
    stateCode: state?.code ?? null,
    region: state?.region ?? null,
    organisationId: get('organisationId', (v) => {
      const id = optionalText(v)?.toLowerCase() ?? null;
      if (id !== null && !isUuid(id)) throw peopleError('bad-organisation', 'organisationId must be a UUID');
      return id;
    }),
    email: get('email', (v) => emailField('email', v)),
    phone: get('phone', optionalText),
    languages: get('languages', (v) => languagesField(v.split(';'))),
    notes: get('notes', optionalText),
    lawfulBasis: get('lawfulBasis', (v) => oneOf<LawfulBasis>('lawfulBasis', LAWFUL_BASES, v)),
  };
  return Object.values(row).some((v) => v === undefined) ? undefined : (row as ContactRow);
}

function organisationRow(actor: Actor, get: <T>(field: string, check: (value: string) => T) => T | undefined) {
  const state = get('stateCode', stateOf);
  const region = get('region', (v) => {
    const given = optionalText(v);
    if (given === null) return state?.region ?? null;
    const r = oneOf<Region>('region', REGIONS, given);
    if (state && state.region !== r) throw peopleError('bad-region', `region ${r} is not the region of ${state.code}`);
    return r;
  });
  get('stateCode', () => state !== undefined && assertMayEdit(actor, state?.region ?? null));
  const row = {
    name: get('name', (v) => requiredText('name', v)),
    kind: get('kind', (v) => oneOf<OrganisationKind>('kind', ORGANISATION_KINDS, v)),
    stateCode: state?.code ?? null,
    region,
    website: get('website', (v) => websiteField('website', v)),
    email: get('email', (v) => emailField('email', v)),
    memberSince: get('memberSince', (v) => {
      const day = optionalText(v);
      if (day !== null && !isCalendarDate(day)) throw peopleError('bad-value', 'memberSince must be a date YYYY-MM-DD');
      return day;
    }),
  };
  return Object.values(row).some((v) => v === undefined) ? undefined : (row as OrganisationRow);
}

/** Same email (any case), or same name (any case) and state: against what is held, and against earlier rows. */
function findDuplicates(
  kind: Kind,
  rows: Checked<ContactRow | OrganisationRow>[],
  existing: { name: string; stateCode: string | null; email: string | null }[],
): ImportDuplicate[] {
  const held = `an existing ${kind}`;
  const emails = new Map<string, string>();
  const names = new Map<string, string>();
  const nameKey = (name: string, state: string | null) => `${name.toLowerCase()}\u0000${state ?? ''}`;
  for (const e of existing) {
    if (e.email) emails.set(e.email, held);
    names.set(nameKey(e.name, e.stateCode), held);
  }
  const found: ImportDuplicate[] = [];
  for (const { line, row } of rows) {
    const email = row.email?.toLowerCase();
    const key = nameKey(row.name, row.stateCode);
    if (email && emails.has(email)) {
      found.push({ line, field: 'email', message: `same email as ${emails.get(email)}` });
    } else if (names.has(key)) {
      found.push({ line, field: 'name', message: `same name and state as ${names.get(key)}` });
    }
    if (email && !emails.has(email)) emails.set(email, `line ${line}`);
    if (!names.has(key)) names.set(key, `line ${line}`);
  }
  return found;
}
