import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isoDate } from '@app/platform';
import type { CatalogueInstrument } from './instrument-catalogue';

/**
 * The instrument table: each treaty the tracker follows, its names, UN record and entry-into-force rule (written by
 * the reference data load, ReferenceDataRepository.updateInstruments).
 */
@Injectable()
export class InstrumentsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Every instrument in the order the pages list them. */
  list(): Promise<CatalogueInstrument[]> {
    return this.db.query(
      `SELECT code, json_build_object('en', name, 'fr', name_fr, 'es', name_es, 'ar', name_ar) AS names,
              ${isoDate('opened_on')} AS "adoptedOn", un_reference AS "unReference",
              entry_into_force AS "entryIntoForce"
       FROM instrument ORDER BY sort_order`,
    );
  }
}
