import { Injectable } from '@nestjs/common';
import { Queryable } from '@app/platform';
import type { Instrument } from './treaty';

export interface NewDepositaryImport {
  kind: 'status-table' | 'notification';
  instrument: Instrument;
  reference: string | null;
  sourceUrl: string | null;
  participants: number;
  unmatched: string[];
  importedBy: string | null;
}

/** The depositary_import table: each status table or notification read, by whom, and the names not matched. */
@Injectable()
export class DepositaryImportsRepository {
  async insert(m: Queryable, i: NewDepositaryImport): Promise<string> {
    const [{ id }]: { id: string }[] = await m.query(
      `INSERT INTO depositary_import (kind, instrument, reference, source_url, participants, unmatched, imported_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [i.kind, i.instrument, i.reference, i.sourceUrl, i.participants, i.unmatched, i.importedBy],
    );
    return id;
  }
}
