import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, assertAllowed } from '@app/accounts';
import { AuditService } from '@app/audit';
import { decodeCursor, DEFAULT_LIMIT, DomainError, isUuid, Page, Queryable, toPage } from '@app/platform';
import { DepositaryImportsRepository } from './depositary-imports.repository';
import {
  DepositaryProposal,
  DepositaryProposalsRepository,
  NewProposal,
  ProposalKey,
  ProposalStatus,
} from './depositary-proposals.repository';
import { parseNotification, parseStatusTable, stateMatcher, TableRow, UnreadableText } from './depositary-text';
import { stateCatalogue } from './state-catalogue';
import { statesError } from './states.errors';
import { StatesService } from './states.service';
import { INSTRUMENT_CATALOGUE } from './instrument-catalogue';
import { EventStep, EventType, Instrument, INSTRUMENTS, isDeposit } from './treaty';
import { TreatyEventsRepository } from './treaty-events.repository';

const UN_STATUS_PAGE = (record: string) =>
  `https://treaties.un.org/doc/Publication/MTDSG/Volume%20II/Chapter%20XVIII/${record}.en.xml`;

/**
 * The status pages the scheduled sync fetches: those given (DEPOSITARY_SYNC_URLS pairs), else the UN's MTDSG XML
 * page of every instrument of the catalogue (by its UN reference). An instrument the tracker does not know stops
 * the process at start, naming it.
 */
export function depositarySyncSources(
  given: readonly { instrument: string; url: string }[],
): { instrument: Instrument; url: string }[] {
  if (given.length === 0) {
    return INSTRUMENT_CATALOGUE.map((i) => ({ instrument: i.code, url: UN_STATUS_PAGE(i.unReference) }));
  }
  const unknown = given.find((g) => !(INSTRUMENTS as readonly string[]).includes(g.instrument));
  if (unknown) {
    throw new Error(
      `DEPOSITARY_SYNC_URLS names "${unknown.instrument}", which is not an instrument (${INSTRUMENTS.join(', ')})`,
    );
  }
  return given as { instrument: Instrument; url: string }[];
}

type LiveEvent = EventStep & { id: string; stateCode: string };

export interface StatusTableImport {
  id: string;
  instrument: Instrument;
  participants: number;
  proposals: number;
  unchanged: number;
  unmatched: string[];
}

export interface NotificationImport {
  id: string;
  reference: string;
  instrument: Instrument;
  stateCode: string;
  type: EventType;
  date: string;
  proposals: number;
}

let matchState: ((name: string) => string | null) | undefined;
const stateOf = (name: string) => (matchState ??= stateMatcher(stateCatalogue()))(name);

/** The deposit still in effect (not withdrawn before it took effect, no withdrawal effective since), if any. */
function depositInEffect(events: readonly LiveEvent[]): LiveEvent | undefined {
  let deposit: LiveEvent | undefined;
  for (const e of events) {
    if (isDeposit(e.type)) deposit = e;
    else if (e.type === 'deposit-withdrawn' || e.type === 'withdrawal-effective') deposit = undefined;
  }
  return deposit;
}

/** The latest live event of the kinds asked for, in a state's history (date order). */
const latest = (events: readonly LiveEvent[], kinds: (type: EventType) => boolean) =>
  events.filter((e) => kinds(e.type)).at(-1);

/**
 * Depositary intake: what the UN publishes (a status table, a C.N. notification) becomes proposals; nothing in the
 * treaty record changes until a person accepts one, which records a `depositary` event through the treaty rules.
 */
@Injectable()
export class DepositaryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly imports: DepositaryImportsRepository,
    private readonly proposals: DepositaryProposalsRepository,
    private readonly events: TreatyEventsRepository,
    private readonly states: StatesService,
    private readonly audit: AuditService,
  ) {}

  /** Reads an instrument's participants table and files what differs from the record. */
  importStatusTable(
    actor: Actor,
    input: { instrument: Instrument; text: string; sourceUrl?: string },
  ): Promise<StatusTableImport> {
    assertAllowed(actor, 'depositary.review');
    return this.fileStatusTable(actor, input);
  }

  /**
   * The scheduled sync's import of a status page it fetched: the same proposals as an admin's paste, recorded as
   * the system's (no user; the audit entry says `scheduled sync`).
   */
  syncStatusTable(input: { instrument: Instrument; text: string; sourceUrl: string }): Promise<StatusTableImport> {
    return this.fileStatusTable(null, input);
  }

  private async fileStatusTable(
    actor: Actor | null,
    input: { instrument: Instrument; text: string; sourceUrl?: string },
  ): Promise<StatusTableImport> {
    const rows = readable(() => parseStatusTable(input.text, input.instrument));
    const sourceUrl = input.sourceUrl ?? null;
    return this.db.transaction(async (m) => {
      const live = await this.events.allLive(input.instrument, m);
      const byState = new Map<string, LiveEvent[]>();
      for (const e of live) byState.set(e.stateCode, [...(byState.get(e.stateCode) ?? []), e]);
      const unmatched: string[] = [];
      const listed = new Set<string>();
      const proposed: NewProposal[] = [];
      let unchanged = 0;
      for (const row of rows) {
        const code = stateOf(row.name);
        if (code === null) {
          unmatched.push(row.name);
          continue;
        }
        listed.add(code);
        const found = compareRow(code, input.instrument, row, byState.get(code) ?? [], sourceUrl);
        proposed.push(...found);
        if (found.length === 0) unchanged++;
      }
      // A deposit the record holds that the table does not list at all (the depositary lists every deposit).
      for (const [code, events] of byState) {
        const deposit = depositInEffect(events);
        if (listed.has(code) || !deposit) continue;
        proposed.push({
          ...base(code, input.instrument, sourceUrl),
          ...step(deposit),
          change: 'missing-there',
          currentEventId: deposit.id,
        });
      }
      const id = await this.imports.insert(m, {
        kind: 'status-table',
        instrument: input.instrument,
        reference: null,
        sourceUrl,
        participants: rows.length,
        unmatched,
        importedBy: actor?.id ?? null,
      });
      const filed = await this.proposals.insertNew(m, id, proposed);
      await this.audit.record(m, actor, {
        entity: 'depositary-import',
        entityId: id,
        action: 'create',
        after: {
          instrument: input.instrument,
          participants: rows.length,
          proposals: filed,
          unmatched,
          ...(actor ? {} : { by: 'scheduled sync', sourceUrl }),
        },
      });
      return { id, instrument: input.instrument, participants: rows.length, proposals: filed, unchanged, unmatched };
    });
  }

  /** Reads one depositary notification and files the event it reports, unless the record already holds it. */
  async importNotification(actor: Actor, input: { text: string; sourceUrl?: string }): Promise<NotificationImport> {
    assertAllowed(actor, 'depositary.review');
    const notice = readable(() => parseNotification(input.text));
    const stateCode = stateOf(notice.stateName);
    if (stateCode === null) {
      throw statesError('unreadable-depositary-text', `the state "${notice.stateName}" is not one the tracker knows`);
    }
    return this.db.transaction(async (m) => {
      const history = await this.events.live(m, { stateCode, instrument: notice.instrument });
      const same = history.find((e) => e.type === notice.type && e.date === notice.date);
      const id = await this.imports.insert(m, {
        kind: 'notification',
        instrument: notice.instrument,
        reference: notice.reference,
        sourceUrl: input.sourceUrl ?? null,
        participants: 1,
        unmatched: [],
        importedBy: actor.id,
      });
      const proposal: NewProposal = {
        stateCode,
        instrument: notice.instrument,
        type: notice.type,
        date: notice.date,
        reference: notice.reference,
        sourceUrl: input.sourceUrl ?? null,
        change: 'new',
        currentEventId: null,
      };
      const filed = same ? 0 : await this.proposals.insertNew(m, id, [proposal]);
      await this.audit.record(m, actor, {
        entity: 'depositary-import',
        entityId: id,
        action: 'create',
        after: { ...notice, stateCode, proposals: filed },
      });
      return {
        id,
        reference: notice.reference,
        instrument: notice.instrument,
        stateCode,
        type: notice.type,
        date: notice.date,
        proposals: filed,
      };
    });
  }

  /** A page of proposals, newest import first; `cursor` is the `nextCursor` of the page before (a forged one: 400). */
  async list(q: {
    status?: ProposalStatus;
    instrument?: Instrument;
    state?: string;
    limit?: number;
    cursor?: string;
  }): Promise<Page<DepositaryProposal>> {
    const limit = q.limit ?? DEFAULT_LIMIT;
    let after: ProposalKey | undefined;
    if (q.cursor) {
      const [createdAt, stateName, id] = decodeCursor(q.cursor, ['pg-instant', 'text', 'uuid']);
      after = { createdAt, stateName, id };
    }
    const rows = await this.proposals.list(this.db, {
      status: q.status,
      instrument: q.instrument,
      state: q.state?.toUpperCase(),
      after,
      limit: limit + 1,
    });
    return toPage(
      rows,
      limit,
      (r) => [r.createdKey, r.stateName, r.id],
      ({ createdKey: _, ...proposal }) => proposal,
    );
  }

  /**
   * Records the proposal as a `depositary` event (a correction supersedes the event it corrects) and marks it
   * accepted, in one transaction; when the treaty rules refuse, a 409 with their reason and the proposal stays pending.
   */
  async accept(actor: Actor, id: string) {
    assertAllowed(actor, 'depositary.review');
    try {
      const event = await this.db.transaction(async (m) => {
        const proposal = await this.pending(m, id);
        if (proposal.change === 'missing-there') {
          throw statesError(
            'proposal-refused',
            `${proposal.stateName} is not in the depositary's table: nothing to record from it; check the state's history and record what happened, then reject this proposal`,
          );
        }
        // The corrected event leaves the history first, so the rules judge the correction against what remains
        // (pointing at itself until its correction exists; the transaction undoes it if the rules refuse).
        if (proposal.currentEventId) {
          await this.events.supersede(m, { id: proposal.currentEventId, by: proposal.currentEventId });
        }
        const recorded = await this.states.recordEventIn(m, actor, proposal.stateCode, {
          instrument: proposal.instrument,
          type: proposal.type,
          date: proposal.date,
          source: `UN depositary${proposal.reference ? `, notification ${proposal.reference}` : ', status of the instrument'}`,
          sourceUrl: proposal.sourceUrl ?? undefined,
          reference: proposal.reference ?? undefined,
          confidence: 'depositary',
          note: proposal.change === 'new' ? undefined : `Corrects the earlier event (${proposal.change}).`,
        });
        if (proposal.currentEventId) await this.events.supersede(m, { id: proposal.currentEventId, by: recorded.id });
        await this.proposals.decide(m, { id, status: 'accepted', reason: null, eventId: recorded.id, by: actor.id });
        await this.audit.record(m, actor, {
          entity: 'depositary-proposal',
          entityId: id,
          action: 'update',
          before: proposal,
          after: { ...proposal, status: 'accepted', eventId: recorded.id },
        });
        return recorded;
      });
      this.states.statusChanged();
      return event;
    } catch (e) {
      if (e instanceof DomainError && (e.code === 'event-sequence' || e.code === 'impossible-event')) {
        throw statesError('proposal-refused', `the treaty rules refuse this proposal: ${e.message}`);
      }
      throw e;
    }
  }

  async reject(actor: Actor, id: string, reason: string): Promise<DepositaryProposal> {
    assertAllowed(actor, 'depositary.review');
    return this.db.transaction(async (m) => {
      const proposal = await this.pending(m, id);
      await this.proposals.decide(m, { id, status: 'rejected', reason, eventId: null, by: actor.id });
      const after = { ...proposal, status: 'rejected' as const, reason };
      await this.audit.record(m, actor, {
        entity: 'depositary-proposal',
        entityId: id,
        action: 'update',
        before: proposal,
        after,
      });
      return after;
    });
  }

  private async pending(m: Queryable, id: string): Promise<DepositaryProposal & { stateName: string }> {
    const proposal = isUuid(id) ? await this.proposals.lock(m, id) : null;
    if (!proposal) throw statesError('proposal-not-found', `proposal ${id} not found`);
    if (proposal.status !== 'pending')
      throw statesError('proposal-decided', `proposal ${id} was already ${proposal.status}`);
    return proposal;
  }
}

function readable<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof UnreadableText) throw statesError('unreadable-depositary-text', e.message);
    throw e;
  }
}

const base = (stateCode: string, instrument: Instrument, sourceUrl: string | null) => ({
  stateCode,
  instrument,
  reference: null,
  sourceUrl: sourceUrl ?? UN_STATUS_PAGE(INSTRUMENT_CATALOGUE.find((i) => i.code === instrument)!.unReference),
});
const step = (e: EventStep) => ({ type: e.type, date: e.date });

/** What one row of the depositary's table says that the state's record does not. */
function compareRow(
  code: string,
  instrument: Instrument,
  row: TableRow,
  events: readonly LiveEvent[],
  sourceUrl: string | null,
): NewProposal[] {
  const out: NewProposal[] = [];
  const here = base(code, instrument, sourceUrl);
  const compare = (there: EventStep, current: LiveEvent | undefined) => {
    if (!current) out.push({ ...here, ...there, change: 'new', currentEventId: null });
    else if (current.date !== there.date)
      out.push({ ...here, ...there, change: 'different-date', currentEventId: current.id });
    else if (current.type !== there.type)
      out.push({ ...here, ...there, change: 'different-type', currentEventId: current.id });
  };
  if (row.signature)
    compare(
      { type: 'signature', date: row.signature },
      latest(events, (t) => t === 'signature'),
    );
  if (row.deposit) compare(row.deposit, latest(events, isDeposit));
  return out;
}
