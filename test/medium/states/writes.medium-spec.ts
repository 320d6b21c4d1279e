import { DataSource } from 'typeorm';
import { ImplementationRepository } from '../../../libs/states/src/implementation.repository';
import { StatusCountsRepository } from '../../../libs/states/src/status-counts.repository';
import { TreatyEventsRepository } from '../../../libs/states/src/treaty-events.repository';
import { makeUser } from '../../factories';
import { openTestDatabase } from '../../support/medium';

describe('TreatyEventsRepository and ImplementationRepository', () => {
  let db: DataSource;
  const events = new TreatyEventsRepository();
  const implementation = new ImplementationRepository();
  let counts: StatusCountsRepository;
  beforeAll(async () => {
    db = await openTestDatabase();
    counts = new StatusCountsRepository(db);
  });
  afterAll(() => db.destroy());

  it('writes a treaty event and returns it as the api answers it; the history then holds it', async () => {
    const user = await makeUser(db);
    const written = await db.transaction((m) =>
      events.insert(m, {
        stateCode: 'IND',
        instrument: 'rome-statute',
        type: 'signature',
        date: '2024-02-02',
        source: 'C.N.1.2024',
        sourceUrl: null,
        reference: 'C.N.1.2024.TREATIES-XVIII.10',
        confidence: 'depositary',
        note: null,
        recordedBy: user.id,
      }),
    );
    expect(Object.keys(written)).toEqual([
      'id',
      'stateCode',
      'instrument',
      'type',
      'date',
      'source',
      'sourceUrl',
      'reference',
      'confidence',
      'note',
      'recordedAt',
    ]);
    expect(written).toMatchObject({ stateCode: 'IND', type: 'signature', date: '2024-02-02', source: 'C.N.1.2024' });
    expect(written.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(await events.history(db, { stateCode: 'IND', instrument: 'rome-statute' })).toEqual([
      { type: 'signature', date: '2024-02-02' },
    ]);
  });

  it('records an implementation change as a new row: the counts move from unknown to the new stage', async () => {
    const user = await makeUser(db);
    const before = await counts.implementationCounts({ asOf: '2026-11-30', region: 'europe' });
    const dayBefore = await counts.implementationCounts({ asOf: '2025-05-04', region: 'europe' });
    const at = (rows: typeof before, stage: string) =>
      rows.find((r) => r.track === 'cooperation' && r.stage === stage)?.states ?? 0;
    const written = await db.transaction((m) =>
      implementation.insert(m, {
        stateCode: 'NOR',
        track: 'cooperation',
        stage: 'before-parliament',
        date: '2025-05-05',
        note: 'Bill tabled',
        reference: 'Prop. 12 L',
        recordedBy: user.id,
      }),
    );
    expect(written).toMatchObject({ stateCode: 'NOR', track: 'cooperation', stage: 'before-parliament' });
    expect(written.date).toBe('2025-05-05');
    const after = await counts.implementationCounts({ asOf: '2026-11-30', region: 'europe' });
    expect(at(after, 'before-parliament')).toBe(at(before, 'before-parliament') + 1);
    expect(at(after, 'unknown')).toBe(at(before, 'unknown') - 1);
    // Not yet on the day before.
    expect(await counts.implementationCounts({ asOf: '2025-05-04', region: 'europe' })).toEqual(dayBefore);
    const recent = await counts.recentChanges({ asOf: '2026-11-30', code: 'NOR', limit: 1 });
    expect(recent.map((c) => [c.kind, c.stage, c.source])).toEqual([
      ['implementation', 'before-parliament', 'Prop. 12 L'],
    ]);
  });
});
