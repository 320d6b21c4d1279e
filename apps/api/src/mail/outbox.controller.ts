import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { SignedInUser } from '@app/accounts';
import { OutboxReviewService } from '@app/mail';
import { CurrentUser, Requires } from '../auth/auth.guard';
import { OutboxEmailDto, OutboxPageDto, OutboxQueryDto } from './outbox.dto';

@ApiTags('outbox')
@ApiBearerAuth()
@Requires('mail.manage')
@ApiForbiddenResponse({ description: 'Only admins review the outbox' })
@Controller('outbox')
export class OutboxController {
  constructor(private readonly review: OutboxReviewService) {}

  /** The emails that failed for good or may not have arrived (uncertain), newest first. */
  @Get()
  @ApiOkResponse({ type: OutboxPageDto })
  list(@Query() query: OutboxQueryDto): Promise<OutboxPageDto> {
    return this.review.problems(query);
  }

  /**
   * Sends a failed or uncertain email again, retrying as any email does; answers the email as it was. An uncertain
   * one may then arrive twice.
   */
  @Post(':id/resend')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiAcceptedResponse({ type: OutboxEmailDto, description: 'Back on its way' })
  @ApiNotFoundResponse({ description: 'No failed or uncertain email with that id' })
  resend(@CurrentUser() user: SignedInUser, @Param('id') id: string): Promise<OutboxEmailDto> {
    return this.review.resend(user, id);
  }
}
