import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { isCalendarDate, parseCsv, Queryable } from '@app/platform';
import { ReferenceDataRepository, referenceStatesDocument } from './reference-data.repository';
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

  constructor(private readonly loads: ReferenceDataRepository) {}

  async load(m: Queryable, eventsFile = referenceFilePath()): Promise<{ states: number; events: number }> {
    const states = await this.loadStates(m);
    const events = await this.loadEvents(m, eventsFile);
    return { states, events };
  }

  private async loadStates(m: Queryable): Promise<number> {
    const catalogue = stateCatalogue();
    const sum = checksum(referenceStatesDocument(catalogue));
    if (await this.loads.wasLoaded(m, { name: 'states', checksum: sum })) return 0;
    const changed = await this.loads.upsertStates(m, catalogue);
    await this.loads.recordLoad(m, { name: 'states', checksum: sum, added: changed });
    this.logger.log(`Reference states: ${catalogue.length} known, ${changed} added or renamed`);
    return changed;
  }

  private async loadEvents(m: Queryable, file: string): Promise<number> {
    const text = readFileSync(file, 'utf8');
    const sum = checksum(text);
    if (await this.loads.wasLoaded(m, { name: 'treaty-events', checksum: sum })) return 0;
    const events = readReferenceEvents(text).map((e) => ({
      stateCode: e.state,
      instrument: e.instrument,
      type: e.type,
      date: e.date,
      source: e.source || null,
      note: e.note || null,
      referenceKey: `${e.state}:${e.instrument}:${e.type}:${e.date}`,
    }));
    const added = await this.loads.insertEvents(m, events);
    await this.loads.recordLoad(m, { name: 'treaty-events', checksum: sum, added });
    this.logger.log(`Reference treaty events: ${events.length} in the file, ${added} new`);
    return added;
  }
}
