/** A value loaded on first use and again once it is older than `ttlMs`; a failed load is not kept. */
export class Expiring<T> {
  private current?: { loadedAt: number; value: Promise<T> };

  constructor(
    private readonly ttlMs: number,
    private readonly load: () => Promise<T>,
  ) {}

  get(): Promise<T> {
    const now = Date.now();
    if (!this.current || now - this.current.loadedAt > this.ttlMs) {
      const value = this.load();
      this.current = { loadedAt: now, value };
      value.catch(() => {
        if (this.current?.value === value) this.current = undefined;
      });
    }
    return this.current.value;
  }
}
