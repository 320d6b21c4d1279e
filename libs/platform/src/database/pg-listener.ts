import { Logger } from '@nestjs/common';
import { Client } from 'pg';

/**
 * Keeps one connection LISTENing on a PostgreSQL channel, reconnecting with backoff. `ready` is false
 * whenever notifications might be missed, so callers can fall back to asking the database directly.
 */
export class PgListener {
  private readonly logger = new Logger(PgListener.name);
  private client?: Client;
  private stopped = false;
  private retryMs = 500;
  ready = false;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    /** Called on every notification, and after each (re)connection since notifications may have been missed. */
    private readonly onChange: () => void,
  ) {}

  start(): void {
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.ready = false;
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.url, application_name: `listen:${this.channel}` });
    this.client = client;
    const lost = (err?: Error) => {
      if (this.client !== client) return;
      this.ready = false;
      this.client = undefined;
      client.removeAllListeners();
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      this.logger.warn(`lost LISTEN ${this.channel} (${err?.message ?? 'closed'}); reconnecting in ${this.retryMs} ms`);
      setTimeout(() => void this.connect(), this.retryMs).unref();
      // At most 5 s between tries: after an outage the caches trust NOTIFY again within seconds, at the cost of one
      // connection attempt every 5 s while PostgreSQL is away.
      this.retryMs = Math.min(this.retryMs * 2, 5_000);
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', () => this.onChange());
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
      this.retryMs = 500;
      this.ready = true;
      this.onChange();
    } catch (err) {
      lost(err as Error);
    }
  }
}
