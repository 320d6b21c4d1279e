import { exportCell, importCell, readCsv } from './csv';
import { DomainError } from './errors/domain-error';

describe('readCsv', () => {
  it('gives each record the line it starts on, across blank lines and quoted line breaks', async () => {
    const text = '\uFEFFname,note\r\nAda,first\r\n\r\n"Bob","two\r\nlines"\r\nلينا,"say ""hi"""\r\n';
    const { header, records } = await readCsv(text);
    expect(header).toEqual(['name', 'note']);
    expect(records).toEqual([
      { line: 2, fields: { name: 'Ada', note: 'first' } },
      { line: 4, fields: { name: 'Bob', note: 'two\r\nlines' } },
      { line: 6, fields: { name: 'لينا', note: 'say "hi"' } },
    ]);
  });

  it('reads LF files, short rows and a last line without a line break', async () => {
    const { records } = await readCsv('a,b,c\n1,2\n  ,  \n3,4,5');
    expect(records).toEqual([
      { line: 2, fields: { a: '1', b: '2', c: '' } },
      { line: 4, fields: { a: '3', b: '4', c: '5' } },
    ]);
  });

  it('names the line of a quote left open', async () => {
    const error = await readCsv('a,b\n1,2\n"open,3\n4,5\n').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).message).toMatch(/^line 3: a quoted field is not closed/);
  });

  it('reads nothing from an empty text', async () => {
    expect(await readCsv('')).toEqual({ header: [], records: [] });
  });
});

describe('exportCell and importCell', () => {
  it.each(['=1+2', '+31 20', '-5', '@SUM(A1)', '\tx', '\rx'])('neutralise %p and give it back', (text) => {
    expect(exportCell(text)).toBe(`'${text}`);
    expect(importCell(exportCell(text))).toBe(text);
  });

  it('leave other text, lists and nothing as they are', () => {
    expect(exportCell('Ministry of Justice')).toBe('Ministry of Justice');
    expect(exportCell(["it's", 'b'])).toBe("it's;b");
    expect(exportCell(null)).toBe('');
    expect(importCell("'quoted'")).toBe("'quoted'");
  });
});
