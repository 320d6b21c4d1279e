import type { CatalogueState } from './state-catalogue';
import { DepositType, EventType, Instrument, INSTRUMENTS, isSignable } from './treaty';

/**
 * Reading what the UN depositary publishes: the participants table of an instrument's status page (as the page
 * shows it, copied with tabs between columns, or as the MTDSG XML) and a depositary notification (C.N.). Pure
 * functions; a text they cannot read is refused with the line that stopped them.
 */

export class UnreadableText extends Error {}

const MONTHS: Record<string, string> = {
  jan: '01',
  feb: '02',
  mar: '03',
  apr: '04',
  may: '05',
  jun: '06',
  jul: '07',
  aug: '08',
  sep: '09',
  oct: '10',
  nov: '11',
  dec: '12',
};

/** The UN's marks after a deposit date: A acceptance, AA approval, a accession, d succession; none ratification. */
const DEPOSIT_MARKS: Record<string, DepositType> = { A: 'acceptance', AA: 'approval', a: 'accession', d: 'succession' };

/** "26 Sep 2013" (or "26 September 2013") as 2013-09-26, or null. */
export function unDate(text: string): string | null {
  const m = /^(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})$/.exec(text.trim());
  if (!m) return null;
  const month = MONTHS[m[2].toLowerCase()];
  const day = Number(m[1]);
  if (!month || day < 1 || day > 31) return null;
  const iso = `${m[3]}-${month}-${String(day).padStart(2, '0')}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  return parsed.toISOString().slice(0, 10) === iso ? iso : null;
}

export interface TableRow {
  line: number;
  /** The participant's name as the table writes it, footnote numbers removed. */
  name: string;
  signature: string | null;
  deposit: { type: DepositType; date: string } | null;
}

const clean = (s: string) =>
  s
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** "Netherlands (Kingdom of the)1" or "Austria 2, 3" → the name alone. */
const withoutFootnotes = (name: string) => clean(name).replace(/[\s,]*\d+(?:\s*,\s*\d+)*$/, '');

function cell(text: string, line: number, what: 'signature' | 'deposit'): { date: string; mark: string } | null {
  const value = clean(text);
  if (value === '') return null;
  const m = /^(.*?\d{4})\s*(AA|A|a|d)?$/.exec(value);
  const date = m ? unDate(m[1]) : null;
  if (!m || !date) {
    throw new UnreadableText(`line ${line}: "${value}" is not a ${what} date as the UN writes it (26 Sep 2013 A)`);
  }
  return { date, mark: m[2] ?? '' };
}

/**
 * The participants table, as shown or copied: one participant a line, columns separated by tabs. For an
 * instrument open for signature the columns are signature, then deposit; for an amendment, the deposit alone.
 * Lines without a tab are headings and notes, and are passed over, as is the header row.
 */
export function parseStatusTable(text: string, instrument: Instrument): TableRow[] {
  if (/^\s*</.test(text)) return parseMtdsgXml(text, instrument);
  const rows: TableRow[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (!raw.includes('\t')) return;
    const [first, ...columns] = raw.split('\t');
    if (/^\s*participant/i.test(first)) return;
    const row = tableRow(line, first, columns, instrument);
    if (row) rows.push(row);
  });
  if (rows.length === 0) {
    throw new UnreadableText('line 1: no participant found: paste the table with a tab between its columns');
  }
  return rows;
}

function tableRow(line: number, first: string, columns: string[], instrument: Instrument): TableRow | null {
  const name = withoutFootnotes(first);
  if (name === '') {
    if (columns.every((c) => clean(c) === '')) return null;
    throw new UnreadableText(`line ${line}: a row without a participant's name`);
  }
  const cells = columns.map((c) => clean(c));
  while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
  const signable = isSignable(instrument);
  if (cells.length > (signable ? 2 : 1)) {
    throw new UnreadableText(
      `line ${line}: ${cells.length} date columns after "${name}", expected ${signable ? 2 : 1}`,
    );
  }
  const signature = signable ? cell(cells[0] ?? '', line, 'signature') : null;
  if (signature?.mark) {
    throw new UnreadableText(`line ${line}: the signature date of "${name}" carries a deposit mark`);
  }
  const deposit = cell(cells[signable ? 1 : 0] ?? '', line, 'deposit');
  return {
    line,
    name,
    signature: signature?.date ?? null,
    deposit: deposit ? { type: DEPOSIT_MARKS[deposit.mark] ?? 'ratification', date: deposit.date } : null,
  };
}

const xmlText = (s: string) =>
  clean(
    s
      .replace(/<superscript>[\s\S]*?<\/superscript>/gi, '')
      .replace(/<sup>[\s\S]*?<\/sup>/gi, '')
      .replace(/<[^>]+>/g, '')
      .replace(/&amp;/g, '&')
      .replace(/&apos;|&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&nbsp;|&#160;/g, ' '),
  );

/** The MTDSG XML of a status page: each participant a <Row> of <Entry> cells (name, then dates). */
function parseMtdsgXml(text: string, instrument: Instrument): TableRow[] {
  const rows: TableRow[] = [];
  for (const m of text.matchAll(/<Row>([\s\S]*?)<\/Row>/gi)) {
    const line = text.slice(0, m.index).split('\n').length;
    const entries = [...m[1].matchAll(/<Entry[^>]*>([\s\S]*?)<\/Entry>|<Entry[^>]*\/>/gi)].map((e) =>
      xmlText(e[1] ?? ''),
    );
    if (entries.length === 0 || /^participant/i.test(entries[0])) continue;
    const row = tableRow(line, entries[0], entries.slice(1), instrument);
    if (row) rows.push(row);
  }
  if (rows.length === 0) throw new UnreadableText('line 1: no <Row> of participants found in the XML');
  return rows;
}

export interface Notification {
  reference: string;
  instrument: Instrument;
  stateName: string;
  type: EventType;
  date: string;
}

/** The UN records of each instrument: XVIII-10 is the Statute, XVIII-10-a… the amendments, XVIII-13 APIC. */
const RECORDS: Record<string, Instrument> = {
  '10': 'rome-statute',
  '13': 'apic',
  '10-a': 'amendment-art8-2010',
  '10-b': 'amendment-aggression',
  '10-d': 'amendment-art8-2017-biological',
  '10-e': 'amendment-art8-2017-fragments',
  '10-f': 'amendment-art8-2017-laser',
  '10-g': 'amendment-art8-2019',
};

/** What a notification says happened, most specific first. */
const ACTIONS: [RegExp, EventType][] = [
  [
    /withdrawal of (?:the |its )?notification of withdrawal|rescission of (?:the |its )?withdrawal|revocation of (?:the |its )?(?:notification of )?withdrawal/i,
    'withdrawal-revoked',
  ],
  [/withdrawal of (?:the |its )?instrument of (?:ratification|accession|acceptance|approval)/i, 'deposit-withdrawn'],
  [/(?:does not intend|not intend) to become a party/i, 'signature-withdrawn'],
  [/\bwithdrawal\b/i, 'withdrawal-notified'],
  [/\baccession\b/i, 'accession'],
  [/\bacceptance\b/i, 'acceptance'],
  [/\bapproval\b/i, 'approval'],
  [/\bsuccession\b/i, 'succession'],
  [/\bratification\b/i, 'ratification'],
];

/**
 * A depositary notification as published: "C.N.180.2026.TREATIES-XVIII.10 (Depositary Notification) … HUNGARY:
 * WITHDRAWAL … The action was effected on 2 June 2025." Reads the reference, the instrument (from the reference
 * or the title), the state (the word before the colon of the action line), the action and its date.
 */
export function parseNotification(text: string): Notification {
  const lines = text.split(/\r?\n/).map(clean);
  const at = (re: RegExp) => lines.findIndex((l) => re.test(l));
  const refLine = at(/C\.N\.\s*\d+\.\d{4}\.TREATIES/i);
  if (refLine < 0) throw new UnreadableText('line 1: no reference such as C.N.180.2026.TREATIES-XVIII.10');
  const ref = /C\.N\.\s*(\d+)\.(\d{4})\.TREATIES-?\s*([IVXL]+)\.(\d+(?:\.[a-g]|-[a-g])?)/i.exec(lines[refLine]);
  if (!ref) throw new UnreadableText(`line ${refLine + 1}: the reference could not be read`);
  const record = ref[4].replace('.', '-').toLowerCase();
  const reference = `C.N.${ref[1]}.${ref[2]}.TREATIES-${ref[3].toUpperCase()}.${ref[4]}`;
  let instrument: Instrument | undefined = ref[3].toUpperCase() === 'XVIII' ? RECORDS[record] : undefined;
  if (!instrument) {
    const titled = titleInstrument(text);
    if (!titled) throw new UnreadableText(`line ${refLine + 1}: ${reference} names no instrument the tracker follows`);
    instrument = titled;
  }
  if (!(INSTRUMENTS as readonly string[]).includes(instrument)) throw new UnreadableText(`unknown instrument`);
  const actionLine = at(/^[A-Z][A-Z' ().,-]+:\s*\S/);
  if (actionLine < 0) {
    throw new UnreadableText('line 1: no action line such as "HUNGARY: WITHDRAWAL" (the state in capitals, a colon)');
  }
  const [statePart, ...rest] = lines[actionLine].split(':');
  const actionText = rest.join(':');
  const type = ACTIONS.find(([re]) => re.test(actionText))?.[1];
  if (!type) throw new UnreadableText(`line ${actionLine + 1}: the action "${actionText.trim()}" could not be read`);
  const dateLine = at(/effected on|took effect on|deposited on|received on/i);
  const dateMatch =
    dateLine < 0
      ? null
      : /(?:effected|took effect|deposited|received) on\s+(\d{1,2}\s+[A-Za-z]+\s+\d{4})/i.exec(lines[dateLine]);
  const date = dateMatch ? unDate(dateMatch[1]) : null;
  if (!date) {
    throw new UnreadableText(
      `line ${dateLine < 0 ? lines.length : dateLine + 1}: no date such as "The action was effected on 2 June 2025"`,
    );
  }
  return { reference, instrument, stateName: clean(statePart), type, date };
}

function titleInstrument(text: string): Instrument | null {
  if (/privileges and immunities of the international criminal court/i.test(text)) return 'apic';
  if (/crime of aggression/i.test(text)) return 'amendment-aggression';
  if (/rome statute of the international criminal court/i.test(text) && !/amendment/i.test(text)) return 'rome-statute';
  return null;
}

/** Spellings the UN uses, or used, that are neither a state's UN short name nor its everyday name. */
const OTHER_SPELLINGS: Record<string, string> = {
  'czech republic': 'CZE',
  'the former yugoslav republic of macedonia': 'MKD',
  swaziland: 'SWZ',
  turkey: 'TUR',
  'cape verde': 'CPV',
  'netherlands, the kingdom of the': 'NLD',
  'gambia (republic of the)': 'GMB',
  'the gambia': 'GMB',
  'united states': 'USA',
};

const key = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’`]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

/** Finds a state by a name as the depositary writes it; null when the name is not known (never a guess). */
export function stateMatcher(states: readonly CatalogueState[]): (name: string) => string | null {
  const byName = new Map<string, string>(Object.entries(OTHER_SPELLINGS));
  for (const s of states) {
    for (const n of [s.nameEn, s.commonName]) if (n) byName.set(key(n), s.code);
  }
  return (name) => byName.get(key(name)) ?? null;
}
