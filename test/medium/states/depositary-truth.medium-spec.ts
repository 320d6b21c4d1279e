import { DataSource } from 'typeorm';
import { ReferenceDataRepository } from '../../../libs/states/src/reference-data.repository';
import { ReferenceDataService } from '../../../libs/states/src/reference-data.service';
import { StatesRepository } from '../../../libs/states/src/states.repository';
import { INSTRUMENTS, PARTY_STAGES } from '../../../libs/states/src/treaty';
import { makeTreatyEvent } from '../../factories';
import { openTestDatabase } from '../../support/medium';

/** The reference data as the depositary keeps it, and the status the treaty rules derive from it. */
describe('treaty status from the depositary-checked reference data', () => {
  let db: DataSource;
  let repo: StatesRepository;
  beforeAll(async () => {
    db = await openTestDatabase();
    repo = new StatesRepository(db);
  });
  afterAll(() => db.destroy());

  const today = new Date().toISOString().slice(0, 10);
  const status = async (code: string, asOf = today) => (await repo.one({ code, asOf }))!;

  it('never counts Malaysia as a party: its 2019 accession was withdrawn before it took effect', async () => {
    expect((await status('MYS', '2019-03-10')).instruments['rome-statute'].stage).toBe('deposited');
    const now = await status('MYS');
    expect(now.instruments['rome-statute']).toMatchObject({ stage: 'none', depositedOn: null, inForceOn: null });
    expect(now.events.map((e) => e.type)).toEqual(['accession', 'deposit-withdrawn']);
    const series = await repo.partiesSeries({ instrument: 'rome-statute', from: '2019-01-01', to: '2019-12-31' });
    const malaysiaLess = await repo.list({ asOf: '2019-06-15', stage: PARTY_STAGES });
    expect(malaysiaLess.some((s) => s.code === 'MYS')).toBe(false);
    // 123 parties all year: no step up on 1 June 2019 when the accession would have taken effect.
    expect(new Set(series.map((p) => p.parties))).toEqual(new Set([123, 122]));
  });

  it('shows the United States at stage none, its 2000 signature kept and the 2002 notice dated', async () => {
    const usa = await status('USA');
    expect(usa.instruments['rome-statute']).toMatchObject({
      stage: 'none',
      signedOn: '2000-12-31',
      signatureWithdrawnOn: '2002-05-06',
    });
    expect(usa.events.map((e) => [e.type, e.date])).toEqual([
      ['signature', '2000-12-31'],
      ['signature-withdrawn', '2002-05-06'],
    ]);
    expect((await status('USA', '2001-06-30')).instruments['rome-statute']).toMatchObject({
      stage: 'signed',
      signatureWithdrawnOn: null,
    });
    for (const code of ['ISR', 'RUS', 'SDN']) {
      expect((await status(code)).instruments['rome-statute']).toMatchObject({
        stage: 'none',
        signedOn: expect.any(String),
        signatureWithdrawnOn: expect.any(String),
      });
    }
  });

  it('counts the parties of each amendment from the depositary rows: 45 to the 2010 article 8 amendment', async () => {
    const states = await repo.list({ asOf: today });
    const parties = (i: (typeof INSTRUMENTS)[number]) =>
      states.filter((s) => (PARTY_STAGES as readonly string[]).includes(s.instruments[i].stage)).length;
    expect(parties('amendment-art8-2010')).toBe(45);
    expect(parties('amendment-art8-2017-biological')).toBe(20);
    expect(parties('amendment-art8-2017-laser')).toBe(18);
    expect(parties('amendment-art8-2017-fragments')).toBe(0);
    expect(parties('amendment-art8-2019')).toBe(23);
  });

  it('says a status is not confirmed when an event behind it is only reported, and confirmed otherwise', async () => {
    const hungary = await status('HUN');
    expect(hungary.instruments['rome-statute'].confirmed).toBe(false);
    expect(hungary.events.find((e) => e.type === 'withdrawal-revoked')).toMatchObject({ confidence: 'reported' });
    expect((await status('AND')).instruments['amendment-art8-2010'].confirmed).toBe(true);
    // A state with no event at all has nothing unconfirmed.
    expect((await status('IND')).instruments.apic.confirmed).toBe(true);
    await makeTreatyEvent(db, { stateCode: 'IND', instrument: 'apic', type: 'signature', confidence: 'reported' });
    expect((await status('IND')).instruments.apic).toMatchObject({ stage: 'signed', confirmed: false });
    // As of before that event, nothing behind the stage is reported.
    expect((await status('IND', '2019-01-01')).instruments.apic.confirmed).toBe(true);
  });

  it('gives every state "unknown" implementing legislation until someone records a stage', async () => {
    expect((await status('KEN')).implementation).toEqual({ cooperation: 'unknown', crimes: 'unknown' });
  });

  it('names states as the UN does and still finds them by their everyday names', async () => {
    expect((await status('CIV')).name).toBe("Côte d'Ivoire");
    expect((await status('KOR')).name).toBe('Republic of Korea');
    expect((await status('VAT')).name).toBe('Holy See');
    const found = await repo.list({ asOf: today, q: 'South Korea' });
    expect(found.map((s) => s.code)).toEqual(['KOR']);
    expect((await repo.list({ asOf: today, q: 'Ivory Coast' })).map((s) => s.code)).toEqual(['CIV']);
  });

  it('puts no research shorthand in a source or note, and gives every depositary or official row a link', async () => {
    const rows: { source: string | null; note: string | null; source_url: string | null; confidence: string }[] =
      await db.query(
        `SELECT source, note, source_url, confidence FROM treaty_event WHERE recorded_by IS NULL AND reference_key IS NOT NULL`,
      );
    for (const r of rows) {
      expect(`${r.source} ${r.note}`).not.toMatch(/ABA15|A126|WP25|HANS02|COA34|DISAGREE|EMPTY|rs_[a-z]/);
      expect(r.source).toBeTruthy();
    }
    expect(rows.filter((r) => r.confidence !== 'reported' && !r.source_url)).toEqual([]);
  });
});

describe('loading a corrected reference file', () => {
  let db: DataSource;
  const service = new ReferenceDataService(new ReferenceDataRepository());
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.destroy());

  it('replaces an event whose type or date was corrected, updates sources, and leaves what users recorded', async () => {
    // As if an older file had loaded Albania's APIC deposit as a ratification with research shorthand.
    await db.query(`DELETE FROM reference_data_load WHERE name = 'treaty-events'`);
    await db.query(
      `INSERT INTO treaty_event (state_code, instrument, type, date, source, reference_key)
       VALUES ('ALB', 'apic', 'ratification', '2006-08-02', 'ABA15 A126', 'ALB:apic:ratification:2006-08-02')`,
    );
    await db.query(
      `UPDATE treaty_event SET source = 'ABA15 WP25' WHERE reference_key = 'USA:rome-statute:signature:2000-12-31'`,
    );
    const user = await makeTreatyEvent(db, {
      stateCode: 'ALB',
      instrument: 'amendment-art8-2019',
      type: 'acceptance',
      date: '2024-01-05',
    });

    await db.transaction((m) => service.load(m));

    const albania: { type: string; source: string }[] = await db.query(
      `SELECT type, source FROM treaty_event WHERE state_code = 'ALB' AND instrument = 'apic'`,
    );
    expect(albania).toEqual([{ type: 'accession', source: expect.stringContaining('MTDSG XVIII-13') }]);
    const [usa] = await db.query(
      `SELECT source FROM treaty_event WHERE reference_key = 'USA:rome-statute:signature:2000-12-31'`,
    );
    expect(usa.source).toContain('ABA ICC Project');
    expect(await db.query(`SELECT id FROM treaty_event WHERE id = $1`, [user.id])).toHaveLength(1);
    expect(await db.transaction((m) => service.load(m))).toEqual({ states: 0, events: 0 });
  });
});
