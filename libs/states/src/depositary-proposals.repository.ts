import { Injectable } from '@nestjs/common';
import { isoDate, isoInstant, Queryable, SqlParams, where } from '@app/platform';
import type { EventType, Instrument } from './treaty';

export const PROPOSAL_CHANGES = ['new', 'different-date', 'different-type', 'missing-there'] as const;
export type ProposalChange = (typeof PROPOSAL_CHANGES)[number];
export const PROPOSAL_STATUSES = ['pending', 'accepted', 'rejected'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** A change the depositary's records suggest, waiting for a person (GET /api/depositary/proposals). */
export interface DepositaryProposal {
  id: string;
  stateCode: string;
  stateName: string;
  instrument: Instrument;
  type: EventType;
  date: string;
  reference: string | null;
  sourceUrl: string | null;
  change: ProposalChange;
  currentEventId: string | null;
  status: ProposalStatus;
  reason: string | null;
  eventId: string | null;
  createdAt: string;
}

/** Where a page of proposals ends: the sort key of its last row. */
export interface ProposalKey {
  createdAt: string;
  stateName: string;
  id: string;
}

export type NewProposal = Pick<
  DepositaryProposal,
  'stateCode' | 'instrument' | 'type' | 'date' | 'reference' | 'sourceUrl' | 'change' | 'currentEventId'
>;

const COLUMNS = `p.id, p.state_code AS "stateCode", s.name_en AS "stateName", p.instrument, p.type,
  ${isoDate('p.date')} AS date, p.reference, p.source_url AS "sourceUrl", p.change,
  p.current_event_id AS "currentEventId", p.status, p.reason, p.event_id AS "eventId",
  ${isoInstant('p.created_at')} AS "createdAt"`;

/** The depositary_proposal table. */
@Injectable()
export class DepositaryProposalsRepository {
  /** Files the proposals not already pending or rejected; the number filed. */
  async insertNew(m: Queryable, importId: string, proposals: readonly NewProposal[]): Promise<number> {
    if (proposals.length === 0) return 0;
    const json = JSON.stringify(
      proposals.map((p) => ({
        import_id: importId,
        state_code: p.stateCode,
        instrument: p.instrument,
        type: p.type,
        date: p.date,
        reference: p.reference,
        source_url: p.sourceUrl,
        change: p.change,
        current_event_id: p.currentEventId,
      })),
    );
    const [{ filed }]: { filed: number }[] = await m.query(
      `WITH filed AS (
         INSERT INTO depositary_proposal (import_id, state_code, instrument, type, date, reference, source_url, change,
                                          current_event_id)
         SELECT import_id, state_code, instrument, type, date, reference, source_url, change, current_event_id
         FROM json_populate_recordset(NULL::depositary_proposal, $1::json)
         ON CONFLICT (state_code, instrument, type, date, change) WHERE status IN ('pending','rejected') DO NOTHING
         RETURNING id)
       SELECT count(*)::int AS filed FROM filed`,
      [json],
    );
    return filed;
  }

  /**
   * Newest import first, then by state name: `limit` rows after the `after` key (the last row of the page
   * before), each with its sort key (`createdKey`: created_at as PostgreSQL's text, microseconds kept).
   */
  list(
    db: Queryable,
    q: {
      status?: ProposalStatus;
      instrument?: Instrument;
      state?: string;
      after?: ProposalKey;
      limit: number;
    },
  ): Promise<(DepositaryProposal & { createdKey: string })[]> {
    const p = new SqlParams();
    const after = q.after && {
      at: p.add(q.after.createdAt, 'timestamptz'),
      name: p.add(q.after.stateName),
      id: p.add(q.after.id, 'uuid'),
    };
    return db.query(
      `SELECT ${COLUMNS}, p.created_at::text AS "createdKey"
       FROM depositary_proposal p JOIN state s ON s.code = p.state_code
       ${where(
         q.status !== undefined && `p.status = ${p.add(q.status)}`,
         q.instrument !== undefined && `p.instrument = ${p.add(q.instrument)}`,
         q.state !== undefined && `p.state_code = ${p.add(q.state)}`,
         after !== undefined &&
           `(p.created_at < ${after.at} OR (p.created_at = ${after.at} AND (s.name_en, p.id) > (${after.name}, ${after.id})))`,
       )}
       ORDER BY p.created_at DESC, s.name_en, p.id LIMIT ${p.add(q.limit)}`,
      p.values,
    );
  }

  /** One proposal, its row locked for the caller's transaction; null when unknown. */
  async lock(m: Queryable, id: string): Promise<DepositaryProposal | null> {
    const rows: DepositaryProposal[] = await m.query(
      `SELECT ${COLUMNS} FROM depositary_proposal p JOIN state s ON s.code = p.state_code
       WHERE p.id = $1 FOR UPDATE OF p`,
      [id],
    );
    return rows[0] ?? null;
  }

  async decide(
    m: Queryable,
    d: { id: string; status: 'accepted' | 'rejected'; reason: string | null; eventId: string | null; by: string },
  ): Promise<void> {
    await m.query(
      `UPDATE depositary_proposal SET status = $2, reason = $3, event_id = $4, decided_by = $5, decided_at = now()
       WHERE id = $1`,
      [d.id, d.status, d.reason, d.eventId, d.by],
    );
  }
}
