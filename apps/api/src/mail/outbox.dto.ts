import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PROBLEM_STATUSES, ProblemEmail, ProblemStatus } from '@app/mail';
import { PageQueryDto } from '../common/page.dto';

export class OutboxQueryDto extends PageQueryDto {
  /** One of the two; both by default. */
  @ApiPropertyOptional({ enum: PROBLEM_STATUSES })
  @IsOptional()
  @IsIn(PROBLEM_STATUSES, { message: `status must be one of ${PROBLEM_STATUSES.join(', ')}` })
  status?: ProblemStatus;
}

/** An email that did not go out for sure; never its body, which may hold a one-time link. */
export class OutboxEmailDto implements ProblemEmail {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  /** What the email is: invitation, password-reset, reminder, escalation, digest. */
  kind!: string;
  recipient!: string;
  subject!: string;
  /** `failed`: given up after its attempts; `uncertain`: the server may have taken it (the connection dropped). */
  @ApiProperty({ enum: PROBLEM_STATUSES })
  status!: ProblemStatus;
  attempts!: number;
  @ApiProperty({ type: String, nullable: true })
  lastError!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastAttemptAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;
}

export class OutboxPageDto {
  /** Newest first. */
  items!: OutboxEmailDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last' })
  nextCursor!: string | null;
}
