import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
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
import { commonError } from '@app/platform';
import { CurrentUser } from '../auth/auth.guard';
import { PageQueryDto } from '../common/page.dto';
import { CampaignDto, CampaignPageDto, CreateCampaignDto } from './campaign.dto';

const campaignId = new ParseUUIDPipe({ exceptionFactory: () => commonError('bad-id', 'id must be a UUID') });

@ApiTags('advocacy')
@ApiBearerAuth()
@Controller('campaigns')
export class CampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

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
}
