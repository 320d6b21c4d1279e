import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
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
import { OrganisationsService, PeopleImportService } from '@app/people';
import { commonError } from '@app/platform';
import { CurrentUser } from '../auth/auth.guard';
import {
  CreateOrganisationDto,
  ImportCreatedDto,
  ImportQueryDto,
  ImportReportDto,
  OrganisationDto,
  OrganisationPageDto,
  OrganisationsQueryDto,
  UpdateOrganisationDto,
} from './organisation.dto';

const organisationId = new ParseUUIDPipe({ exceptionFactory: () => commonError('bad-id', 'id must be a UUID') });

const WHO_MAY_WRITE =
  'Admins and campaign officers anywhere, regional officers only for states of their regions; organisations ' +
  'placed in no state only admins and campaign officers';

@ApiTags('people')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly importer: PeopleImportService,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: OrganisationDto })
  @ApiBadRequestResponse({ description: 'Invalid input: an unknown state, a region not the state’s, a bad email' })
  @ApiForbiddenResponse({ description: WHO_MAY_WRITE })
  create(@CurrentUser() user: SignedInUser, @Body() body: CreateOrganisationDto): Promise<OrganisationDto> {
    return this.organisations.create(user, body);
  }

  @Post('import')
  @ApiConsumes('text/csv')
  @ApiBody({
    description: 'CSV text, UTF-8, with a header row naming the fields as the API does (languages separated by ;)',
    schema: { type: 'string' },
  })
  @ApiOkResponse({ type: ImportReportDto, description: 'The dry run: nothing saved' })
  @ApiCreatedResponse({ type: ImportCreatedDto, description: 'Every row saved, each audited' })
  @ApiBadRequestResponse({
    description: 'A bad header or quoting; on a commit, any bad row or duplicate (nothing saved)',
  })
  @ApiForbiddenResponse({ description: 'A row the role or region does not allow (named as a row error)' })
  async import(
    @CurrentUser() user: SignedInUser,
    @Query() query: ImportQueryDto,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ImportReportDto | ImportCreatedDto> {
    if (typeof body !== 'string') throw commonError('bad-csv', 'send the CSV text with content-type text/csv');
    const dryRun = query.dryRun === 'true';
    const result = await this.importer.organisationsCsv(user, body, dryRun);
    if (dryRun) void reply.status(200);
    return result;
  }

  @Get()
  @ApiOkResponse({ type: OrganisationPageDto })
  @ApiBadRequestResponse({ description: 'A filter, limit or cursor is not valid' })
  list(@Query() query: OrganisationsQueryDto): Promise<OrganisationPageDto> {
    const { kind, state, region, q, limit, cursor } = query;
    return this.organisations.list({ kind, stateCode: state, region, q, limit, cursor });
  }

  @Get(':id')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: OrganisationDto })
  @ApiNotFoundResponse({ description: 'No organisation with that id, or it was deleted' })
  one(@Param('id', organisationId) id: string): Promise<OrganisationDto> {
    return this.organisations.get(id);
  }

  @Patch(':id')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: OrganisationDto, description: 'The organisation as changed' })
  @ApiBadRequestResponse({ description: 'Invalid input' })
  @ApiForbiddenResponse({ description: `${WHO_MAY_WRITE} (where it sits and where it moves to)` })
  @ApiNotFoundResponse({ description: 'No organisation with that id, or it was deleted' })
  update(
    @CurrentUser() user: SignedInUser,
    @Param('id', organisationId) id: string,
    @Body() body: UpdateOrganisationDto,
  ): Promise<OrganisationDto> {
    return this.organisations.update(user, id, body);
  }

  @Delete(':id')
  @ApiParam({ name: 'id', format: 'uuid' })
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted: no list shows it and nothing new links to it; past links stay' })
  @ApiForbiddenResponse({ description: WHO_MAY_WRITE })
  @ApiNotFoundResponse({ description: 'No organisation with that id, or already deleted' })
  remove(@CurrentUser() user: SignedInUser, @Param('id', organisationId) id: string): Promise<void> {
    return this.organisations.remove(user, id);
  }
}
