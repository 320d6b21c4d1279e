import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { AppConfig } from '@app/platform';

export interface OutgoingEmail {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Stable per outbox row, so a mail client can recognise a copy it already has. */
  messageId: string;
  /** The Date header: when the message is meant to go out (composing may happen ahead of it). */
  date?: Date;
}

/** A message already rendered as MIME, ready to hand to the SMTP server as it is. */
export interface RawEmail {
  to: string;
  mime: string;
}

/**
 * How a failed send should be treated:
 * - `retry`: nothing was delivered (connection refused, 4xx): try again later;
 * - `permanent`: the server refused the message or recipient (5xx): retrying cannot help;
 * - `uncertain`: the connection was lost after the message was handed over: it may have been delivered.
 */
export type SendFailureKind = 'retry' | 'permanent' | 'uncertain';

export class SendFailure extends Error {
  constructor(
    readonly kind: SendFailureKind,
    message: string,
  ) {
    super(message);
  }
}

interface NodemailerError {
  code?: string;
  command?: string;
  responseCode?: number;
  message: string;
}

export function classifySendError(err: NodemailerError): SendFailure {
  const where = err.command ? ` (during ${err.command})` : '';
  const message = `${err.message}${where}`;
  if (typeof err.responseCode === 'number' && err.responseCode >= 500) return new SendFailure('permanent', message);
  // After DATA the server holds the message; silence there may hide a delivery. Nodemailer does not say in
  // which phase a socket went quiet (it tags every inactivity timeout 'CONN'), so any inactivity timeout of an
  // established session counts as possibly delivered; failing to connect or to get a greeting does not.
  const silentAfterData = err.command === 'DATA' && err.responseCode === undefined;
  const inactivityTimeout = err.code === 'ETIMEDOUT' && err.message === 'Timeout';
  if (silentAfterData || inactivityTimeout) return new SendFailure('uncertain', message);
  return new SendFailure('retry', message);
}

const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };
/** The longest one send can take before nodemailer gives up on it. */
export const MAX_ATTEMPT_SECONDS =
  (TIMEOUTS.connectionTimeout + TIMEOUTS.greetingTimeout + TIMEOUTS.socketTimeout) / 1000;

/**
 * The one class that talks SMTP: nodemailer over SMTP_URL with timeouts. Messages are rendered to MIME (HTML
 * and plain text parts) once, when composed, and sent as they are, which costs a fraction of rendering them at
 * every send when thousands fall due at one instant.
 */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly transporter: Transporter;

  constructor(private readonly config: AppConfig) {
    const url = new URL(config.SMTP_URL);
    this.transporter = createTransport({
      host: url.hostname,
      port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 25,
      secure: url.protocol === 'smtps:',
      auth: url.username
        ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
        : undefined,
      ...TIMEOUTS,
      pool: true,
      maxConnections: 10,
      maxMessages: 1_000,
    });
  }

  /** Renders the message as MIME, headers included; `send` hands it over unchanged. */
  async render(email: OutgoingEmail): Promise<string> {
    const composer = new MailComposer({
      from: this.config.MAIL_FROM,
      to: email.to,
      subject: email.subject,
      html: email.html,
      text: email.text,
      messageId: email.messageId,
      date: email.date ?? new Date(),
    });
    return (await composer.compile().build()).toString('utf8');
  }

  async send(email: RawEmail): Promise<void> {
    try {
      await this.transporter.sendMail({
        envelope: { from: envelopeAddress(this.config.MAIL_FROM), to: [email.to] },
        raw: email.mime,
      });
    } catch (err) {
      throw classifySendError(err as NodemailerError);
    }
  }

  onApplicationShutdown(): void {
    this.transporter.close();
  }
}

/** The bare address of a From value such as `Tracker <tracker@example.org>`. */
export function envelopeAddress(from: string): string {
  return /<([^>]+)>\s*$/.exec(from)?.[1] ?? from.trim();
}
