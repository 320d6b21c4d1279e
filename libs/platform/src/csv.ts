import { commonError } from './errors/domain-error';

/** One record of a CSV text: the line it starts on (the header is line 1) and its fields by the header's names. */
export interface CsvRecord {
  line: number;
  fields: Record<string, string>;
}

/**
 * Reads RFC 4180 CSV (quoted fields, doubled quotes, newlines inside quotes, CRLF or LF, a leading BOM) into its
 * header and records, each with the line it starts on; blank lines are skipped. A quote left open is a 400 naming
 * its line. Written here because no CSV library is among the dependencies; the whole text is in memory (the API's
 * body limit bounds it), so a streaming parser (csv-parse) would be the replacement if imports grow.
 */
export function readCsv(text: string): { header: string[]; records: CsvRecord[] } {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let quoteLine = 1;
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (c === '\n') line++;
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') {
      quoted = true;
      quoteLine = line;
    } else if (c === ',') {
      cells.push(field);
      field = '';
    } else if (c === '\n') {
      rows.push({ line: rowLine, cells: [...cells, field] });
      cells = [];
      field = '';
      rowLine = line;
    } else if (c !== '\r') field += c;
  }
  if (quoted) throw commonError('bad-csv', `line ${quoteLine}: a quoted field is not closed`);
  if (field !== '' || cells.length > 0) rows.push({ line: rowLine, cells: [...cells, field] });
  const kept = rows.filter((r) => r.cells.some((f) => f.trim() !== ''));
  if (kept.length === 0) return { header: [], records: [] };
  const [first, ...body] = kept;
  const header = first.cells.map((h) => h.trim());
  return {
    header,
    records: body.map((r) => ({
      line: r.line,
      fields: Object.fromEntries(header.map((h, i) => [h, r.cells[i] ?? ''])),
    })),
  };
}

/** The records of a CSV text keyed by its header, without their lines. */
export function parseCsv(text: string): Record<string, string>[] {
  return readCsv(text).records.map((r) => r.fields);
}
