import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Queryable, queryPreparedOn } from '@app/platform';

export interface PlaybookEntry {
  /** An instrument's code, or `implementation-cooperation` / `implementation-crimes`. */
  instrument: string;
  stage: string;
  suggestion: string;
}

/** The playbook table, which the insight library alone writes and reads. */
@Injectable()
export class PlaybookRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The whole playbook; prepared on the pool (the stalled list reads it on every request), or in `m`'s transaction. */
  all(m?: Queryable): Promise<PlaybookEntry[]> {
    return queryPreparedOn(
      this.db,
      m,
      `SELECT instrument, stage, suggestion FROM playbook ORDER BY instrument, stage`,
      [],
    );
  }

  /** Makes `entries` the whole playbook: the others are removed. */
  async replace(m: Queryable, entries: readonly PlaybookEntry[], updatedBy: string): Promise<void> {
    await m.query(`LOCK TABLE playbook IN EXCLUSIVE MODE`);
    await m.query(`DELETE FROM playbook`);
    await m.query(
      `INSERT INTO playbook (instrument, stage, suggestion, updated_by)
       SELECT i, s, g, $4 FROM unnest($1::text[], $2::text[], $3::text[]) AS x(i, s, g)`,
      [entries.map((e) => e.instrument), entries.map((e) => e.stage), entries.map((e) => e.suggestion), updatedBy],
    );
  }
}
