import { IsOptional } from 'class-validator';
import { IsCalendarDate } from '../common/validation';

export class DigestPreviewQueryDto {
  /** Any day of the week (Monday to Sunday, ISO 8601) to preview; default the last week that has ended. */
  @IsOptional()
  @IsCalendarDate()
  weekOf?: string;
}

export class SendDigestDto {
  /** Any day of the week to send, which must have ended; default the last week that has ended. */
  @IsOptional()
  @IsCalendarDate()
  weekOf?: string;
}

export class DigestSendResultDto {
  /** ISO 8601 week, e.g. 2026-W47. */
  week!: string;
  /** Its Monday. */
  weekStart!: string;
  /** Its Sunday. */
  weekEnd!: string;
  /** Active steering-committee members and DIGEST_EXTRA_RECIPIENTS, each address once. */
  recipients!: number;
  /** Emails composed by this request and queued for sending. */
  queued!: number;
  /** Recipients who already had this week's digest, sent or on its way; they get nothing more. */
  alreadyComposed!: number;
}
