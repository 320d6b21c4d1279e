import { CsvError, parse } from 'csv-parse';
import { stringify } from 'csv-stringify';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { commonError } from './errors/domain-error';
import type { Page } from './pagination';

/** The largest CSV body an import takes: some 30,000 actions. */
export const CSV_BODY_LIMIT = 5 * 1_048_576;

/** One record of a CSV text: the line it starts on (the header is line 1) and its fields by the header's names. */
export interface CsvRecord {
  line: number;
  fields: Record<string, string>;
}

/**
 * Reads RFC 4180 CSV (quoted fields, doubled quotes, newlines inside quotes, CRLF or LF, a leading BOM) into its
 * header and records, each with the line it starts on; blank lines are skipped. A quote left open is a 400 naming
 * the line it opens on. The text is in memory already (the body limit bounds it); csv-parse reads it.
 */
export async function readCsv(text: string): Promise<{ header: string[]; records: CsvRecord[] }> {
  const bytes = Buffer.from(text.startsWith('\uFEFF') ? text.slice(1) : text, 'utf8');
  // csv-parse counts lines its own way (a quoted CRLF is two); the byte offset where each record ends is exact, so
  // lines are counted here from the text between one record's end and the next.
  const lines = new LineCounter(bytes);
  const rows: { line: number; cells: string[] }[] = [];
  await new Promise<void>((resolve, reject) =>
    parse(
      bytes,
      {
        skip_empty_lines: true,
        relax_column_count: true,
        relax_quotes: true,
        record_delimiter: ['\r\n', '\n'],
        on_record: (record: string[], context) => {
          const line = lines.recordFrom();
          lines.advanceTo(context.bytes);
          if (record.some((f) => f.trim() !== '')) rows.push({ line, cells: record });
          return null;
        },
      },
      (error) => (error ? reject(csvProblem(error, lines.recordFrom())) : resolve()),
    ),
  );
  if (rows.length === 0) return { header: [], records: [] };
  const [first, ...body] = rows;
  const header = first.cells.map((h) => h.trim());
  return {
    header,
    records: body.map((r) => ({
      line: r.line,
      fields: Object.fromEntries(header.map((h, i) => [h, r.cells[i] ?? ''])),
    })),
  };
}

const LF = 0x0a;
const CR = 0x0d;

/** Where the parser is in the text, as a byte offset and the line it is on. */
class LineCounter {
  private offset = 0;
  private line = 1;

  constructor(private readonly bytes: Buffer) {}

  /** The line the next record starts on: past the blank lines the parser skips. */
  recordFrom(): number {
    let i = this.offset;
    let line = this.line;
    for (;;) {
      if (this.bytes[i] === LF) i += 1;
      else if (this.bytes[i] === CR && this.bytes[i + 1] === LF) i += 2;
      else return line;
      line++;
    }
  }

  /** Moves past a record that ends (its delimiter included) at `end`. */
  advanceTo(end: number): void {
    for (let i = this.offset; i < end; i++) if (this.bytes[i] === LF) this.line++;
    this.offset = end;
  }
}

function csvProblem(error: Error, line: number): Error {
  if (error instanceof CsvError) {
    if (error.code === 'CSV_QUOTE_NOT_CLOSED')
      return commonError('bad-csv', `line ${line}: a quoted field is not closed`);
    return commonError('bad-csv', `line ${line}: ${error.message}`);
  }
  return error;
}

/** The records of a CSV text keyed by its header, without their lines. */
export async function parseCsv(text: string): Promise<Record<string, string>[]> {
  return (await readCsv(text)).records.map((r) => r.fields);
}

/** A cell as an export writes it: lists joined by ";", booleans as true/false, nothing as an empty cell. */
export type CsvCell = string | number | boolean | null | undefined | readonly string[];

/** A column of an export: its header and how a row gives its cell. */
export interface CsvColumn<T> {
  header: string;
  cell: (row: T) => CsvCell;
}

/** The characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"). */
export const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * The cell as text, neutralised: a leading apostrophe makes a spreadsheet show `=1+2` (or `-3`, `@x`) as the text it
 * is rather than run it. csv-stringify's `escape_formulas` does the same; it is done here so that every cell is
 * treated alike whatever its type, and so that importCell can undo exactly it.
 */
export function exportCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  const text = Array.isArray(value) ? value.join(';') : String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** An imported cell with an export's neutralising apostrophe taken off again (`'=x` back to `=x`). */
export function importCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/** The attachment's file name with the day it was taken: `actions-2026-12-01.csv`. */
export function csvFileName(name: string, on = new Date()): string {
  return `${name}-${on.toISOString().slice(0, 10)}.csv`;
}

/**
 * Sends rows as a CSV attachment (UTF-8 with a byte-order mark, so that Excel and LibreOffice read accents and
 * Arabic; a header row; CRLF line ends; formula-looking cells neutralised), streamed batch by batch: see sendCsvText.
 * Each batch goes out as one chunk (a write per row would cost a system call per row).
 */
export function sendCsv<T>(
  reply: FastifyReply,
  fileName: string,
  columns: readonly CsvColumn<T>[],
  batches: AsyncIterable<readonly T[]>,
): Promise<void> {
  const header = columns.map((c) => c.header);
  async function* texts(): AsyncGenerator<string> {
    for await (const rows of batches) {
      yield await csvText(
        rows.map((row) => columns.map((c) => exportCell(c.cell(row)))),
        header,
        false,
      );
    }
  }
  return sendCsvText(reply, fileName, header, texts());
}

/**
 * Sends CSV text as an attachment: the byte-order mark and the header row, then each chunk of rows as it comes
 * (already CSV, each row ending in CRLF: csv-stringify's for sendCsv, PostgreSQL's for the actions export). The
 * next chunk is asked for only once the client has taken the last, so memory stays flat however many rows there are.
 *
 * The first chunk is read before anything is sent, so that a bad filter is still a 400 rather than a broken
 * download. A failure after that can only end the connection (the status line is gone); it is logged.
 */
export async function sendCsvText(
  reply: FastifyReply,
  fileName: string,
  header: readonly string[],
  texts: AsyncIterable<string>,
): Promise<void> {
  const iterator = texts[Symbol.asyncIterator]();
  const first = await iterator.next();
  const head = await csvText([], [...header], true);
  async function* chunks(): AsyncGenerator<string> {
    let step = first;
    try {
      yield head;
      while (!step.done) {
        if (step.value.length > 0) yield step.value;
        step = await iterator.next();
      }
    } finally {
      // The client went away: let the source close what it holds.
      if (!step.done) await iterator.return?.();
    }
  }
  // One chunk waiting at most: the next is read when the socket has taken the last.
  const body = Readable.from(chunks(), { objectMode: false, highWaterMark: 1 });
  body.on('error', (error) => reply.log.warn({ err: error }, 'CSV export ended early'));
  await reply
    .status(200)
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .send(body);
}

/**
 * Records (cells exportCell has made) as CSV text by csv-stringify, each ending in CRLF; the first chunk of a file
 * starts with the byte-order mark and the header.
 */
export function csvText(records: string[][], header: string[], head: boolean): Promise<string> {
  return new Promise((resolve, reject) =>
    stringify(
      records,
      {
        bom: head,
        header: head,
        columns: header,
        record_delimiter: 'windows',
        // Line ends are CRLF, so a cell holding a bare LF or CR would not be quoted on its own; every reader treats
        // one as the end of a row.
        quoted_match: /[\r\n]/,
      },
      (error, output) => (error ? reject(error) : resolve(output)),
    ),
  );
}

/** Every page of a keyset-paginated list, one batch per page, until the list says there is no next page. */
export async function* pagesOf<T>(fetch: (cursor: string | undefined) => Promise<Page<T>>): AsyncGenerator<T[]> {
  let cursor: string | undefined;
  do {
    const page = await fetch(cursor);
    yield page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
}
