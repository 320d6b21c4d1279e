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
import { CampaignsService } from '@app/advocacy';
import { CampaignProgressService } from '@app/insight';
import { commonError } from '@app/platform';
import { CurrentUser } from '../auth/auth.guard';
import { PageQueryDto } from '../common/page.dto';
import {
  CampaignDto,
  CampaignPageDto,
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
}
