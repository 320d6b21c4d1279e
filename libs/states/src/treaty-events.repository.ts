import { Injectable } from '@nestjs/common';
import { isoDate, isoInstant, Queryable } from '@app/platform';
import { Confidence, EventStep, EventType, Instrument } from './treaty';

/** A treaty event as written, in the order the api answers it. */
export interface WrittenTreatyEvent {
  id: string;
  stateCode: string;
  instrument: Instrument;
  type: EventType;
  date: string;
  source: string | null;
  sourceUrl: string | null;
  reference: string | null;
  confidence: Confidence;
  note: string | null;
  recordedAt: string;
}

const WRITTEN = `id, state_code AS "stateCode", instrument, type, ${isoDate('date')} AS date, source,
  source_url AS "sourceUrl", reference, confidence, note, ${isoInstant('recorded_at')} AS "recordedAt"`;

/** A new event: what is written, and who records it. */
export type NewTreatyEventRow = Omit<WrittenTreatyEvent, 'id' | 'recordedAt'> & { recordedBy: string };

/**
 * The treaty_event table: each treaty step of a state, dated, with its source. Reads of the status derived from
 * it are in StatesRepository; the reference data's events are loaded by ReferenceDataRepository.
 */
@Injectable()
export class TreatyEventsRepository {
  /** A state's steps for one instrument, in the caller's transaction (the state's row locked). */
  history(m: Queryable, q: { stateCode: string; instrument: Instrument }): Promise<EventStep[]> {
    return m.query(
      `SELECT type, ${isoDate('date')} AS date FROM treaty_event
       WHERE state_code = $1 AND instrument = $2 AND superseded_by IS NULL`,
      [q.stateCode, q.instrument],
    );
  }

  /** A state's live events for one instrument, with their ids, in the caller's transaction. */
  live(m: Queryable, q: { stateCode: string; instrument: Instrument }): Promise<(EventStep & { id: string })[]> {
    return m.query(
      `SELECT id, type, ${isoDate('date')} AS date FROM treaty_event
       WHERE state_code = $1 AND instrument = $2 AND superseded_by IS NULL ORDER BY date, recorded_at`,
      [q.stateCode, q.instrument],
    );
  }

  /** Every live event of the instrument, for comparing a depositary table with the record. */
  allLive(instrument: Instrument, db: Queryable): Promise<(EventStep & { id: string; stateCode: string })[]> {
    return db.query(
      `SELECT id, state_code AS "stateCode", type, ${isoDate('date')} AS date FROM treaty_event
       WHERE instrument = $1 AND superseded_by IS NULL ORDER BY state_code, date, recorded_at`,
      [instrument],
    );
  }

  /**
   * One event of a state, locked for the transaction, with the id of the event that corrected it (null while it
   * counts); null when the state has no event with that id.
   */
  async lockOne(
    m: Queryable,
    q: { id: string; stateCode: string },
  ): Promise<(WrittenTreatyEvent & { supersededBy: string | null }) | null> {
    const rows: (WrittenTreatyEvent & { supersededBy: string | null })[] = await m.query(
      `SELECT ${WRITTEN}, superseded_by AS "supersededBy" FROM treaty_event
        WHERE id = $1 AND state_code = $2 FOR UPDATE`,
      [q.id, q.stateCode],
    );
    return rows[0] ?? null;
  }

  /** Marks an event corrected by another: it stays in the history but no longer counts. */
  async supersede(m: Queryable, q: { id: string; by: string }): Promise<void> {
    await m.query('UPDATE treaty_event SET superseded_by = $2 WHERE id = $1', [q.id, q.by]);
  }

  async insert(m: Queryable, e: NewTreatyEventRow): Promise<WrittenTreatyEvent> {
    const [row]: WrittenTreatyEvent[] = await m.query(
      `INSERT INTO treaty_event (state_code, instrument, type, date, source, source_url, reference, confidence, note,
                                 recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       RETURNING ${WRITTEN}`,
      [
        e.stateCode,
        e.instrument,
        e.type,
        e.date,
        e.source,
        e.sourceUrl,
        e.reference,
        e.confidence,
        e.note,
        e.recordedBy,
      ],
    );
    return row;
  }
}
