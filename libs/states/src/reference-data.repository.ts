import { Injectable } from '@nestjs/common';
import { Queryable } from '@app/platform';
import type { CatalogueState } from './state-catalogue';
import type { EventType, Instrument } from './treaty';

/**
 * The catalogue's states as the load writes them (snake_case, the table's columns). Its checksum tells whether
 * the catalogue changed since the last load, so this text must stay stable.
 */
export function referenceStatesDocument(states: readonly CatalogueState[]): string {
  return JSON.stringify(
    states.map((s) => ({
      code: s.code,
      iso2: s.iso2,
      name_en: s.nameEn,
      name_fr: s.nameFr,
      name_es: s.nameEs,
      name_ar: s.nameAr,
      region: s.region,
      un_group: s.unGroup,
      un_status: s.unStatus,
    })),
  );
}

/** A researched treaty event; `referenceKey` makes loading it twice add it once. */
export interface ReferenceEventRow {
  stateCode: string;
  instrument: Instrument;
  type: EventType;
  date: string;
  source: string | null;
  note: string | null;
  referenceKey: string;
}

/**
 * The reference_data_load table (which files were loaded, by checksum), and the writes of reference data into
 * state and treaty_event. Every method runs in the caller's transaction.
 */
@Injectable()
export class ReferenceDataRepository {
  /** Whether the file `name` with this checksum was loaded already. */
  async wasLoaded(m: Queryable, q: { name: string; checksum: string }): Promise<boolean> {
    const rows: unknown[] = await m.query('SELECT 1 FROM reference_data_load WHERE name = $1 AND checksum = $2', [
      q.name,
      q.checksum,
    ]);
    return rows.length > 0;
  }

  async recordLoad(m: Queryable, load: { name: string; checksum: string; added: number }): Promise<void> {
    await m.query('INSERT INTO reference_data_load (name, checksum, added) VALUES ($1, $2, $3)', [
      load.name,
      load.checksum,
      load.added,
    ]);
  }

  /** Adds the states not known yet and renames those whose names changed; the number added or changed. */
  async upsertStates(m: Queryable, states: readonly CatalogueState[]): Promise<number> {
    const json = referenceStatesDocument(states);
    const changed: unknown[] = await m.query(
      `INSERT INTO state (code, iso2, name_en, name_fr, name_es, name_ar, region, un_group, un_status)
       SELECT code, iso2, name_en, name_fr, name_es, name_ar, region, un_group, un_status
       FROM json_populate_recordset(NULL::state, $1::json)
       ON CONFLICT (code) DO UPDATE SET iso2 = EXCLUDED.iso2, name_en = EXCLUDED.name_en, name_fr = EXCLUDED.name_fr,
         name_es = EXCLUDED.name_es, name_ar = EXCLUDED.name_ar, un_group = EXCLUDED.un_group,
         un_status = EXCLUDED.un_status
       WHERE (state.iso2, state.name_en, state.name_fr, state.name_es, state.name_ar, state.un_group, state.un_status)
         IS DISTINCT FROM (EXCLUDED.iso2, EXCLUDED.name_en, EXCLUDED.name_fr, EXCLUDED.name_es, EXCLUDED.name_ar,
         EXCLUDED.un_group, EXCLUDED.un_status)
       RETURNING code`,
      [json],
    );
    return changed.length;
  }

  /** Adds the events never loaded before (by reference key); nothing users recorded is touched. The number added. */
  async insertEvents(m: Queryable, events: readonly ReferenceEventRow[]): Promise<number> {
    const json = JSON.stringify(
      events.map((e) => ({
        state_code: e.stateCode,
        instrument: e.instrument,
        type: e.type,
        date: e.date,
        source: e.source,
        note: e.note,
        reference_key: e.referenceKey,
      })),
    );
    const added: unknown[] = await m.query(
      `INSERT INTO treaty_event (state_code, instrument, type, date, source, note, reference_key)
       SELECT state_code, instrument, type, date, source, note, reference_key
       FROM json_populate_recordset(NULL::treaty_event, $1::json)
       ON CONFLICT (reference_key) DO NOTHING
       RETURNING id`,
      [json],
    );
    return added.length;
  }
}
