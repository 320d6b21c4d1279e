import { Queryable } from '@app/platform';

/**
 * Treaty events and implementation changes. The states themselves (and the researched treaty events) are
 * reference data, seeded in every test database; these add a step on top.
 */

export interface MadeTreatyEvent {
  id: string;
  stateCode: string;
  instrument: string;
  type: string;
  date: string;
  source: string | null;
  recordedBy: string | null;
}

/** A treaty step (a signature of the Rome Statute by India in 2020 by default: India has no step yet), as a user records it. */
export async function makeTreatyEvent(
  db: Queryable,
  over: Partial<Omit<MadeTreatyEvent, 'id'>> & {
    note?: string;
    recordedAt?: string;
    confidence?: 'depositary' | 'official' | 'reported';
  } = {},
): Promise<MadeTreatyEvent> {
  const event = {
    stateCode: over.stateCode ?? 'IND',
    instrument: over.instrument ?? 'rome-statute',
    type: over.type ?? 'signature',
    date: over.date ?? '2020-01-15',
    source: over.source ?? null,
    recordedBy: over.recordedBy ?? null,
  };
  const [{ id }]: { id: string }[] = await db.query(
    `INSERT INTO treaty_event (state_code, instrument, type, date, source, note, recorded_by, recorded_at, confidence)
     VALUES ($1, $2, $3, $4, $5, $6, $7, COALESCE($8::timestamptz, now()), $9) RETURNING id`,
    [
      event.stateCode,
      event.instrument,
      event.type,
      event.date,
      event.source,
      over.note ?? null,
      event.recordedBy,
      over.recordedAt ?? null,
      over.confidence ?? 'depositary',
    ],
  );
  return { id, ...event };
}

export interface MadeImplementationChange {
  id: string;
  stateCode: string;
  track: string;
  stage: string;
  date: string;
  reference: string | null;
  recordedBy: string | null;
}

/** A new stage of an implementation track (Kenya's cooperation track drafting in 2021 by default). */
export async function makeImplementationChange(
  db: Queryable,
  over: Partial<Omit<MadeImplementationChange, 'id'>> & { recordedAt?: string } = {},
): Promise<MadeImplementationChange> {
  const change = {
    stateCode: over.stateCode ?? 'KEN',
    track: over.track ?? 'cooperation',
    stage: over.stage ?? 'drafting',
    date: over.date ?? '2021-03-01',
    reference: over.reference ?? null,
    recordedBy: over.recordedBy ?? null,
  };
  const [{ id }]: { id: string }[] = await db.query(
    `INSERT INTO implementation_change (state_code, track, stage, date, reference, recorded_by, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, COALESCE($7::timestamptz, now())) RETURNING id`,
    [
      change.stateCode,
      change.track,
      change.stage,
      change.date,
      change.reference,
      change.recordedBy,
      over.recordedAt ?? null,
    ],
  );
  return { id, ...change };
}
