import { Client } from 'pg';

/**
 * Records the SQL statements the api sends, by watching the pg driver it uses in this process; the test's own
 * connection (`ours`) is left out. `restore()` puts the driver back.
 */
export function watchStatements(ours: Client): {
  during(work: () => Promise<unknown>): Promise<string[]>;
  restore(): void;
} {
  const original = Client.prototype.query;
  let seen: string[] | null = null;
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    if (seen && this !== ours) seen.push(String((args[0] as { text?: string })?.text ?? args[0]).slice(0, 80));
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof Client.prototype.query;
  return {
    async during(work) {
      seen = [];
      const statements = seen;
      try {
        await work();
      } finally {
        seen = null;
      }
      return statements;
    },
    restore() {
      Client.prototype.query = original;
    },
  };
}
