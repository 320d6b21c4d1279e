import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import {
  readReferenceEvents,
  ReferenceDataService,
  referenceFilePath,
} from '../libs/states/src/reference-data.service';
import { ReferenceDataRepository } from '../libs/states/src/reference-data.repository';
import { checkNewEvent, EventStep } from '../libs/states/src/treaty';
import { createTestDatabase } from './support/database';

describe('reference data', () => {
  let db: DataSource;
  const service = new ReferenceDataService(new ReferenceDataRepository());
  beforeAll(async () => {
    db = await new DataSource({ type: 'postgres', url: await createTestDatabase() }).initialize();
  });
  afterAll(async () => {
    await db.destroy();
  });
  const count = async (sql: string) => Number((await db.query(sql))[0].n);

  it('changes nothing when loaded again', async () => {
    const revision = await count('SELECT revision AS n FROM status_revision');
    expect(await db.transaction((m) => service.load(m))).toEqual({ states: 0, events: 0 });
    expect(await count('SELECT count(*) AS n FROM treaty_event')).toBe(509);
    expect(await count('SELECT revision AS n FROM status_revision')).toBe(revision);
  });

  it('adds what a newer file adds and corrects what it corrects, leaving what users recorded untouched', async () => {
    await db.query(
      `INSERT INTO treaty_event (state_code, instrument, type, date, source) VALUES ('KGZ', 'rome-statute', 'ratification', '2026-09-15', 'recorded by a user')`,
    );
    const original = readFileSync(referenceFilePath(), 'utf8');
    const newer = original
      .replace(/^(ALB,rome-statute,signature,1998-07-18,)[^\n]*/m, '$1Corrected source text,,reported,,')
      .concat(
        'NIU,rome-statute,accession,2026-03-02,UN depositary notification,,depositary,C.N.1.2026.TREATIES-XVIII.10,\n',
      );
    const file = join(mkdtempSync(join(tmpdir(), 'ref-')), 'treaty-events.csv');
    writeFileSync(file, newer);

    expect(await db.transaction((m) => service.load(m, file))).toEqual({ states: 0, events: 1 });
    expect(await count(`SELECT count(*) AS n FROM treaty_event WHERE state_code = 'NIU'`)).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM treaty_event WHERE source = 'recorded by a user'`)).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM treaty_event WHERE source = 'Corrected source text'`)).toBe(1);
    expect(await db.transaction((m) => service.load(m, file))).toEqual({ states: 0, events: 0 });
  });

  it('holds only histories the treaty rules allow', async () => {
    const events = await readReferenceEvents(readFileSync(referenceFilePath(), 'utf8'));
    const histories = new Map<string, EventStep[]>();
    const problems: string[] = [];
    for (const e of events) {
      const key = `${e.state} ${e.instrument}`;
      const history = histories.get(key) ?? [];
      const problem = checkNewEvent(e.instrument, history, e, '2026-11-22');
      if (problem) problems.push(`${key}: ${problem.message}`);
      histories.set(key, [...history, e]);
    }
    expect(problems).toEqual([]);
  });
});
