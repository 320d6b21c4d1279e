import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { SignedInUser } from '@app/accounts';
import { CampaignActionsService, CampaignsService } from '@app/advocacy';
import { followUpsError } from '@app/follow-ups';
import { CampaignProgressService } from '@app/insight';
import { commonError } from '@app/platform';
import { CurrentUser } from '../auth/auth.guard';
import { instantOf } from '../common/validation';
import { PageQueryDto } from '../common/page.dto';
import {
  CampaignActionsLoggedDto,
  CampaignDto,
  CampaignPageDto,
  CreateCampaignActionsDto,
  CampaignProgressDto,
  CreateCampaignDto,
  UpdateCampaignDto,
} from './campaign.dto';

const campaignId = new ParseUUIDPipe({ exceptionFactory: () => commonError('bad-id', 'id must be a UUID') });

@ApiTags('advocacy')
@ApiBearerAuth()
@Controller('campaigns')
export class CampaignsController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly progress: CampaignProgressService,
    private readonly campaignActions: CampaignActionsService,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: CampaignDto })
  @ApiBadRequestResponse({ description: 'Invalid input, unknown state codes, or endsOn before startsOn' })
  @ApiForbiddenResponse({ description: 'Only admins and campaign officers manage campaigns' })
  @ApiConflictResponse({ description: 'A campaign with that name exists (in any case)' })
  create(@CurrentUser() user: SignedInUser, @Body() body: CreateCampaignDto): Promise<CampaignDto> {
    return this.campaigns.create(user, body);
  }

  @Get()
  @ApiOkResponse({ type: CampaignPageDto })
  @ApiBadRequestResponse({ description: 'limit or cursor is not valid' })
  list(@Query() query: PageQueryDto): Promise<CampaignPageDto> {
    return this.campaigns.list(query.limit, query.cursor);
  }

  @Get(':id')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: CampaignDto })
  @ApiNotFoundResponse({ description: 'No campaign with that id' })
  one(@Param('id', campaignId) id: string): Promise<CampaignDto> {
    return this.campaigns.get(id);
  }

  @Patch(':id')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: CampaignDto })
  @ApiBadRequestResponse({
    description: 'Invalid input, unknown state codes, or a goal date before the campaign began',
  })
  @ApiForbiddenResponse({ description: 'Only admins and campaign officers manage campaigns' })
  @ApiNotFoundResponse({ description: 'No campaign with that id' })
  @ApiConflictResponse({ description: 'Another campaign has that name (in any case)' })
  update(
    @CurrentUser() user: SignedInUser,
    @Param('id', campaignId) id: string,
    @Body() body: UpdateCampaignDto,
  ): Promise<CampaignDto> {
    return this.campaigns.update(user, id, body);
  }

  @Get(':id/progress')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: CampaignProgressDto })
  @ApiNotFoundResponse({ description: 'No campaign with that id' })
  progressOf(@Param('id', campaignId) id: string): Promise<CampaignProgressDto> {
    return this.progress.get(id);
  }

  @Post(':id/actions')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiCreatedResponse({ type: CampaignActionsLoggedDto, description: 'All saved, in one transaction' })
  @ApiBadRequestResponse({ description: 'Invalid input, or stateCodes names states the campaign does not target' })
  @ApiForbiddenResponse({ description: 'Role or region forbids some of the states (named); nothing saved' })
  @ApiNotFoundResponse({ description: 'No campaign with that id' })
  @ApiConflictResponse({ description: 'The campaign is closed' })
  logActions(
    @CurrentUser() user: SignedInUser,
    @Param('id', campaignId) id: string,
    @Body() body: CreateCampaignActionsDto,
  ): Promise<CampaignActionsLoggedDto> {
    const { followUp, ...action } = body;
    if (followUp?.dueOn !== undefined && followUp.remindAt !== undefined) {
      throw followUpsError('follow-up-when', 'give followUp.dueOn or followUp.remindAt, not both');
    }
    return this.campaignActions.log(
      user,
      id,
      action,
      followUp && {
        ...followUp,
        remindAt: followUp.remindAt ? instantOf('followUp.remindAt', followUp.remindAt) : undefined,
      },
    );
  }
}
