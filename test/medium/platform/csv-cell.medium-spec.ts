import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { csvCellSql, csvText, exportCell, readCsv } from '@app/platform';
import { openTestDatabase } from '../../support/medium';

/**
 * The actions export is written by PostgreSQL (csvCellSql), the other exports by csv-stringify (sendCsv): a cell must
 * come out of both byte for byte alike, and read back as the text exportCell neutralised.
 */
describe('csvCellSql', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.destroy());

  /** Each value's cell as PostgreSQL writes it, in one statement. */
  const cellsOf = async (values: (string | null)[]): Promise<string[]> => {
    const rows: { cell: string }[] = await db.query(
      `SELECT ${csvCellSql('v')} AS cell FROM unnest($1::text[]) WITH ORDINALITY AS x(v, n) ORDER BY n`,
      [values],
    );
    return rows.map((r) => r.cell);
  };

  it('writes the cells a spreadsheet user meets as csv-stringify does', async () => {
    const values = [
      null,
      '',
      'plain',
      '=HYPERLINK("http://evil.example")',
      '+1',
      '-3',
      '@SUM(A1)',
      '\tindented',
      '\rreturn',
      'two\nlines',
      'a, b',
      'say "yes"',
      "'=already",
      'Côte d’Ivoire',
      'اجتماع مع وزير العدل',
      'a-b=c',
    ];
    const cells = await cellsOf(values);
    for (const [i, value] of values.entries()) {
      expect([value, `${cells[i]}\r\n`]).toEqual([value, await csvText([[exportCell(value)]], ['x'], false)]);
    }
    expect(cells[0]).toBe('');
    expect(cells[3]).toBe(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(cells[5]).toBe(`'-3`);
    expect(cells[9]).toBe('"two\nlines"');
  });

  it('agrees with csv-stringify and reads back as exportCell neutralised it, for any text', async () => {
    const char = fc.constantFrom(...'=+-@\t\r\n",\' a;بé'.split(''));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: char, maxLength: 8 }), { minLength: 1, maxLength: 40 }),
        async (values) => {
          const cells = await cellsOf(values);
          const expected = await csvText(
            values.map((v) => [exportCell(v)]),
            ['x'],
            false,
          );
          expect(cells.map((c) => `${c}\r\n`).join('')).toBe(expected);
          const back = await readCsv(`x\r\n${cells.map((c) => `${c}\r\n`).join('')}`);
          // Blank rows are skipped when read back; every other cell comes back as it was written.
          expect(back.records.map((r) => r.fields.x)).toEqual(
            values.map((v) => exportCell(v)).filter((v) => v.trim() !== ''),
          );
        },
      ),
      { numRuns: 150 },
    );
  });
});
