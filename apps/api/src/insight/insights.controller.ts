import { Body, Controller, Get, Header, ParseArrayPipe, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { SignedInUser } from '@app/accounts';
import { InsightsService } from '@app/insight';
import { CurrentUser } from '../auth/auth.guard';
import { TRANSFORM_OPTIONS, VALIDATOR_OPTIONS } from '../common/validation';
import { OutcomesDto, OutcomesQueryDto, PlaybookEntryDto, StalledQueryDto, StalledStateDto } from './insight.dto';

/** The playbook is sent whole, as the array GET answers. */
const playbookBody = new ParseArrayPipe({
  items: PlaybookEntryDto,
  ...VALIDATOR_OPTIONS,
  transformOptions: TRANSFORM_OPTIONS,
});

@ApiTags('insight')
@ApiBearerAuth()
@Controller()
export class InsightsController {
  constructor(private readonly insights: InsightsService) {}

  @Get('insights/stalled')
  @Header('content-type', 'application/json; charset=utf-8')
  @ApiOkResponse({
    type: [StalledStateDto],
    description:
      'States whose stage has not moved for STALL_AFTER_MONTHS and with no action in QUIET_AFTER_MONTHS, by region and name',
  })
  @ApiBadRequestResponse({ description: 'instrument or region is not valid' })
  stalled(@Query() query: StalledQueryDto): Promise<string> {
    return this.insights.stalledJson(query);
  }

  @Get('insights/outcomes')
  @ApiOkResponse({ type: OutcomesDto })
  @ApiBadRequestResponse({ description: 'A filter is not valid, or from is after today' })
  @ApiNotFoundResponse({ description: 'No campaign with that id' })
  outcomes(@Query() query: OutcomesQueryDto): Promise<OutcomesDto> {
    return this.insights.outcomes(query);
  }

  @Get('playbook')
  @ApiOkResponse({ type: [PlaybookEntryDto], description: 'By instrument, then stage' })
  playbook(): Promise<PlaybookEntryDto[]> {
    return this.insights.getPlaybook();
  }

  @Put('playbook')
  @ApiBody({ type: [PlaybookEntryDto], description: 'The whole playbook: entries left out are removed' })
  @ApiOkResponse({ type: [PlaybookEntryDto], description: 'The playbook as saved' })
  @ApiBadRequestResponse({ description: 'An entry names an unknown instrument or stage, or repeats one' })
  @ApiForbiddenResponse({ description: 'Only admins edit the playbook' })
  putPlaybook(
    @CurrentUser() user: SignedInUser,
    @Body(playbookBody) entries: PlaybookEntryDto[],
  ): Promise<PlaybookEntryDto[]> {
    return this.insights.putPlaybook(user, entries);
  }
}
