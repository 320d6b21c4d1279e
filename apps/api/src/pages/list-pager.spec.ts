import { listUrl, MAX_TRAIL, pagerLinks, readTrail } from './list-pager';

const filters = { state: 'KEN', type: '', from: ' 2025-01-01 ' };
const query = (url: string | null) => Object.fromEntries(new URL(url!, 'http://x').searchParams);

describe('pages of a filtered list', () => {
  it('puts only the filters that are set in the address, trimmed', () => {
    expect(listUrl('/actions', filters)).toBe('/actions?state=KEN&from=2025-01-01');
    expect(listUrl('/actions', { state: '' })).toBe('/actions');
  });

  it('goes forward, back and back again to the first page, keeping the filters all the way', () => {
    const first = pagerLinks('/actions', filters, { trail: [] }, 'AAA');
    expect(first.previous).toBeNull();
    expect(first.newest).toBeNull();
    expect(query(first.next)).toEqual({ state: 'KEN', from: '2025-01-01', cursor: 'AAA', back: '0' });

    const second = pagerLinks('/actions', filters, { cursor: 'AAA', trail: readTrail('0') }, 'BBB');
    expect(query(second.next)).toEqual({ state: 'KEN', from: '2025-01-01', cursor: 'BBB', back: '0.AAA' });
    expect(second.previous).toBe('/actions?state=KEN&from=2025-01-01');

    const third = pagerLinks('/actions', filters, { cursor: 'BBB', trail: readTrail('0.AAA') }, null);
    expect(third.next).toBeNull();
    expect(query(third.previous)).toEqual({ state: 'KEN', from: '2025-01-01', cursor: 'AAA', back: '0' });
    expect(third.newest).toBe('/actions?state=KEN&from=2025-01-01');
  });

  it('keeps a bounded trail, and offers the newest page when the way back is not known', () => {
    const long = Array.from({ length: MAX_TRAIL + 5 }, (_, i) => `C${i}`).join('.');
    expect(readTrail(long)).toHaveLength(MAX_TRAIL);
    const lost = pagerLinks('/actions', {}, { cursor: 'AAA', trail: [] }, null);
    expect(lost).toEqual({ next: null, previous: null, newest: '/actions' });
  });

  it('ignores a trail that is not made of cursors', () => {
    expect(readTrail('0.AAA.<script>')).toEqual([]);
    expect(readTrail(['0', 'AAA'])).toEqual([]);
    expect(readTrail(undefined)).toEqual([]);
  });
});
