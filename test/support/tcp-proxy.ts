import { AddressInfo, createServer, Server, Socket, connect } from 'node:net';

/**
 * A TCP proxy in the test process in front of a real service, that can stop passing bytes on: the service then
 * looks, to its clients, as if it had stopped answering (connections stay open, replies never come). `resume`
 * passes on what was held, in order.
 */
export class TcpProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private held: [Socket, Buffer][] = [];
  private paused = false;
  port = 0;

  constructor(
    private readonly host: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<this> {
    this.server = createServer((client) => {
      const upstream = connect(this.targetPort, this.host);
      this.sockets.add(client).add(upstream);
      const forward = (to: Socket) => (data: Buffer) => {
        if (this.paused) this.held.push([to, data]);
        else to.write(data);
      };
      client.on('data', forward(upstream));
      upstream.on('data', forward(client));
      const close = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('close', close).on('error', close);
      upstream.on('close', close).on('error', close);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** Stops passing bytes on, in both directions. */
  pause(): void {
    this.paused = true;
  }

  /** Passes on what was held, then everything as it comes. */
  resume(): void {
    this.paused = false;
    for (const [to, data] of this.held.splice(0)) if (!to.destroyed) to.write(data);
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
