import { Body, Controller, Get, Header, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import {
  ApiBearerAuth,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { SignedInUser } from '@app/accounts';
import { StatesService, statesError, Track, TRACKS } from '@app/states';
import { CurrentUser } from '../auth/auth.guard';
import {
  AsOfQueryDto,
  CorrectedTreatyEventDto,
  CorrectTreatyEventDto,
  CreatedImplementationChangeDto,
  CreatedTreatyEventDto,
  CreateTreatyEventDto,
  InstrumentDto,
  LangQueryDto,
  PartiesQueryDto,
  PartiesSeriesDto,
  StateDetailDto,
  StatesQueryDto,
  StateSummaryDto,
  UpdateImplementationDto,
} from './state.dto';

@ApiTags('states')
@ApiBearerAuth()
@Controller()
export class StatesController {
  constructor(private readonly states: StatesService) {}

  @Get('instruments')
  @ApiOkResponse({
    type: [InstrumentDto],
    description: 'Every instrument: names in four languages, adoption date, UN reference, entry-into-force rule',
  })
  instruments(@Query() query: LangQueryDto): Promise<InstrumentDto[]> {
    return this.states.instruments(query.lang);
  }

  @Get('states')
  @Header('content-type', 'application/json; charset=utf-8')
  @Header('cache-control', 'private, no-cache')
  @Header('vary', 'accept-encoding')
  @ApiOkResponse({
    type: [StateSummaryDto],
    description: 'Every state, by name in the language of `?lang=` (English by default; not paginated)',
  })
  async list(
    @Query() query: StatesQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const body = await this.states.list(query);
    // The list is ~300 KB and changes rarely: the same bytes, gzipped once, and a 304 when the client has them.
    void reply.header('etag', body.etag);
    if (request.headers['if-none-match'] === body.etag) {
      void reply.status(304);
      return Buffer.alloc(0);
    }
    if (/\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) {
      void reply.header('content-encoding', 'gzip');
      return body.gzip;
    }
    return body.raw;
  }

  @Get('states/:code')
  @Header('content-type', 'application/json; charset=utf-8')
  @ApiParam({ name: 'code', description: 'ISO 3166-1 alpha-3, any case', example: 'UKR' })
  @ApiOkResponse({ type: StateDetailDto })
  @ApiNotFoundResponse({ description: 'No state with that code' })
  one(@Param('code') code: string, @Query() query: AsOfQueryDto): Promise<string> {
    return this.states.oneJson(code, query.asOf, query.lang);
  }

  @Post('states/:code/events')
  @ApiParam({ name: 'code', example: 'UKR' })
  @ApiCreatedResponse({ type: CreatedTreatyEventDto })
  @ApiBadRequestResponse({ description: 'Invalid input, or a date before the instrument existed or over a year ahead' })
  @ApiConflictResponse({
    description: 'The step contradicts the recorded history (for example a deposit while a party)',
  })
  @ApiForbiddenResponse({ description: 'Role or region does not allow recording treaty events for this state' })
  @ApiNotFoundResponse({ description: 'No state with that code' })
  recordEvent(
    @CurrentUser() user: SignedInUser,
    @Param('code') code: string,
    @Body() body: CreateTreatyEventDto,
  ): Promise<CreatedTreatyEventDto> {
    return this.states.recordEvent(user, code, body);
  }

  /**
   * Corrects a recorded event with a new one and the reason: the earlier event is kept, superseded, and no longer
   * counts; the new one must fit the history without it. Never an overwrite.
   */
  @Post('states/:code/events/:id/corrections')
  @ApiParam({ name: 'code', example: 'UKR' })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The event corrected' })
  @ApiCreatedResponse({ type: CorrectedTreatyEventDto })
  @ApiBadRequestResponse({ description: 'Invalid input, or a date before the instrument existed or over a year ahead' })
  @ApiConflictResponse({
    description: 'The event was already corrected, or the new step contradicts the history without the earlier one',
  })
  @ApiForbiddenResponse({ description: 'Role or region does not allow recording treaty events for this state' })
  @ApiNotFoundResponse({ description: 'No state with that code, or no such event of that state' })
  correctEvent(
    @CurrentUser() user: SignedInUser,
    @Param('code') code: string,
    @Param('id') id: string,
    @Body() body: CorrectTreatyEventDto,
  ): Promise<CorrectedTreatyEventDto> {
    return this.states.correctEvent(user, code, id, body);
  }

  @Put('states/:code/implementation/:track')
  @ApiParam({ name: 'track', enum: TRACKS })
  @ApiOkResponse({ type: CreatedImplementationChangeDto })
  @ApiForbiddenResponse({ description: 'Role or region does not allow updating implementation for this state' })
  updateImplementation(
    @CurrentUser() user: SignedInUser,
    @Param('code') code: string,
    @Param('track') track: string,
    @Body() body: UpdateImplementationDto,
  ): Promise<CreatedImplementationChangeDto> {
    if (!(TRACKS as readonly string[]).includes(track)) {
      throw statesError('bad-track', `track must be one of ${TRACKS.join(', ')}, got "${track}"`);
    }
    return this.states.updateImplementation(user, code, track as Track, body);
  }

  @Get('stats/parties')
  @ApiOkResponse({ type: PartiesSeriesDto })
  parties(@Query() query: PartiesQueryDto): Promise<PartiesSeriesDto> {
    return this.states.partiesSeries(query.instrument ?? 'rome-statute', query.from, query.to);
  }
}
