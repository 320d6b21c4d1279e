import { Injectable } from '@nestjs/common';
import { Queryable } from '@app/platform';
import { ImplementationStage, Track } from './treaty';

export interface NewImplementationChange {
  stateCode: string;
  track: Track;
  stage: ImplementationStage;
  date: string;
  note: string | null;
  reference: string | null;
  recordedBy: string;
}

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

/**
 * The implementation_change table: the history of each state's two implementing-legislation tracks. A change is
 * always a new row; the stage on a date is the latest change up to it (implementationStageOn).
 */
@Injectable()
export class ImplementationRepository {
  async insert(m: Queryable, c: NewImplementationChange): Promise<WrittenImplementationChange> {
    const [row]: (Omit<WrittenImplementationChange, 'recordedAt'> & { recordedAt: Date })[] = await m.query(
      `INSERT INTO implementation_change (state_code, track, stage, date, note, reference, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING id, state_code AS "stateCode", track, stage, to_char(date, 'YYYY-MM-DD') AS date, note, reference,
                 recorded_at AS "recordedAt"`,
      [c.stateCode, c.track, c.stage, c.date, c.note, c.reference, c.recordedBy],
    );
    return { ...row, recordedAt: row.recordedAt.toISOString() };
  }
}
