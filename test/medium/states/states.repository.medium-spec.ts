import { DataSource } from 'typeorm';
import { StatesRepository } from '../../../libs/states/src/states.repository';
import { PARTY_STAGES } from '../../../libs/states/src/treaty';
import { makeImplementationChange, makeTreatyEvent, makeUser } from '../../factories';
import { openTestDatabase } from '../../support/medium';

describe('StatesRepository', () => {
  let db: DataSource;
  let repo: StatesRepository;
  beforeAll(async () => {
    db = await openTestDatabase();
    repo = new StatesRepository(db);
  });
  afterAll(() => db.destroy());

  const partiesOn = async (asOf: string) => {
    const states = await repo.list({ asOf });
    return states.filter((s) => ['party', 'withdrawing'].includes(s.instruments['rome-statute'].stage));
  };

  it('derives the status as of a date: 124 parties at the end of 2016, 123 a year later', async () => {
    expect(await partiesOn('2016-12-31')).toHaveLength(124);
    expect(await partiesOn('2017-12-31')).toHaveLength(123);
    const series = await repo.partiesSeries({ instrument: 'rome-statute', from: '1998-07-17', to: '2017-12-31' });
    expect(series.filter((p) => p.date <= '2016-12-31').at(-1)!.parties).toBe(124);
    expect(series.at(-1)).toEqual({ date: '2017-12-31', parties: 123 });
  });

  it('keeps the list of stage party, in a region, with the text and the objects alike', async () => {
    const query = { asOf: '2016-12-31', region: 'africa' as const, stage: ['party'] as const };
    const listed = await repo.list(query);
    expect(listed.length).toBeGreaterThan(20);
    expect(listed.every((s) => s.region === 'africa' && s.instruments['rome-statute'].stage === 'party')).toBe(true);
    expect(JSON.parse(await repo.listText(query))).toEqual(listed);
  });

  it('keeps the states at any of several stages: PARTY_STAGES are the 124 states parties of the end of 2016', async () => {
    const parties = await repo.list({ asOf: '2016-12-31', stage: PARTY_STAGES });
    expect(parties).toHaveLength(124);
    expect(parties.find((s) => s.code === 'BDI')!.instruments['rome-statute'].stage).toBe('withdrawing');
    expect(JSON.parse(await repo.listText({ asOf: '2016-12-31', stage: PARTY_STAGES }))).toEqual(parties);
  });

  it("lists a state's events oldest first, same-day events in the order recorded, each with its recorder", async () => {
    const ama = await makeUser(db, { name: 'Ama Mensah' });
    // Recorded out of date order: the list follows the dates, then the recording time.
    await makeTreatyEvent(db, { stateCode: 'IND', instrument: 'apic', type: 'ratification', date: '2021-05-04' });
    await makeTreatyEvent(db, {
      stateCode: 'IND',
      type: 'signature',
      date: '2020-01-15',
      recordedBy: ama.id,
      recordedAt: '2026-01-02T10:00:00Z',
    });
    await makeTreatyEvent(db, {
      stateCode: 'IND',
      instrument: 'apic',
      type: 'signature',
      date: '2020-01-15',
      recordedAt: '2026-01-01T10:00:00Z',
    });
    const ind = await repo.one({ code: 'IND', asOf: '2026-11-30' });
    expect(ind!.events.map((e) => [e.date, e.instrument, e.type, e.recordedBy?.name ?? null])).toEqual([
      ['2020-01-15', 'apic', 'signature', null],
      ['2020-01-15', 'rome-statute', 'signature', 'Ama Mensah'],
      ['2021-05-04', 'apic', 'ratification', null],
    ]);
    // An instant as the API writes every other one: UTC, milliseconds, `Z` (not PostgreSQL's `+00:00`).
    expect(ind!.events[1].recordedAt).toBe('2026-01-02T10:00:00.000Z');
    expect(ind!.instruments['rome-statute'].stage).toBe('signed');
    // As of an earlier day, the later steps are not there yet.
    expect((await repo.one({ code: 'IND', asOf: '2020-12-31' }))!.events).toHaveLength(2);
    expect(JSON.parse((await repo.oneText({ code: 'IND', asOf: '2026-11-30' }))!)).toEqual(ind);
  });

  it('gives the stage of an implementation track on a date: the latest change, the last recorded on a day', async () => {
    await makeImplementationChange(db, { stateCode: 'GHA', track: 'crimes', stage: 'drafting', date: '2019-02-01' });
    await makeImplementationChange(db, {
      stateCode: 'GHA',
      track: 'crimes',
      stage: 'enacted',
      date: '2022-06-01',
      recordedAt: '2026-01-02T10:00:00Z',
    });
    await makeImplementationChange(db, {
      stateCode: 'GHA',
      track: 'crimes',
      stage: 'before-parliament',
      date: '2022-06-01',
      recordedAt: '2026-01-01T10:00:00Z',
    });
    const on = async (asOf: string) => (await repo.one({ code: 'GHA', asOf }))!.implementation.crimes;
    expect(await on('2019-01-31')).toBe('unknown');
    expect(await on('2020-01-01')).toBe('drafting');
    expect(await on('2022-06-01')).toBe('enacted');
    const history = (await repo.one({ code: 'GHA', asOf: '2026-11-30' }))!.implementationHistory;
    expect(history.map((c) => c.stage)).toEqual(['drafting', 'before-parliament', 'enacted']);
    expect(history.map((c) => c.recordedAt).slice(1)).toEqual(['2026-01-01T10:00:00.000Z', '2026-01-02T10:00:00.000Z']);
  });

  it('answers null for an unknown state', async () => {
    expect(await repo.one({ code: 'XYZ', asOf: '2020-01-01' })).toBeNull();
    expect(await repo.oneText({ code: 'XYZ', asOf: '2020-01-01' })).toBeNull();
    expect(await db.transaction((m) => repo.lockForWrite(m, 'XYZ'))).toBeNull();
    expect(await db.transaction((m) => repo.lockForWrite(m, 'KEN'))).toBe('africa');
  });
});
