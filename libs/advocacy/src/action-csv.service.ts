import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Actor, decide } from '@app/accounts';
import { AuditService } from '@app/audit';
import { commonError, CsvRecord, DomainError, importCell, isUuid, readCsv } from '@app/platform';
import { ContactsService } from '@app/people';
import { catalogueState } from '@app/states';
import { checkActionDate } from './action-dates';
import { ACTION_TYPES, ActionType } from './action-types';
import { advocacyError } from './advocacy.errors';
import { ActionLinksRepository } from './action-links.repository';
import { ACTION_CSV_COLUMNS, ActionExportBatch, ActionsRepository, NewActionRow } from './actions.repository';
import { ActionFilter, actionListQuery } from './actions.service';
import { CampaignsRepository } from './campaigns.repository';

/** The export's header row. */
export const ACTION_CSV_HEADER: readonly string[] = ACTION_CSV_COLUMNS.map(([header]) => header);

/** The columns an import saves; `stateCode`, `type`, `date` and `title` are the minimal set (`state` may name the first). */
export const ACTION_IMPORT_COLUMNS = [
  'stateCode',
  'type',
  'date',
  'title',
  'summary',
  'target',
  'outcome',
  'campaignId',
  'contactIds',
  'organisationIds',
] as const;
const REQUIRED_COLUMNS = ['stateCode', 'type', 'date', 'title'];
/** Columns of the export that the server sets itself: accepted in an import, and not read. */
const DERIVED_COLUMNS = ['id', 'stateName', 'region', 'loggedById', 'loggedByName', 'createdAt', 'updatedAt'];
const ALIASES: Record<string, string> = { state: 'stateCode' };

/** Lengths as the API's DTO allows them. */
export const ACTION_TEXT_LIMITS = { title: 300, summary: 10_000, target: 500, outcome: 4000 } as const;
/** Links an action may have of each kind, as the API allows them. */
const MAX_LINKS = 100;
/**
 * Rows a batch of the export reads: enough that a statement's round trip costs little per row, few enough that a
 * batch's text (two are held at once) stays a megabyte or two.
 */
export const ACTION_EXPORT_BATCH = 2000;
/** Rows a statement of the import writes. */
const INSERT_BATCH = 1000;

export interface ActionImportProblem {
  line: number;
  field: string;
  message: string;
}

/** A row with the same state, type, date and title as an action already held or an earlier row. */
export interface ActionImportDuplicate {
  line: number;
  field: 'title';
  message: string;
}

export interface ActionImportReport {
  /** Rows that would be saved. */
  valid: number;
  errors: ActionImportProblem[];
  duplicates: ActionImportDuplicate[];
}

type ImportRow = Omit<NewActionRow, 'loggedBy'> & { contactIds: string[]; organisationIds: string[] };

/**
 * Actions to and from CSV. The export walks the list's filters in batches (keyset on date and id), so a million
 * actions cost the memory of one batch. The import reads the export's columns (or the minimal set), checks every row
 * as the API checks one action, and saves all of them in one transaction, audited as one import, or none.
 */
@Injectable()
export class ActionsCsvService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly actions: ActionsRepository,
    private readonly links: ActionLinksRepository,
    private readonly campaigns: CampaignsRepository,
    private readonly people: ContactsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Every live action the filter selects, newest first, as CSV text batch by batch (the header is the caller's:
   * ACTION_CSV_HEADER); a bad filter throws at once (400).
   */
  exportBatches(
    filter: Omit<ActionFilter, 'cursor' | 'limit'>,
    batchSize = ACTION_EXPORT_BATCH,
  ): AsyncIterable<ActionExportBatch> {
    const query = actionListQuery({ ...filter, limit: batchSize });
    const actions = this.actions;
    return (async function* () {
      // The next batch is asked for as soon as one arrives, so PostgreSQL reads it while this one is sent: two
      // batches at most are held at once.
      const fetch = (after: { date: string; id: string } | null) => {
        const rows = actions.exportBatch({ ...query, after: after ?? undefined });
        // If the client goes away first, nobody awaits the batch asked for ahead; its failure is of no interest.
        rows.catch(() => undefined);
        return rows;
      };
      let next: Promise<ActionExportBatch> | null = fetch(null);
      while (next !== null) {
        const batch: ActionExportBatch = await next;
        next = batch.rows === batchSize ? fetch(batch.last) : null;
        yield batch;
      }
    })();
  }

  /** A dry run reports every row's problems and duplicates; a commit saves every row or, with any, none. */
  async importCsv(
    actor: Actor,
    csv: string,
    dryRun: boolean,
  ): Promise<ActionImportReport | { created: number; importId: string }> {
    const anywhere = decide(actor, 'action.write');
    if (!anywhere.allowed) throw commonError('not-allowed', anywhere.reason ?? 'not allowed');
    const { header, records } = await readCsv(csv);
    checkHeader(header);
    const errors: ActionImportProblem[] = [];
    const checked = records.map((r) => checkRow(actor, r, errors));
    return this.db.transaction(async (m) => {
      const good = checked.filter((r): r is { line: number; row: ImportRow } => r !== null);
      const campaignIds = [...new Set(good.map((r) => r.row.campaignId).filter((id): id is string => id !== null))];
      const missingCampaigns = new Set<string>();
      for (const id of campaignIds) if (!(await this.campaigns.exists(m, id))) missingCampaigns.add(id);
      const unknown = await this.people.unknownLinks(m, {
        contactIds: [...new Set(good.flatMap((r) => r.row.contactIds))],
        organisationIds: [...new Set(good.flatMap((r) => r.row.organisationIds))],
      });
      const unknownContacts = new Set(unknown.contactIds);
      const unknownOrganisations = new Set(unknown.organisationIds);
      for (const { line, row } of good) {
        if (row.campaignId !== null && missingCampaigns.has(row.campaignId)) {
          errors.push({ line, field: 'campaignId', message: `no campaign ${row.campaignId}` });
        }
        const contacts = row.contactIds.filter((id) => unknownContacts.has(id));
        if (contacts.length) {
          errors.push({ line, field: 'contactIds', message: `unknown or erased contacts: ${contacts.join(', ')}` });
        }
        const organisations = row.organisationIds.filter((id) => unknownOrganisations.has(id));
        if (organisations.length) {
          errors.push({
            line,
            field: 'organisationIds',
            message: `unknown or deleted organisations: ${organisations.join(', ')}`,
          });
        }
      }
      const bad = new Set(errors.map((e) => e.line));
      const valid = good.filter((r) => !bad.has(r.line));
      const held = new Set(
        (
          await this.actions.sameKeys(
            m,
            valid.map((r) => r.row),
          )
        ).map(keyOf),
      );
      const duplicates = findDuplicates(valid, held);
      errors.sort((a, b) => a.line - b.line);
      if (dryRun) return { valid: valid.length, errors, duplicates };
      if (errors.length > 0 || duplicates.length > 0) {
        const first = [...errors, ...duplicates].slice(0, 10).map((e) => `line ${e.line}: ${e.field}: ${e.message}`);
        throw advocacyError(
          'action-import-refused',
          `nothing saved: ${errors.length} row error(s) and ${duplicates.length} duplicate(s); ${first.join('; ')}`,
        );
      }
      const rows = valid.map(({ row }) => ({ ...row, id: randomUUID(), loggedBy: actor.id }));
      for (let i = 0; i < rows.length; i += INSERT_BATCH) {
        const batch = rows.slice(i, i + INSERT_BATCH);
        await this.actions.insertMany(m, batch);
        await this.links.insertMany(
          m,
          'contactIds',
          batch.flatMap((r) => r.contactIds.map((id) => ({ actionId: r.id, id }))),
        );
        await this.links.insertMany(
          m,
          'organisationIds',
          batch.flatMap((r) => r.organisationIds.map((id) => ({ actionId: r.id, id }))),
        );
      }
      const importId = randomUUID();
      await this.audit.record(m, actor, {
        entity: 'action-import',
        entityId: importId,
        action: 'create',
        after: { created: rows.length, actionIds: rows.map((r) => r.id) },
      });
      return { created: rows.length, importId };
    });
  }
}

/** The header names the export's columns (or their minimal set), each once, and every required one. */
function checkHeader(header: string[]): void {
  const known = [...ACTION_IMPORT_COLUMNS, ...DERIVED_COLUMNS, ...Object.keys(ALIASES)] as string[];
  const unknown = header.filter((h) => !known.includes(h));
  const names = header.map((h) => ALIASES[h] ?? h);
  const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c));
  const twice = names.filter((n, i) => names.indexOf(n) !== i);
  if (header.length === 0 || unknown.length > 0 || missing.length > 0 || twice.length > 0) {
    throw advocacyError(
      'action-import-refused',
      `line 1: the header must name the columns ${REQUIRED_COLUMNS.join(', ')} (required) and may name ` +
        `${ACTION_IMPORT_COLUMNS.filter((c) => !REQUIRED_COLUMNS.includes(c)).join(', ')}; the export's other ` +
        `columns (${DERIVED_COLUMNS.join(', ')}) are accepted and not read` +
        (missing.length ? `; missing: ${missing.join(', ')}` : '') +
        (unknown.length ? `; unknown: ${unknown.join(', ')}` : '') +
        (twice.length ? `; named twice: ${[...new Set(twice)].join(', ')}` : ''),
    );
  }
}

/** A row checked as the API checks one action: every field's problem collected, or the row to save. */
function checkRow(
  actor: Actor,
  record: CsvRecord,
  errors: ActionImportProblem[],
): { line: number; row: ImportRow } | null {
  const cells: Record<string, string> = {};
  for (const [name, value] of Object.entries(record.fields)) cells[ALIASES[name] ?? name] = importCell(value);
  const before = errors.length;
  const problem = (field: string, message: string) => errors.push({ line: record.line, field, message });
  const get = <T>(field: string, check: (value: string) => T): T | undefined => {
    try {
      return check(cells[field] ?? '');
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      problem(field, error.message);
      return undefined;
    }
  };
  const stateCode = (cells.stateCode ?? '').trim().toUpperCase();
  const region = catalogueState(stateCode)?.region;
  if (stateCode === '') problem('stateCode', 'stateCode must not be blank');
  else if (!region) problem('stateCode', `${stateCode} is not a known state code`);
  else {
    const decision = decide(actor, 'action.write', region);
    if (!decision.allowed) problem('stateCode', decision.reason ?? 'not allowed');
  }
  const type = (cells.type ?? '').trim();
  if (!(ACTION_TYPES as readonly string[]).includes(type)) {
    problem('type', `type must be one of ${ACTION_TYPES.join(', ')}`);
  }
  const date = get('date', (v) => {
    checkActionDate(v.trim());
    return v.trim();
  });
  const title = get('title', (v) => text('title', v, true)) as string | undefined;
  const summary = get('summary', (v) => text('summary', v));
  const target = get('target', (v) => text('target', v));
  const outcome = get('outcome', (v) => text('outcome', v));
  const campaignId = get('campaignId', (v) => {
    const id = v.trim().toLowerCase();
    if (id !== '' && !isUuid(id)) throw advocacyError('bad-campaign', 'campaignId must be a campaign id (UUID)');
    return id === '' ? null : id;
  });
  const contactIds = get('contactIds', (v) => idList('contactIds', v));
  const organisationIds = get('organisationIds', (v) => idList('organisationIds', v));
  if (errors.length > before || !region) return null;
  return {
    line: record.line,
    row: {
      stateCode,
      region,
      type: type as ActionType,
      date: date!,
      title: title!,
      summary: summary ?? null,
      target: target ?? null,
      outcome: outcome ?? null,
      campaignId: campaignId ?? null,
      contactIds: contactIds!,
      organisationIds: organisationIds!,
    },
  };
}

/** Trimmed text within the API's length; blank is null, or refused when required. */
function text(field: keyof typeof ACTION_TEXT_LIMITS, value: string, required = false): string | null {
  const trimmed = value.trim();
  if (trimmed === '') {
    if (required) throw commonError('blank', `${field} must not be blank`);
    return null;
  }
  const limit = ACTION_TEXT_LIMITS[field];
  if (trimmed.length > limit) throw commonError('too-long', `${field} must be at most ${limit} characters`);
  return trimmed;
}

/** Ids separated by ";" (as the export writes them), each a UUID, each once, sorted as stored. */
function idList(field: string, value: string): string[] {
  const ids = [
    ...new Set(
      value
        .split(';')
        .map((id) => id.trim().toLowerCase())
        .filter((id) => id !== ''),
    ),
  ].sort();
  const bad = ids.filter((id) => !isUuid(id));
  if (bad.length)
    throw commonError('bad-filter', `${field} must be ids (UUIDs) separated by ";": not ${bad.join(', ')}`);
  if (ids.length > MAX_LINKS) throw commonError('too-long', `${field} may name at most ${MAX_LINKS} ids`);
  return ids;
}

const keyOf = (r: Pick<ImportRow, 'stateCode' | 'type' | 'date' | 'title'>) =>
  `${r.stateCode}\u0000${r.type}\u0000${r.date}\u0000${r.title.toLowerCase()}`;

/** Rows with the same state, type, date and title (any case) as an action held, or as an earlier row. */
function findDuplicates(rows: { line: number; row: ImportRow }[], held: Set<string>): ActionImportDuplicate[] {
  const seen = new Map<string, number>();
  const found: ActionImportDuplicate[] = [];
  for (const { line, row } of rows) {
    const key = keyOf(row);
    if (held.has(key)) {
      found.push({ line, field: 'title', message: 'same state, type, date and title as an action already held' });
    } else if (seen.has(key)) {
      found.push({ line, field: 'title', message: `same state, type, date and title as line ${seen.get(key)}` });
    }
    if (!seen.has(key)) seen.set(key, line);
  }
  return found;
}
