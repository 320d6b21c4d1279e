import { DataSource } from 'typeorm';
import { ActionExportRow, ActionsCsvService, ActionsRepository } from '@app/advocacy';
import { makeAction } from '../../factories';
import { openTestDatabase } from '../../support/medium';

describe('ActionsCsvService.exportBatches', () => {
  let db: DataSource;
  let exporter: ActionsCsvService;
  beforeAll(async () => {
    db = await openTestDatabase();
    // The export reads through the repository alone; the import's collaborators are not used here.
    exporter = new ActionsCsvService(
      db,
      new ActionsRepository(db),
      null as never,
      null as never,
      null as never,
      null as never,
    );
  });
  afterAll(() => db.destroy());

  const all = async (batches: AsyncIterable<ActionExportRow[]>) => {
    const rows: ActionExportRow[] = [];
    const sizes: number[] = [];
    for await (const batch of batches) {
      rows.push(...batch);
      sizes.push(batch.length);
    }
    return { rows, sizes };
  };

  it('walks every live action of the filter once, newest first, across batches that split a day', async () => {
    const dates = ['2024-05-01', '2024-05-01', '2024-05-01', '2023-01-10', '2022-12-31', '2022-12-31', '2021-06-06'];
    const made = [];
    for (const date of dates) made.push(await makeAction(db, { stateCode: 'ISL', date }));
    await makeAction(db, { stateCode: 'ISL', date: '2023-01-10', deleted: true });
    await makeAction(db, { stateCode: 'NOR', date: '2024-05-01' });

    const { rows, sizes } = await all(exporter.exportBatches({ stateCode: 'isl' }, 2));
    const expected = [...made].sort((a, b) => (a.date === b.date ? (a.id < b.id ? 1 : -1) : a.date < b.date ? 1 : -1));
    expect(rows.map((r) => r.id)).toEqual(expected.map((a) => a.id));
    expect(sizes).toEqual([2, 2, 2, 1]);
    expect(rows[0]).toMatchObject({ stateCode: 'ISL', stateName: 'Iceland', region: 'europe', contactIds: null });
  });

  it('ends with an empty batch when the rows fill the last one exactly, and refuses a bad filter before reading', async () => {
    const { rows, sizes } = await all(exporter.exportBatches({ stateCode: 'ISL', from: '2024-01-01' }, 3));
    expect(rows).toHaveLength(3);
    expect(sizes).toEqual([3, 0]);
    expect(() => exporter.exportBatches({ from: '2024-02-30' })).toThrow(/from must be a real date/);
  });
});
