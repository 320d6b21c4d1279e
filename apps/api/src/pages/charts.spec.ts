import { renderStepChart, yearEnds } from './charts';

describe('parties over time', () => {
  const series = [
    { date: '1998-07-17', parties: 0 },
    { date: '2002-07-01', parties: 76 },
    { date: '2002-10-01', parties: 81 },
    { date: '2004-01-01', parties: 92 },
    { date: '2005-03-14', parties: 97 },
  ];

  it('gives the number at the end of each year from the first party, and today for the last', () => {
    expect(yearEnds(series)).toEqual([
      { date: '2002-12-31', parties: 81 },
      { date: '2003-12-31', parties: 81 },
      { date: '2004-12-31', parties: 92 },
      { date: '2005-03-14', parties: 97 },
    ]);
  });

  it('draws a step line titled and described for assistive technology, without inline style', () => {
    const svg = renderStepChart(series, { id: 'c', title: 'Parties' });
    expect(svg).toContain('aria-labelledby="c-title c-desc"');
    expect(svg).toContain('<desc id="c-desc">76 on 1 Jul 2002, 97 on 14 Mar 2005.');
    expect(svg).toMatch(/<path class="series-line" d="M[\d.]+,[\d.]+H[\d.]+V/);
    expect(svg).not.toContain('style=');
  });
});
