import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { SignedInUser } from '@app/accounts';
import { DepositaryService } from '@app/states';
import { CurrentUser, Requires } from '../auth/auth.guard';
import { CreatedTreatyEventDto } from '../states/state.dto';
import {
  NotificationDto,
  NotificationImportDto,
  ProposalDto,
  ProposalListDto,
  ProposalsQueryDto,
  RejectProposalDto,
  StatusTableDto,
  StatusTableImportDto,
} from './depositary.dto';

/** What the UN depositary publishes, read into proposals that a person accepts or rejects. */
@ApiTags('depositary')
@ApiBearerAuth()
@Controller('depositary')
export class DepositaryController {
  constructor(private readonly depositary: DepositaryService) {}

  @Post('status-tables')
  @Requires('depositary.review')
  @ApiCreatedResponse({ type: StatusTableImportDto })
  @ApiBadRequestResponse({ description: 'Unknown instrument, or a field missing' })
  @ApiUnprocessableEntityResponse({ description: 'The table could not be read; the message names the line' })
  @ApiForbiddenResponse({ description: 'Admins only' })
  statusTable(@CurrentUser() user: SignedInUser, @Body() body: StatusTableDto): Promise<StatusTableImportDto> {
    return this.depositary.importStatusTable(user, body);
  }

  @Post('notifications')
  @Requires('depositary.review')
  @ApiCreatedResponse({ type: NotificationImportDto })
  @ApiUnprocessableEntityResponse({ description: 'The notification could not be read; the message says what' })
  @ApiForbiddenResponse({ description: 'Admins only' })
  notification(@CurrentUser() user: SignedInUser, @Body() body: NotificationDto): Promise<NotificationImportDto> {
    return this.depositary.importNotification(user, body);
  }

  @Get('proposals')
  @ApiOkResponse({
    type: ProposalListDto,
    description: 'Newest import first, `limit` a page (default 50, at most 200)',
  })
  @ApiBadRequestResponse({ description: 'A filter out of range, or a cursor this server did not issue' })
  proposals(@Query() query: ProposalsQueryDto): Promise<ProposalListDto> {
    return this.depositary.list(query);
  }

  @Post('proposals/:id/accept')
  @Requires('depositary.review')
  @ApiCreatedResponse({ type: CreatedTreatyEventDto, description: 'The event recorded, with confidence depositary' })
  @ApiConflictResponse({ description: 'The treaty rules refuse it (the reason is given) or it was already decided' })
  @ApiNotFoundResponse({ description: 'No such proposal' })
  accept(@CurrentUser() user: SignedInUser, @Param('id') id: string): Promise<CreatedTreatyEventDto> {
    return this.depositary.accept(user, id);
  }

  @Post('proposals/:id/reject')
  @HttpCode(200)
  @Requires('depositary.review')
  @ApiOkResponse({ type: ProposalDto })
  @ApiConflictResponse({ description: 'Already decided' })
  @ApiNotFoundResponse({ description: 'No such proposal' })
  reject(
    @CurrentUser() user: SignedInUser,
    @Param('id') id: string,
    @Body() body: RejectProposalDto,
  ): Promise<ProposalDto> {
    return this.depositary.reject(user, id, body.reason);
  }
}
