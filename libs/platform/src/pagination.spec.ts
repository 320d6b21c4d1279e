import { decodeCursor, encodeCursor } from './pagination';

const cursorOf = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');

describe('decodeCursor', () => {
  it('gives back the key of a cursor this server issued', () => {
    const id = '6f1c2a58-2b8e-4f3e-9a57-0c1d2e3f4a5b';
    expect(decodeCursor(encodeCursor(['2026-03-01 09:30:00.123456+00', id]), ['pg-instant', 'uuid'])).toEqual([
      '2026-03-01 09:30:00.123456+00',
      id,
    ]);
    expect(decodeCursor(encodeCursor(['2025-05-05', id]), ['date', 'uuid'])).toEqual(['2025-05-05', id]);
    expect(decodeCursor(encodeCursor(['123']), ['bigint'])).toEqual(['123']);
    expect(decodeCursor(encodeCursor(['ann@example.org']), ['text'])).toEqual(['ann@example.org']);
  });

  it.each([
    ['not base64 JSON', 'garbage'],
    ['strings where an instant and an id belong', cursorOf(['x', 'y'])],
    ['numbers', cursorOf([1, 2])],
    ['nested values', cursorOf([['2026-03-01 09:30:00+00'], {}])],
    ['too few parts', cursorOf(['2026-03-01 09:30:00+00'])],
    ['an object', cursorOf({ at: '2026-03-01 09:30:00+00', id: 'x' })],
    ['a day that does not exist', cursorOf(['2027-02-30 09:00:00+00', '6f1c2a58-2b8e-4f3e-9a57-0c1d2e3f4a5b'])],
    ['hour 25', cursorOf(['2026-03-01 25:00:00+00', '6f1c2a58-2b8e-4f3e-9a57-0c1d2e3f4a5b'])],
    ['offset +99', cursorOf(['2026-03-01 09:00:00+99', '6f1c2a58-2b8e-4f3e-9a57-0c1d2e3f4a5b'])],
    ['null', cursorOf(null)],
  ])('refuses %s', (_what, cursor) => {
    expect(() => decodeCursor(cursor, ['pg-instant', 'uuid'])).toThrow('cursor is not one this server issued');
  });

  it('refuses text PostgreSQL cannot take, and ids or dates that are not', () => {
    expect(() => decodeCursor(cursorOf(['a\u0000b']), ['text'])).toThrow('cursor is not one');
    expect(() => decodeCursor(cursorOf(['x\ud800']), ['text'])).toThrow('cursor is not one');
    expect(() => decodeCursor(cursorOf(['x'.repeat(501)]), ['text'])).toThrow('cursor is not one');
    expect(() => decodeCursor(cursorOf(['99999999999999999999']), ['bigint'])).toThrow('cursor is not one');
    expect(() => decodeCursor(cursorOf(['2025-02-29', 'y']), ['date', 'uuid'])).toThrow('cursor is not one');
  });
});
