/**
 * At most `size` of the tasks given run at once; the others wait their turn, first come first served. Bounds the
 * expensive reads of a process so that a burst of them cannot take every database connection from the others.
 */
export class Slots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running < this.size) this.running++;
    // A slot freed while others wait passes straight to the first of them, so `running` never exceeds `size`.
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
