import { Injectable } from '@nestjs/common';
import { OmitType, PickType } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { SignedInUser } from '@app/accounts';
import { ACTION_CSV_HEADER, ActionsCsvService } from '@app/advocacy';
import { FollowUpsService, FollowUpView } from '@app/follow-ups';
import { PledgesService, PledgeView } from '@app/insight';
import { ContactsService, ContactView, OrganisationsService, OrganisationView } from '@app/people';
import { csvFileName, CsvColumn, MAX_LIMIT, pagesOf, sendCsv, sendCsvText } from '@app/platform';
import { INSTRUMENTS, StatesService, StateSummary, TRACKS } from '@app/states';
import { ActionsQueryDto } from '../advocacy/action.dto';
import { instantOf } from '../common/validation';
import { FollowUpsQueryDto } from '../follow-ups/follow-up.dto';
import { PledgesQueryDto } from '../insight/pledge.dto';
import { ContactsQueryDto } from '../people/contact.dto';
import { OrganisationsQueryDto } from '../people/organisation.dto';
import { StatesQueryDto } from '../states/state.dto';

// An export takes its list's filters, checked by the list's own DTO, without the page's limit and cursor.
export class ActionsCsvQueryDto extends OmitType(ActionsQueryDto, ['limit', 'cursor'] as const) {}
export class FollowUpsCsvQueryDto extends OmitType(FollowUpsQueryDto, ['limit', 'cursor'] as const) {}
export class PledgesCsvQueryDto extends OmitType(PledgesQueryDto, ['limit', 'cursor'] as const) {}
export class ContactsCsvQueryDto extends OmitType(ContactsQueryDto, ['limit', 'cursor'] as const) {}
export class OrganisationsCsvQueryDto extends OmitType(OrganisationsQueryDto, ['limit', 'cursor'] as const) {}
export class StatesCsvQueryDto extends PickType(StatesQueryDto, ['asOf', 'region'] as const) {}

const column = <T>(header: string, cell: CsvColumn<T>['cell']): CsvColumn<T> => ({ header, cell });

const STATE_COLUMNS: CsvColumn<StateSummary>[] = [
  column('code', (s) => s.code),
  column('name', (s) => s.name),
  column('nameFr', (s) => s.names.fr),
  column('nameEs', (s) => s.names.es),
  column('nameAr', (s) => s.names.ar),
  column('region', (s) => s.region),
  ...INSTRUMENTS.flatMap((i) => [
    column<StateSummary>(`${i}.stage`, (s) => s.instruments[i].stage),
    column<StateSummary>(`${i}.signedOn`, (s) => s.instruments[i].signedOn),
    column<StateSummary>(`${i}.depositedOn`, (s) => s.instruments[i].depositedOn),
    column<StateSummary>(`${i}.depositKind`, (s) => s.instruments[i].depositKind),
    column<StateSummary>(`${i}.inForceOn`, (s) => s.instruments[i].inForceOn),
    column<StateSummary>(`${i}.withdrawalNotifiedOn`, (s) => s.instruments[i].withdrawalNotifiedOn),
    column<StateSummary>(`${i}.withdrawalEffectiveOn`, (s) => s.instruments[i].withdrawalEffectiveOn),
    column<StateSummary>(`${i}.confirmed`, (s) => s.instruments[i].confirmed),
  ]),
  ...TRACKS.map((t) => column<StateSummary>(`implementation.${t}`, (s) => s.implementation[t])),
];

const FOLLOW_UP_COLUMNS: CsvColumn<FollowUpView>[] = [
  column('id', (f) => f.id),
  column('stateCode', (f) => f.stateCode),
  column('stateName', (f) => f.stateName),
  column('region', (f) => f.region),
  column('title', (f) => f.title),
  column('note', (f) => f.note),
  column('remindAt', (f) => f.remindAt),
  column('status', (f) => f.status),
  column('assigneeId', (f) => f.assignee.id),
  column('assigneeName', (f) => f.assignee.name),
  column('actionId', (f) => f.actionId),
  column('createdById', (f) => f.createdBy.id),
  column('createdByName', (f) => f.createdBy.name),
  column('closedAt', (f) => f.closedAt),
  column('createdAt', (f) => f.createdAt),
  column('updatedAt', (f) => f.updatedAt),
];

const PLEDGE_COLUMNS: CsvColumn<PledgeView>[] = [
  column('id', (p) => p.id),
  column('stateCode', (p) => p.stateCode),
  column('stateName', (p) => p.stateName),
  column('region', (p) => p.region),
  column('instrument', (p) => p.instrument),
  column('madeOn', (p) => p.madeOn),
  column('occasion', (p) => p.occasion),
  column('targetDate', (p) => p.targetDate),
  column('source', (p) => p.source),
  column('note', (p) => p.note),
  column('status', (p) => p.status),
  column('fulfilledOn', (p) => p.fulfilledOn),
  column('createdByName', (p) => p.createdBy.name),
  column('createdAt', (p) => p.createdAt),
];

/** The import's columns first (name … lawfulBasis), so that an export can be edited and imported. */
const CONTACT_COLUMNS: CsvColumn<ContactView>[] = [
  column('name', (c) => c.name),
  column('position', (c) => c.position),
  column('stateCode', (c) => c.stateCode),
  column('organisationId', (c) => c.organisation?.id),
  column('email', (c) => c.email),
  column('phone', (c) => c.phone),
  column('languages', (c) => c.languages),
  column('notes', (c) => c.notes),
  column('lawfulBasis', (c) => c.lawfulBasis),
  column('id', (c) => c.id),
  column('region', (c) => c.region),
  column('organisationName', (c) => c.organisation?.name),
  column('createdAt', (c) => c.createdAt),
  column('updatedAt', (c) => c.updatedAt),
  column('erasedAt', (c) => c.erasedAt),
];

const ORGANISATION_COLUMNS: CsvColumn<OrganisationView>[] = [
  column('name', (o) => o.name),
  column('kind', (o) => o.kind),
  column('stateCode', (o) => o.stateCode),
  column('region', (o) => o.region),
  column('website', (o) => o.website),
  column('email', (o) => o.email),
  column('memberSince', (o) => o.memberSince),
  column('id', (o) => o.id),
  column('createdAt', (o) => o.createdAt),
  column('updatedAt', (o) => o.updatedAt),
];

/**
 * The CSV exports, for the API (bearer token) and the pages (session) alike: each reads its list through the owning
 * library's service with the list's filters, page after page, so every export shows what its list would.
 */
@Injectable()
export class CsvExports {
  constructor(
    private readonly states: StatesService,
    private readonly actions: ActionsCsvService,
    private readonly followUps: FollowUpsService,
    private readonly pledges: PledgesService,
    private readonly contacts: ContactsService,
    private readonly organisations: OrganisationsService,
  ) {}

  statesCsv(reply: FastifyReply, q: StatesCsvQueryDto): Promise<void> {
    const rows = this.states.summaries({ asOf: q.asOf, region: q.region });
    const name = ['states', q.region, q.asOf ? `as-of-${q.asOf}` : undefined].filter(Boolean).join('-');
    return sendCsv(reply, csvFileName(name), STATE_COLUMNS, single(rows));
  }

  actionsCsv(reply: FastifyReply, user: SignedInUser, q: ActionsCsvQueryDto): Promise<void> {
    const batches = this.actions.exportBatches({
      stateCode: q.state,
      region: q.region,
      type: q.type,
      campaignId: q.campaign,
      from: q.from,
      to: q.to,
      loggedBy: q.loggedBy?.toLowerCase() === 'me' ? user.id : q.loggedBy,
      contactId: q.contact,
      organisationId: q.organisation,
    });
    return sendCsvText(reply, csvFileName('actions'), ACTION_CSV_HEADER, textsOf(batches));
  }

  followUpsCsv(reply: FastifyReply, user: SignedInUser, q: FollowUpsCsvQueryDto): Promise<void> {
    const filter = {
      assignee: q.assignee === 'me' ? user.id : q.assignee,
      status: q.status,
      state: q.state,
      region: q.region,
      dueBefore: q.dueBefore ? instantOf('dueBefore', q.dueBefore) : undefined,
    };
    const batches = pagesOf((cursor) => this.followUps.list(filter, MAX_LIMIT, cursor));
    return sendCsv(reply, csvFileName('follow-ups'), FOLLOW_UP_COLUMNS, batches);
  }

  pledgesCsv(reply: FastifyReply, q: PledgesCsvQueryDto): Promise<void> {
    const batches = pagesOf((cursor) => this.pledges.list({ ...q, limit: MAX_LIMIT, cursor }));
    return sendCsv(reply, csvFileName('pledges'), PLEDGE_COLUMNS, batches);
  }

  contactsCsv(reply: FastifyReply, q: ContactsCsvQueryDto): Promise<void> {
    const filter = { stateCode: q.state, organisationId: q.organisation, q: q.q };
    const batches = pagesOf((cursor) => this.contacts.list({ ...filter, limit: MAX_LIMIT, cursor }));
    return sendCsv(reply, csvFileName('contacts'), CONTACT_COLUMNS, batches);
  }

  organisationsCsv(reply: FastifyReply, q: OrganisationsCsvQueryDto): Promise<void> {
    const filter = { kind: q.kind, stateCode: q.state, region: q.region, q: q.q };
    const batches = pagesOf((cursor) => this.organisations.list({ ...filter, limit: MAX_LIMIT, cursor }));
    return sendCsv(reply, csvFileName('organisations'), ORGANISATION_COLUMNS, batches);
  }
}

/** The CSV text of each batch PostgreSQL wrote. */
async function* textsOf(batches: AsyncIterable<{ csv: string }>): AsyncGenerator<string> {
  for await (const batch of batches) yield batch.csv;
}

/** A list read whole (some 200 states) as the one batch of an export. */
async function* single<T>(rows: Promise<T[]>): AsyncGenerator<T[]> {
  yield await rows;
}
