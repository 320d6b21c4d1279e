import { validate } from 'class-validator';
import { noticeOf } from '../pages/page-context';
import { IsInstrument } from './validation';

class Body {
  @IsInstrument()
  instrument!: string;
}

const messages = async (instrument: unknown) => {
  const body = Object.assign(new Body(), { instrument });
  return (await validate(body)).flatMap((e) => Object.values(e.constraints ?? {}));
};

describe('instrument validation', () => {
  it('names the three instruments that replaced a retired code', async () => {
    await expect(messages('amendment-art8-2017')).resolves.toEqual([
      expect.stringContaining('amendment-art8-2017-biological'),
    ]);
  });

  it('refuses names of Object.prototype as unknown instruments rather than failing', async () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      await expect(messages(name)).resolves.toEqual([expect.stringMatching(/^instrument must be one of rome-statute/)]);
    }
  });
});

describe('confirmation notices', () => {
  const notices = { saved: 'Saved.' };
  it('come from the page table only', () => {
    expect(noticeOf(notices, 'saved')).toBe('Saved.');
    expect(noticeOf(notices, '__proto__')).toBeUndefined();
    expect(noticeOf(notices, 'constructor')).toBeUndefined();
    expect(noticeOf(notices, undefined)).toBeUndefined();
  });
});
