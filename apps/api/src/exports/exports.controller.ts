import { Controller, Get, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiProduces,
  ApiResponseOptions,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { SignedInUser } from '@app/accounts';
import { CurrentUser } from '../auth/auth.guard';
import {
  ActionsCsvQueryDto,
  ContactsCsvQueryDto,
  CsvExports,
  FollowUpsCsvQueryDto,
  OrganisationsCsvQueryDto,
  PledgesCsvQueryDto,
  StatesCsvQueryDto,
} from './csv-exports';

const csv = (what: string): ApiResponseOptions => ({
  description:
    `${what} as CSV: UTF-8 with a byte-order mark, a header row, CRLF line ends; a cell that would start a ` +
    `spreadsheet formula (= + - @ tab CR) begins with an apostrophe. Streamed as an attachment.`,
  schema: { type: 'string' },
});
const BAD_FILTER = { description: 'A filter is not valid, as for the list' };

/** The lists as spreadsheets: the same filters and the same readers as each list (every signed-in user). */
@ApiTags('exports')
@ApiBearerAuth()
@ApiProduces('text/csv')
@Controller()
export class ExportsController {
  constructor(private readonly exports: CsvExports) {}

  @Get('states.csv')
  @ApiOkResponse(csv("Every state (or a region's) with every instrument's stage and dates on asOf"))
  @ApiBadRequestResponse(BAD_FILTER)
  states(@Res() reply: FastifyReply, @Query() q: StatesCsvQueryDto): Promise<void> {
    return this.exports.statesCsv(reply, q);
  }

  @Get('actions.csv')
  @ApiOkResponse(csv('Live actions, newest first, with the columns POST /api/actions/import reads back'))
  @ApiBadRequestResponse(BAD_FILTER)
  actions(
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Query() q: ActionsCsvQueryDto,
  ): Promise<void> {
    return this.exports.actionsCsv(reply, user, q);
  }

  @Get('follow-ups.csv')
  @ApiOkResponse(csv('Follow-ups, soonest reminder first'))
  @ApiBadRequestResponse(BAD_FILTER)
  followUps(
    @Res() reply: FastifyReply,
    @CurrentUser() user: SignedInUser,
    @Query() q: FollowUpsCsvQueryDto,
  ): Promise<void> {
    return this.exports.followUpsCsv(reply, user, q);
  }

  @Get('pledges.csv')
  @ApiOkResponse(csv('Pledges, newest first, with their derived status'))
  @ApiBadRequestResponse(BAD_FILTER)
  pledges(@Res() reply: FastifyReply, @Query() q: PledgesCsvQueryDto): Promise<void> {
    return this.exports.pledgesCsv(reply, q);
  }

  @Get('contacts.csv')
  @ApiOkResponse(csv('Contacts by name (erased ones without their personal fields)'))
  @ApiBadRequestResponse(BAD_FILTER)
  contacts(@Res() reply: FastifyReply, @Query() q: ContactsCsvQueryDto): Promise<void> {
    return this.exports.contactsCsv(reply, q);
  }

  @Get('organisations.csv')
  @ApiOkResponse(csv('Live organisations by name'))
  @ApiBadRequestResponse(BAD_FILTER)
  organisations(@Res() reply: FastifyReply, @Query() q: OrganisationsCsvQueryDto): Promise<void> {
    return this.exports.organisationsCsv(reply, q);
  }
}
