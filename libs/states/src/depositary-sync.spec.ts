import { depositarySyncSources } from './depositary.service';

describe('depositarySyncSources', () => {
  it('defaults to the UN MTDSG XML page of every instrument, by its UN reference', () => {
    const sources = depositarySyncSources([]);
    expect(sources).toHaveLength(8);
    expect(sources).toContainEqual({
      instrument: 'amendment-art8-2010',
      url: 'https://treaties.un.org/doc/Publication/MTDSG/Volume%20II/Chapter%20XVIII/XVIII-10-a.en.xml',
    });
    expect(sources).toContainEqual({
      instrument: 'apic',
      url: 'https://treaties.un.org/doc/Publication/MTDSG/Volume%20II/Chapter%20XVIII/XVIII-13.en.xml',
    });
  });

  it('keeps the pages given, and refuses an instrument the tracker does not know, naming it', () => {
    expect(depositarySyncSources([{ instrument: 'apic', url: 'http://mirror.example/a' }])).toEqual([
      { instrument: 'apic', url: 'http://mirror.example/a' },
    ]);
    expect(() => depositarySyncSources([{ instrument: 'amendment-2030', url: 'http://x.example/' }])).toThrow(
      'DEPOSITARY_SYNC_URLS names "amendment-2030", which is not an instrument',
    );
  });
});
