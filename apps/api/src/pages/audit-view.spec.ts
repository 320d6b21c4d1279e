import { fieldChanges, recordPage } from './audit-view';

describe("a record's history", () => {
  it('lists for a change only the fields whose value differs, as a person reads them', () => {
    expect(
      fieldChanges({
        action: 'update',
        before: { id: 'x', role: 'viewer', regions: [], active: true, name: 'Ana' },
        after: { id: 'x', role: 'regional-officer', regions: ['africa', 'europe'], active: true, name: 'Ana' },
      }),
    ).toEqual([
      { field: 'role', before: 'viewer', after: 'regional-officer' },
      { field: 'regions', before: '—', after: 'africa, europe' },
    ]);
  });

  it('lists every field of a creation with nothing before, and names the person a field holds', () => {
    expect(
      fieldChanges({
        action: 'create',
        before: null,
        after: { id: 'x', type: 'signature', recordedBy: { id: 'u', name: 'Amina' }, note: null },
      }),
    ).toEqual([
      { field: 'type', before: null, after: 'signature' },
      { field: 'recordedBy', before: null, after: 'Amina' },
      { field: 'note', before: null, after: '—' },
    ]);
  });

  it("links back to the record's page, a treaty event to its state's", () => {
    const entry = {
      id: '1',
      at: '2026-01-01T00:00:00Z',
      actor: null,
      entity: 'treaty-event' as const,
      entityId: 'e',
      action: 'create' as const,
      before: null,
      after: { stateCode: 'KEN' },
      requestId: null,
    };
    expect(recordPage('treaty-event', 'e', [entry])).toBe('/states/KEN');
    expect(recordPage('campaign', 'c1', [])).toBe('/campaigns/c1');
    expect(recordPage('treaty-event', 'e', [])).toBeNull();
    expect(recordPage('action', 'a1', [entry])).toBe('/actions/a1');
    expect(recordPage('follow-up', 'f1', [entry])).toBe('/follow-ups/f1');
  });
});
