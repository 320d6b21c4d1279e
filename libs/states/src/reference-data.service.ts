import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { isCalendarDate, parseCsv, Queryable } from '@app/platform';
import { ReferenceDataRepository, referenceStatesDocument } from './reference-data.repository';
import { stateCatalogue } from './state-catalogue';
import { INSTRUMENT_CATALOGUE } from './instrument-catalogue';
import { Confidence, CONFIDENCES, EVENT_TYPES, EventType, Instrument, INSTRUMENTS } from './treaty';

export interface ReferenceEvent {
  state: string;
  instrument: Instrument;
  type: EventType;
  date: string;
  /** A citation a person can follow: who published it, what, when, with its address. */
  source: string;
  source_url: string;
  confidence: Confidence;
  /** The depositary's reference (C.N. number), when known. */
  reference: string;
  note: string;
}

/** Research shorthand ("ABA15 A126", "left EMPTY") is for the researchers' notes, never for a page. */
const SHORTHAND = /\b(ABA15|A126|WP25|HANS02|COA34|LIQ|ZAKI|PGA-[A-Z]{2,}|DISAGREE|EMPTY)\b|rs_[a-z_]+/;

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
export async function readReferenceEvents(text: string): Promise<ReferenceEvent[]> {
  return (await parseCsv(text)).map((r, i) => {
    const line = i + 2;
    if (!/^[A-Z]{3}$/.test(r.state)) throw new Error(`treaty events line ${line}: bad state code "${r.state}"`);
    if (!(INSTRUMENTS as readonly string[]).includes(r.instrument))
      throw new Error(`line ${line}: bad instrument "${r.instrument}"`);
    if (!(EVENT_TYPES as readonly string[]).includes(r.type))
      throw new Error(`line ${line}: bad event type "${r.type}"`);
    if (!isCalendarDate(r.date)) throw new Error(`treaty events line ${line}: bad date "${r.date}"`);
    if (!(CONFIDENCES as readonly string[]).includes(r.confidence))
      throw new Error(`treaty events line ${line}: bad confidence "${r.confidence}"`);
    if (!r.source) throw new Error(`treaty events line ${line}: no source`);
    if (r.source_url && !/^https?:\/\/\S+$/.test(r.source_url))
      throw new Error(`treaty events line ${line}: bad source_url "${r.source_url}"`);
    const shorthand = SHORTHAND.exec(`${r.source} ${r.note}`);
    if (shorthand)
      throw new Error(`treaty events line ${line}: research shorthand "${shorthand[0]}" in source or note`);
    return r as unknown as ReferenceEvent;
  });
}

const checksum = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Loads the states, the instruments' catalogue and the researched treaty events. Idempotent: a file already
 * loaded is skipped; a newer file makes the reference events what it says (added, corrected, removed), and
 * nothing users recorded is touched.
 */
@Injectable()
export class ReferenceDataService {
  private readonly logger = new Logger(ReferenceDataService.name);

  constructor(private readonly loads: ReferenceDataRepository) {}

  async load(m: Queryable, eventsFile = referenceFilePath()): Promise<{ states: number; events: number }> {
    const states = await this.loadStates(m);
    await this.loadInstruments(m);
    const events = await this.loadEvents(m, eventsFile);
    return { states, events };
  }

  private async loadInstruments(m: Queryable): Promise<void> {
    const sum = checksum(JSON.stringify(INSTRUMENT_CATALOGUE));
    if (await this.loads.wasLoaded(m, { name: 'instruments', checksum: sum })) return;
    const changed = await this.loads.updateInstruments(m, INSTRUMENT_CATALOGUE);
    await this.loads.recordLoad(m, { name: 'instruments', checksum: sum, added: changed });
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
    const events = (await readReferenceEvents(text)).map((e) => ({
      stateCode: e.state,
      instrument: e.instrument,
      type: e.type,
      date: e.date,
      source: e.source,
      sourceUrl: e.source_url || null,
      confidence: e.confidence,
      reference: e.reference || null,
      note: e.note || null,
      referenceKey: `${e.state}:${e.instrument}:${e.type}:${e.date}`,
    }));
    const { added, removed } = await this.loads.syncEvents(m, events);
    await this.loads.recordLoad(m, { name: 'treaty-events', checksum: sum, added });
    this.logger.log(`Reference treaty events: ${events.length} in the file, ${added} new, ${removed} withdrawn`);
    return added;
  }
}
