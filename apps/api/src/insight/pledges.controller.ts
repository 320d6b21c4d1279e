import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { SignedInUser } from '@app/accounts';
import { PledgesService } from '@app/insight';
import { commonError } from '@app/platform';
import { CurrentUser } from '../auth/auth.guard';
import { CreatePledgeDto, PledgeDto, PledgePageDto, PledgesQueryDto, UpdatePledgeDto } from './pledge.dto';

const pledgeId = new ParseUUIDPipe({ exceptionFactory: () => commonError('bad-id', 'id must be a UUID') });

@ApiTags('insight')
@ApiBearerAuth()
@Controller('pledges')
export class PledgesController {
  constructor(private readonly pledges: PledgesService) {}

  @Post()
  @ApiCreatedResponse({ type: PledgeDto })
  @ApiBadRequestResponse({ description: 'Invalid input, madeOn in the future, or targetDate before madeOn' })
  @ApiForbiddenResponse({ description: 'Role or region does not allow recording pledges for this state' })
  @ApiNotFoundResponse({ description: 'No state with that code' })
  @ApiConflictResponse({ description: 'The state is already party to the instrument (or has enacted the track)' })
  create(@CurrentUser() user: SignedInUser, @Body() body: CreatePledgeDto): Promise<PledgeDto> {
    return this.pledges.create(user, body);
  }

  @Get()
  @ApiOkResponse({ type: PledgePageDto })
  @ApiBadRequestResponse({ description: 'A filter, limit or cursor is not valid' })
  @ApiNotFoundResponse({ description: 'No campaign with that id' })
  list(@Query() query: PledgesQueryDto): Promise<PledgePageDto> {
    return this.pledges.list(query);
  }

  @Get(':id')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: PledgeDto })
  @ApiNotFoundResponse({ description: 'No pledge with that id' })
  one(@Param('id', pledgeId) id: string): Promise<PledgeDto> {
    return this.pledges.get(id);
  }

  @Patch(':id')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: PledgeDto })
  @ApiBadRequestResponse({ description: 'Invalid input, or targetDate before madeOn' })
  @ApiForbiddenResponse({ description: 'Role or region does not allow it' })
  @ApiNotFoundResponse({ description: 'No pledge with that id' })
  update(
    @CurrentUser() user: SignedInUser,
    @Param('id', pledgeId) id: string,
    @Body() body: UpdatePledgeDto,
  ): Promise<PledgeDto> {
    return this.pledges.update(user, id, body);
  }

  @Delete(':id')
  @ApiParam({ name: 'id', format: 'uuid' })
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted, with an audit entry' })
  @ApiForbiddenResponse({ description: 'Role or region does not allow it' })
  @ApiNotFoundResponse({ description: 'No pledge with that id' })
  remove(@CurrentUser() user: SignedInUser, @Param('id', pledgeId) id: string): Promise<void> {
    return this.pledges.remove(user, id);
  }
}
