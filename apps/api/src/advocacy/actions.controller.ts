import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiPayloadTooLargeResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { SignedInUser } from '@app/accounts';
import { ACTION_IMPORT_COLUMNS, ActionsCsvService, ActionsService } from '@app/advocacy';
import { commonError, CSV_BODY_LIMIT, DataRevision, RevisionCache } from '@app/platform';
import { followUpsError } from '@app/follow-ups';
import { CurrentUser } from '../auth/auth.guard';
import { instantOf } from '../common/validation';
import { ImportQueryDto } from '../people/organisation.dto';
import {
  actionFilterOf,
  ActionDto,
  ActionImportCreatedDto,
  ActionImportReportDto,
  ActionPageDto,
  ActionsQueryDto,
  CreateActionDto,
  CreatedActionDto,
  UpdateActionDto,
} from './action.dto';

/** The pages of the list kept, over every filter and reader (the filter names the reader for loggedBy=me). */
const LIST_PAGES_KEPT = 1_000;
const actionId = new ParseUUIDPipe({ exceptionFactory: () => commonError('bad-id', 'id must be a UUID') });

@ApiTags('advocacy')
@ApiBearerAuth()
@Controller('actions')
export class ActionsController {
  constructor(
    private readonly actions: ActionsService,
    private readonly importer: ActionsCsvService,
    private readonly records: DataRevision,
  ) {
    this.pages = records.cache<string>(LIST_PAGES_KEPT);
  }

  /** Pages of the list as sent, for a revision of the records: the busiest read, asked again and again unchanged. */
  private readonly pages: RevisionCache<string>;

  @Post()
  @ApiCreatedResponse({ type: CreatedActionDto })
  @ApiBadRequestResponse({ description: 'Invalid input, or a date before 1995 or more than a year ahead' })
  @ApiForbiddenResponse({ description: 'Role or region does not allow logging actions for this state' })
  @ApiNotFoundResponse({ description: 'No state with that code, or no campaign with that id' })
  create(@CurrentUser() user: SignedInUser, @Body() body: CreateActionDto): Promise<CreatedActionDto> {
    const { followUp, ...action } = body;
    if (!followUp) return this.actions.create(user, action);
    if (followUp.dueOn !== undefined && followUp.remindAt !== undefined) {
      throw followUpsError('follow-up-when', 'give followUp.dueOn or followUp.remindAt, not both');
    }
    return this.actions.createWithFollowUp(user, action, {
      ...followUp,
      remindAt: followUp.remindAt ? instantOf('followUp.remindAt', followUp.remindAt) : undefined,
    });
  }

  @Post('import')
  @ApiConsumes('text/csv')
  @ApiBody({
    description:
      `CSV text, UTF-8, header row first: the columns of GET /api/actions.csv, or at least stateCode (or state), ` +
      `type, date and title; read: ${ACTION_IMPORT_COLUMNS.join(', ')} (ids separated by ;); the export's other ` +
      `columns are accepted and not read. Each row becomes a new action.`,
    schema: { type: 'string' },
  })
  @ApiOkResponse({ type: ActionImportReportDto, description: 'The dry run (?dryRun=true): nothing saved' })
  @ApiCreatedResponse({
    type: ActionImportCreatedDto,
    description: 'Every row saved in one transaction, audited as one import',
  })
  @ApiBadRequestResponse({
    description: 'A bad header or quoting; on a commit, any bad row or duplicate (nothing saved)',
  })
  @ApiForbiddenResponse({ description: 'A role that may not log actions (a row outside your regions is a row error)' })
  @ApiPayloadTooLargeResponse({ description: `A CSV body over ${CSV_BODY_LIMIT} bytes` })
  async import(
    @CurrentUser() user: SignedInUser,
    @Query() query: ImportQueryDto,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ActionImportReportDto | ActionImportCreatedDto> {
    if (typeof body !== 'string') throw commonError('bad-csv', 'send the CSV text with content-type text/csv');
    const dryRun = query.dryRun === 'true';
    const result = await this.importer.importCsv(user, body, dryRun);
    if (dryRun) void reply.status(200);
    return result;
  }

  @Get()
  @ApiOkResponse({ type: ActionPageDto, description: 'Newest first (date, then id); deleted actions left out' })
  @ApiBadRequestResponse({ description: 'A filter, limit or cursor is not valid' })
  // PostgreSQL writes the page's JSON; it is sent as it is (the busiest read of the product).
  @Header('content-type', 'application/json; charset=utf-8')
  async list(@CurrentUser() user: SignedInUser, @Query() query: ActionsQueryDto): Promise<string> {
    const { limit, cursor } = query;
    const filter = { ...actionFilterOf(query, user.id), limit, cursor };
    return this.pages.get(JSON.stringify(filter), await this.records.current(), () => this.actions.listJson(filter));
  }

  @Get(':id')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ActionDto })
  @ApiNotFoundResponse({ description: 'No action with that id, or it was deleted' })
  one(@Param('id', actionId) id: string): Promise<ActionDto> {
    return this.actions.get(id);
  }

  @Patch(':id')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ActionDto, description: 'The action as changed' })
  @ApiForbiddenResponse({ description: 'Only the author of the action or an admin may change it' })
  @ApiNotFoundResponse({ description: 'No action with that id, or no campaign with the given campaignId' })
  update(
    @CurrentUser() user: SignedInUser,
    @Param('id', actionId) id: string,
    @Body() body: UpdateActionDto,
  ): Promise<ActionDto> {
    return this.actions.update(user, id, body);
  }

  @Delete(':id')
  @ApiParam({ name: 'id', format: 'uuid' })
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted; no read shows it again' })
  @ApiForbiddenResponse({ description: 'Only the author of the action or an admin may delete it' })
  @ApiNotFoundResponse({ description: 'No action with that id, or already deleted' })
  remove(@CurrentUser() user: SignedInUser, @Param('id', actionId) id: string): Promise<void> {
    return this.actions.remove(user, id);
  }
}
