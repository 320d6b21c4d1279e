import { Injectable } from '@nestjs/common';
import { isoDate, isoInstant, Queryable } from '@app/platform';
import { ImplementationStage, Track } from './treaty';

/** An implementation change as written, in the order the api answers it. */
export interface WrittenImplementationChange {
  id: string;
  stateCode: string;
  track: Track;
  stage: ImplementationStage;
  date: string;
  note: string | null;
  reference: string | null;
  recordedAt: string;
}

/** A new change: what is written, and who records it. */
export type NewImplementationChange = Omit<WrittenImplementationChange, 'id' | 'recordedAt'> & { recordedBy: string };

/**
 * The implementation_change table: the history of each state's two implementing-legislation tracks. A change is
 * always a new row; the stage on a date is the latest change up to it (implementationStageOn).
 */
@Injectable()
export class ImplementationRepository {
  async insert(m: Queryable, c: NewImplementationChange): Promise<WrittenImplementationChange> {
    const [row]: WrittenImplementationChange[] = await m.query(
      `INSERT INTO implementation_change (state_code, track, stage, date, note, reference, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING id, state_code AS "stateCode", track, stage, ${isoDate('date')} AS date, note, reference,
                 ${isoInstant('recorded_at')} AS "recordedAt"`,
      [c.stateCode, c.track, c.stage, c.date, c.note, c.reference, c.recordedBy],
    );
    return row;
  }
}
