import { Injectable } from '@nestjs/common';
import { Queryable } from '@app/platform';
import type { CatalogueState } from './state-catalogue';
import type { CatalogueInstrument } from './instrument-catalogue';
import type { Confidence, EventType, Instrument } from './treaty';

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
      common_name: s.commonName,
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
  sourceUrl: string | null;
  confidence: Confidence;
  reference: string | null;
  note: string | null;
  referenceKey: string;
}

/**
 * The reference_data_load table (which files were loaded, by checksum), and the writes of reference data into
 * state, instrument and treaty_event. Every method runs in the caller's transaction.
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
      `INSERT INTO state (code, iso2, name_en, common_name, name_fr, name_es, name_ar, region, un_group, un_status)
       SELECT code, iso2, name_en, common_name, name_fr, name_es, name_ar, region, un_group, un_status
       FROM json_populate_recordset(NULL::state, $1::json)
       ON CONFLICT (code) DO UPDATE SET iso2 = EXCLUDED.iso2, name_en = EXCLUDED.name_en,
         common_name = EXCLUDED.common_name, name_fr = EXCLUDED.name_fr, name_es = EXCLUDED.name_es,
         name_ar = EXCLUDED.name_ar, un_group = EXCLUDED.un_group, un_status = EXCLUDED.un_status
       WHERE (state.iso2, state.name_en, state.common_name, state.name_fr, state.name_es, state.name_ar, state.un_group,
              state.un_status)
         IS DISTINCT FROM (EXCLUDED.iso2, EXCLUDED.name_en, EXCLUDED.common_name, EXCLUDED.name_fr, EXCLUDED.name_es,
         EXCLUDED.name_ar, EXCLUDED.un_group, EXCLUDED.un_status)
       RETURNING code`,
      [json],
    );
    return changed.length;
  }

  /**
   * Makes the reference data's events what the file says: adds those never loaded, updates the source, link,
   * confidence and note of those already loaded, and removes those the file no longer has (a corrected date or
   * type is a new key). Only rows loaded from reference data (no recorder) are touched, never what users recorded.
   */
  async syncEvents(m: Queryable, events: readonly ReferenceEventRow[]): Promise<{ added: number; removed: number }> {
    const json = JSON.stringify(
      events.map((e) => ({
        state_code: e.stateCode,
        instrument: e.instrument,
        type: e.type,
        date: e.date,
        source: e.source,
        source_url: e.sourceUrl,
        confidence: e.confidence,
        reference: e.reference,
        note: e.note,
        reference_key: e.referenceKey,
      })),
    );
    // A DELETE's rows come back with its count from the driver; counted in SQL, the answer is one plain row.
    const [{ removed }]: { removed: number }[] = await m.query(
      `WITH gone AS (
         DELETE FROM treaty_event
         WHERE recorded_by IS NULL AND reference_key IS NOT NULL
           AND reference_key NOT IN (SELECT r.reference_key FROM json_populate_recordset(NULL::treaty_event, $1::json) r)
         RETURNING id)
       SELECT count(*)::int AS removed FROM gone`,
      [json],
    );
    const rows: { added: boolean }[] = await m.query(
      `INSERT INTO treaty_event (state_code, instrument, type, date, source, source_url, confidence, reference, note,
                                 reference_key)
       SELECT state_code, instrument, type, date, source, source_url, confidence, reference, note, reference_key
       FROM json_populate_recordset(NULL::treaty_event, $1::json)
       ON CONFLICT (reference_key) DO UPDATE SET source = EXCLUDED.source, source_url = EXCLUDED.source_url,
         confidence = EXCLUDED.confidence, reference = EXCLUDED.reference, note = EXCLUDED.note
       WHERE treaty_event.recorded_by IS NULL
         AND (treaty_event.source, treaty_event.source_url, treaty_event.confidence, treaty_event.reference,
              treaty_event.note)
           IS DISTINCT FROM (EXCLUDED.source, EXCLUDED.source_url, EXCLUDED.confidence, EXCLUDED.reference,
              EXCLUDED.note)
       RETURNING (xmax = 0) AS added`,
      [json],
    );
    return { added: rows.filter((r) => r.added).length, removed };
  }

  /** Writes the catalogue's names, references and rules over the known instruments; the number changed. */
  async updateInstruments(m: Queryable, catalogue: readonly CatalogueInstrument[]): Promise<number> {
    const json = JSON.stringify(
      catalogue.map((i) => ({
        code: i.code,
        name: i.names.en,
        name_fr: i.names.fr,
        name_es: i.names.es,
        name_ar: i.names.ar,
        opened_on: i.adoptedOn,
        un_reference: i.unReference,
        entry_into_force: i.entryIntoForce,
      })),
    );
    const [{ changed }]: { changed: number }[] = await m.query(
      `WITH changed AS (
       UPDATE instrument i SET name = c.name, name_fr = c.name_fr, name_es = c.name_es, name_ar = c.name_ar,
         opened_on = c.opened_on, un_reference = c.un_reference, entry_into_force = c.entry_into_force
       FROM json_populate_recordset(NULL::instrument, $1::json) c
       WHERE c.code = i.code
         AND (i.name, i.name_fr, i.name_es, i.name_ar, i.opened_on, i.un_reference, i.entry_into_force)
           IS DISTINCT FROM (c.name, c.name_fr, c.name_es, c.name_ar, c.opened_on, c.un_reference, c.entry_into_force)
       RETURNING i.code)
       SELECT count(*)::int AS changed FROM changed`,
      [json],
    );
    return changed;
  }
}
