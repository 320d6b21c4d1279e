import { Slots } from './slots';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Slots', () => {
  it('runs at most its size at once, the rest in the order they came, and every task to its end', async () => {
    const slots = new Slots(2);
    let now = 0;
    let most = 0;
    const started: number[] = [];
    const finish: (() => void)[] = [];
    const tasks = [0, 1, 2, 3, 4].map((i) =>
      slots.run(async () => {
        started.push(i);
        most = Math.max(most, ++now);
        await new Promise<void>((resolve) => finish.push(resolve));
        now--;
        return i;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    while (finish.length) {
      finish.shift()!();
      await tick();
      await tick();
    }
    expect(await Promise.all(tasks)).toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
  });

  it('frees the slot of a task that failed', async () => {
    const slots = new Slots(1);
    await expect(slots.run(() => Promise.reject(new Error('no')))).rejects.toThrow('no');
    await expect(slots.run(() => Promise.resolve('next'))).resolves.toBe('next');
  });
});
