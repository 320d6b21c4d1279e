import { parseNotification, parseStatusTable, stateMatcher, UnreadableText } from './depositary-text';
import { stateCatalogue } from './state-catalogue';

describe('parseStatusTable: the participants table as the UN shows it', () => {
  it('reads signature and deposit columns with the UN marks, and drops footnote numbers after names', () => {
    const text = [
      'Participant\tSignature\tRatification, Acceptance(A), Approval(AA), Accession(a), Succession(d)',
      'Afghanistan\t\t10 Feb 2003 a',
      'Netherlands (Kingdom of the)1\t18 Jul 1998\t17 Jul 2001 A',
      'Austria 2, 3\t7 Oct 1998\t28 Dec 2000',
      'Montenegro\t\t3 Jun 2006 d',
      'Portugal\t7 Oct 1998\t5 Feb 2002 AA',
      'Ukraine\t20 Jan 2000\t',
      'Notes without a tab are passed over: 1 For the Kingdom in Europe, 12 Mar 2015.',
    ].join('\n');
    expect(parseStatusTable(text, 'rome-statute')).toEqual([
      { line: 2, name: 'Afghanistan', signature: null, deposit: { type: 'accession', date: '2003-02-10' } },
      {
        line: 3,
        name: 'Netherlands (Kingdom of the)',
        signature: '1998-07-18',
        deposit: { type: 'acceptance', date: '2001-07-17' },
      },
      { line: 4, name: 'Austria', signature: '1998-10-07', deposit: { type: 'ratification', date: '2000-12-28' } },
      { line: 5, name: 'Montenegro', signature: null, deposit: { type: 'succession', date: '2006-06-03' } },
      { line: 6, name: 'Portugal', signature: '1998-10-07', deposit: { type: 'approval', date: '2002-02-05' } },
      { line: 7, name: 'Ukraine', signature: '2000-01-20', deposit: null },
    ]);
  });

  it('reads an amendment table, where the one column is the deposit', () => {
    expect(parseStatusTable('Andorra\u00a0\t26\u00a0Sep\u00a02013\u00a0A', 'amendment-art8-2010')).toEqual([
      { line: 1, name: 'Andorra', signature: null, deposit: { type: 'acceptance', date: '2013-09-26' } },
    ]);
  });

  it('reads the MTDSG XML of a status page', () => {
    const xml = `<?xml version="1.0"?><Treaty><Participants><Table><TGroup><Thead><Row><Entry>Participant</Entry><Entry>Acceptance(A), Ratification</Entry></Row></Thead>
      <Tbody><Rows><Row><Entry>Netherlands (Kingdom of the)<superscript>1</superscript></Entry><Entry>23 Sep 2016 A</Entry></Row>
      <Row><Entry>Côte d&apos;Ivoire</Entry><Entry>1 Feb 2020</Entry></Row></Rows></Tbody></TGroup></Table></Participants></Treaty>`;
    expect(parseStatusTable(xml, 'amendment-art8-2010').map((r) => [r.name, r.deposit])).toEqual([
      ['Netherlands (Kingdom of the)', { type: 'acceptance', date: '2016-09-23' }],
      ["Côte d'Ivoire", { type: 'ratification', date: '2020-02-01' }],
    ]);
  });

  it('names the line it cannot read', () => {
    expect(() => parseStatusTable('Participant\tRatification\nAndorra\t31 Feb 2013', 'amendment-art8-2010')).toThrow(
      new UnreadableText('line 2: "31 Feb 2013" is not a deposit date as the UN writes it (26 Sep 2013 A)'),
    );
    expect(() => parseStatusTable('just words', 'apic')).toThrow(/line 1: no participant found/);
  });
});

describe('parseNotification: a depositary notification (C.N.)', () => {
  it('reads the reference, instrument, state, action and date', () => {
    const text = `C.N.180.2026.TREATIES-XVIII.10 (Depositary Notification)
ROME STATUTE OF THE INTERNATIONAL CRIMINAL COURT
HUNGARY: WITHDRAWAL OF NOTIFICATION OF WITHDRAWAL
The action was effected on 29 May 2026.`;
    expect(parseNotification(text)).toEqual({
      reference: 'C.N.180.2026.TREATIES-XVIII.10',
      instrument: 'rome-statute',
      stateName: 'HUNGARY',
      type: 'withdrawal-revoked',
      date: '2026-05-29',
    });
  });

  it('takes the amendment from the reference', () => {
    const text = `C.N.12.2024.TREATIES-XVIII.10.d\nLITHUANIA: RATIFICATION\nThe action was effected on 25 June 2024.`;
    expect(parseNotification(text)).toMatchObject({
      instrument: 'amendment-art8-2017-biological',
      type: 'ratification',
    });
  });
});

describe('stateMatcher: names as the depositary writes them', () => {
  const match = stateMatcher(stateCatalogue());
  it('knows UN short names, everyday names and older UN spellings, and guesses nothing', () => {
    expect(match('Netherlands (Kingdom of the)')).toBe('NLD');
    expect(match("Côte d'Ivoire")).toBe('CIV');
    expect(match('Cote d’Ivoire')).toBe('CIV');
    expect(match('Czech Republic')).toBe('CZE');
    expect(match('SOUTH KOREA')).toBe('KOR');
    expect(match('Korea')).toBeNull();
  });
});
