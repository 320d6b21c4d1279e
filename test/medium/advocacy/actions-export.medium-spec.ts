import { DataSource } from 'typeorm';
import { ACTION_CSV_HEADER, ActionExportBatch, ActionsCsvService, ActionsRepository } from '@app/advocacy';
import { readCsv } from '@app/platform';
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

  /** The batches' text read back as a spreadsheet would, under the export's header, and each batch's size. */
  const all = async (batches: AsyncIterable<ActionExportBatch>) => {
    let text = `${ACTION_CSV_HEADER.join(',')}\r\n`;
    const sizes: number[] = [];
    for await (const batch of batches) {
      text += batch.csv;
      sizes.push(batch.rows);
    }
    return { rows: (await readCsv(text)).records.map((r) => r.fields), sizes, text };
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
    expect(rows[0]).toMatchObject({ stateCode: 'ISL', stateName: 'Iceland', region: 'europe', contactIds: '' });
    expect(rows[0].date).toBe('2024-05-01');
    expect(rows[0].createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('ends with an empty batch when the rows fill the last one exactly, and refuses a bad filter before reading', async () => {
    const { rows, sizes } = await all(exporter.exportBatches({ stateCode: 'ISL', from: '2024-01-01' }, 3));
    expect(rows).toHaveLength(3);
    expect(sizes).toEqual([3, 0]);
    expect(() => exporter.exportBatches({ from: '2024-02-30' })).toThrow(/from must be a real date/);
  });
});
