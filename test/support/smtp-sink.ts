import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  to: string[];
  subject: string;
  messageId: string;
  raw: string;
  /** The raw message with quoted-printable soft line breaks and escapes undone, for searching text. */
  body: string;
  receivedAt: number;
}

/** A real SMTP server in the test process that keeps every message it accepts. */
export class SmtpSink {
  readonly mails: CapturedMail[] = [];
  readonly connectionErrors: string[] = [];
  private server?: SMTPServer;
  port = 0;

  async start(port = 0): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const header = (name: string) =>
            new RegExp(`^${name}: (.*(?:\\r?\\n[ \\t].*)*)`, 'mi').exec(raw)?.[1].replace(/\r?\n[ \t]/g, ' ') ?? '';
          this.mails.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: decodeHeader(header('Subject')),
            messageId: header('Message-ID'),
            raw,
            body: raw
              .replace(/=\r?\n/g, '')
              .replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
            receivedAt: Date.now(),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    // A client that dies mid-session (a killed worker) resets its connection; a mail server carries on.
    this.server.on('error', (err: Error) => this.connectionErrors.push(err.message));
    this.port = (this.server as unknown as { server: { address(): AddressInfo } }).server.address().port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  to(address: string): CapturedMail[] {
    return this.mails.filter((m) => m.to.includes(address));
  }

  /** Waits (bounded poll) until `predicate` holds for the captured mail. */
  async waitFor(predicate: (mails: CapturedMail[]) => boolean, ms = 20_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!predicate(this.mails)) {
      if (Date.now() > deadline)
        throw new Error(`mail condition not met within ${ms} ms; have ${this.mails.length} mail(s)`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * The decoded parts of a captured message by content type (`text/plain`, `text/html`): quoted-printable and
 * base64 bodies turned back into UTF-8 text.
 */
export function mimeParts(raw: string): Record<string, string> {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
  if (!boundary) throw new Error('not a multipart message');
  const parts: Record<string, string> = {};
  for (const segment of raw.split(`--${boundary}`).slice(1)) {
    const split = /\r?\n\r?\n/.exec(segment);
    if (!split) continue;
    const head = segment.slice(0, split.index);
    const body = segment.slice(split.index + split[0].length).replace(/\r?\n$/, '');
    const type = /Content-Type:\s*([\w/+-]+)/i.exec(head)?.[1].toLowerCase();
    if (!type) continue;
    const encoding = /Content-Transfer-Encoding:\s*([\w-]+)/i.exec(head)?.[1].toLowerCase();
    const bytes =
      encoding === 'base64'
        ? Buffer.from(body.replace(/\s+/g, ''), 'base64')
        : encoding === 'quoted-printable'
          ? decodeQuotedPrintable(body)
          : Buffer.from(body, 'utf8');
    parts[type] = bytes.toString('utf8').replace(/\r\n/g, '\n');
  }
  return parts;
}

function decodeQuotedPrintable(text: string): Buffer {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i], 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

/** Decodes RFC 2047 encoded words (nodemailer encodes non-ASCII subjects). */
function decodeHeader(value: string): string {
  return value
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    )
    .trim();
}
