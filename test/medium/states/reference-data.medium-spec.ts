import { DataSource } from 'typeorm';
import { ReferenceDataRepository } from '../../../libs/states/src/reference-data.repository';
import { ReferenceDataService } from '../../../libs/states/src/reference-data.service';
import { openTestDatabase } from '../../support/medium';

describe('ReferenceDataService', () => {
  let db: DataSource;
  const service = new ReferenceDataService(new ReferenceDataRepository());
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.destroy());
  const count = async (sql: string) => Number((await db.query(sql))[0].n);

  it('loads the events a database lacks once: the second load adds nothing', async () => {
    const total = await count('SELECT count(*) AS n FROM treaty_event');
    // As if the file had never been loaded, and three of its events were missing.
    await db.query(`DELETE FROM reference_data_load`);
    await db.query(`DELETE FROM treaty_event WHERE reference_key IN
      (SELECT reference_key FROM treaty_event WHERE reference_key IS NOT NULL ORDER BY reference_key LIMIT 3)`);
    expect(await db.transaction((m) => service.load(m))).toEqual({ states: 0, events: 3 });
    expect(await count('SELECT count(*) AS n FROM treaty_event')).toBe(total);
    const revision = await count('SELECT revision AS n FROM status_revision');
    expect(await db.transaction((m) => service.load(m))).toEqual({ states: 0, events: 0 });
    expect(await count('SELECT count(*) AS n FROM treaty_event')).toBe(total);
    expect(await count('SELECT revision AS n FROM status_revision')).toBe(revision);
  });

  it('puts back a state renamed by hand, once', async () => {
    await db.query(`UPDATE state SET name_en = 'Kenya (renamed)' WHERE code = 'KEN'`);
    await db.query(`DELETE FROM reference_data_load WHERE name = 'states'`);
    expect(await db.transaction((m) => service.load(m))).toEqual({ states: 1, events: 0 });
    expect(await db.transaction((m) => service.load(m))).toEqual({ states: 0, events: 0 });
    expect((await db.query(`SELECT name_en FROM state WHERE code = 'KEN'`))[0].name_en).toBe('Kenya');
  });
});
