import {
  Body,
  Controller,
  Get,
  Header,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  UnauthorizedException,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { SignedInUser } from '@app/accounts';
import { FollowUpsService } from '@app/follow-ups';
import { DEFAULT_LIMIT } from '@app/platform';
import { CurrentUser, Public } from '../auth/auth.guard';
import { instantOf } from '../common/validation';
import {
  CalendarLinkDto,
  CalendarQueryDto,
  CreateFollowUpDto,
  FollowUpDto,
  FollowUpPageDto,
  FollowUpsQueryDto,
  UpdateFollowUpDto,
} from './follow-up.dto';

@ApiTags('follow-ups')
@Controller()
export class FollowUpsController {
  constructor(private readonly followUps: FollowUpsService) {}

  @Post('follow-ups')
  @ApiBearerAuth()
  @ApiCreatedResponse({ type: FollowUpDto })
  @ApiForbiddenResponse({ description: 'Role or region does not allow follow-ups for this state' })
  @ApiNotFoundResponse({ description: 'Unknown state or action' })
  create(@CurrentUser() user: SignedInUser, @Body() body: CreateFollowUpDto): Promise<FollowUpDto> {
    return this.followUps.create(user, { ...body, remindAt: instantOf('remindAt', body.remindAt) });
  }

  @Get('follow-ups')
  @ApiBearerAuth()
  @ApiOkResponse({ type: FollowUpPageDto, description: 'Soonest reminder first' })
  list(@CurrentUser() user: SignedInUser, @Query() q: FollowUpsQueryDto): Promise<FollowUpPageDto> {
    return this.followUps.list(
      {
        assignee: q.assignee === 'me' ? user.id : q.assignee,
        status: q.status,
        state: q.state,
        region: q.region,
        dueBefore: q.dueBefore ? instantOf('dueBefore', q.dueBefore) : undefined,
      },
      q.limit ?? DEFAULT_LIMIT,
      q.cursor,
    );
  }

  /** The caller's open follow-ups as an iCalendar feed; the token comes from POST /api/me/calendar-link. */
  @Public()
  @Get('follow-ups.ics')
  @Header('content-type', 'text/calendar; charset=utf-8')
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'iCalendar (RFC 5545)', schema: { type: 'string' } })
  async calendar(@Query() q: CalendarQueryDto): Promise<string> {
    const feed = await this.followUps.calendar(q.token);
    if (feed === null) throw new UnauthorizedException('unknown calendar token: create a new calendar link');
    return feed;
  }

  @Get('follow-ups/:id')
  @ApiBearerAuth()
  @ApiOkResponse({ type: FollowUpDto })
  @ApiNotFoundResponse()
  get(@Param('id', new ParseUUIDPipe({ version: '4' })) id: string): Promise<FollowUpDto> {
    return this.followUps.get(id);
  }

  @Patch('follow-ups/:id')
  @ApiBearerAuth()
  @ApiOkResponse({ type: FollowUpDto })
  @ApiForbiddenResponse({ description: "Role or region does not allow changing this state's follow-ups" })
  @ApiNotFoundResponse({ description: 'No follow-up with that id' })
  @ApiConflictResponse({
    description:
      'The follow-up is already done or cancelled (and the change does not reopen it), or the new time would be its sixth reminder email within 24 hours',
  })
  update(
    @CurrentUser() user: SignedInUser,
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
    @Body() body: UpdateFollowUpDto,
  ): Promise<FollowUpDto> {
    return this.followUps.update(user, id, {
      ...body,
      remindAt: body.remindAt ? instantOf('remindAt', body.remindAt) : undefined,
    });
  }

  /** A new secret address for the caller's follow-up calendar; the previous address stops working. */
  @Post('me/calendar-link')
  @ApiBearerAuth()
  @ApiCreatedResponse({ type: CalendarLinkDto })
  async calendarLink(@CurrentUser() user: SignedInUser): Promise<CalendarLinkDto> {
    return { url: await this.followUps.rotateCalendarToken(user.id) };
  }
}
