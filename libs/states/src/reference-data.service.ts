import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { isCalendarDate } from '@app/platform';
import { parseCsv } from './csv';
import { stateCatalogue } from './state-catalogue';
import { EVENT_TYPES, EventType, Instrument, INSTRUMENTS } from './treaty';

export interface ReferenceEvent {
  state: string;
  instrument: Instrument;
  type: EventType;
  date: string;
  source: string;
  note: string;
}

const EVENTS_FILE = 'libs/states/data/treaty-events.csv';

/** Finds the repo's data file from wherever this code runs: the sources, the tests or the bundled app. */
export function referenceFilePath(relative = EVENTS_FILE): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, relative);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`reference data file ${relative} not found above ${__dirname}`);
  }
}

/** Reads and checks the treaty events file; a malformed row stops the load with its line number. */
export function readReferenceEvents(text: string): ReferenceEvent[] {
  return parseCsv(text).map((r, i) => {
    const line = i + 2;
    if (!/^[A-Z]{3}$/.test(r.state)) throw new Error(`treaty events line ${line}: bad state code "${r.state}"`);
    if (!(INSTRUMENTS as readonly string[]).includes(r.instrument))
      throw new Error(`line ${line}: bad instrument "${r.instrument}"`);
    if (!(EVENT_TYPES as readonly string[]).includes(r.type))
      throw new Error(`line ${line}: bad event type "${r.type}"`);
    if (!isCalendarDate(r.date)) throw new Error(`treaty events line ${line}: bad date "${r.date}"`);
    return r as unknown as ReferenceEvent;
  });
}

const checksum = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Loads the states and the researched treaty events. Idempotent: a file already loaded is skipped, and
 * a newer file only adds the events it has that were never loaded; nothing users recorded is touched.
 */
@Injectable()
export class ReferenceDataService {
  private readonly logger = new Logger(ReferenceDataService.name);

  async load(m: EntityManager, eventsFile = referenceFilePath()): Promise<{ states: number; events: number }> {
    const states = await this.loadStates(m);
    const events = await this.loadEvents(m, eventsFile);
    return { states, events };
  }

  private async alreadyLoaded(m: EntityManager, name: string, sum: string): Promise<boolean> {
    const rows: unknown[] = await m.query('SELECT 1 FROM reference_data_load WHERE name = $1 AND checksum = $2', [
      name,
      sum,
    ]);
    return rows.length > 0;
  }

  private async loadStates(m: EntityManager): Promise<number> {
    const catalogue = stateCatalogue();
    const json = JSON.stringify(
      catalogue.map((s) => ({
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
    const sum = checksum(json);
    if (await this.alreadyLoaded(m, 'states', sum)) return 0;
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
    await m.query('INSERT INTO reference_data_load (name, checksum, added) VALUES ($1, $2, $3)', [
      'states',
      sum,
      changed.length,
    ]);
    this.logger.log(`Reference states: ${catalogue.length} known, ${changed.length} added or renamed`);
    return changed.length;
  }

  private async loadEvents(m: EntityManager, file: string): Promise<number> {
    const text = readFileSync(file, 'utf8');
    const sum = checksum(text);
    if (await this.alreadyLoaded(m, 'treaty-events', sum)) return 0;
    const events = readReferenceEvents(text).map((e) => ({
      state_code: e.state,
      instrument: e.instrument,
      type: e.type,
      date: e.date,
      source: e.source || null,
      note: e.note || null,
      reference_key: `${e.state}:${e.instrument}:${e.type}:${e.date}`,
    }));
    const added: unknown[] = await m.query(
      `INSERT INTO treaty_event (state_code, instrument, type, date, source, note, reference_key)
       SELECT state_code, instrument, type, date, source, note, reference_key
       FROM json_populate_recordset(NULL::treaty_event, $1::json)
       ON CONFLICT (reference_key) DO NOTHING
       RETURNING id`,
      [JSON.stringify(events)],
    );
    await m.query('INSERT INTO reference_data_load (name, checksum, added) VALUES ($1, $2, $3)', [
      'treaty-events',
      sum,
      added.length,
    ]);
    this.logger.log(`Reference treaty events: ${events.length} in the file, ${added.length} new`);
    return added.length;
  }
}
