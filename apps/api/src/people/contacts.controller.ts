import { Body, Controller, Delete, Get, Header, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { SignedInUser } from '@app/accounts';
import { ActionsService } from '@app/advocacy';
import { ContactsService, PeopleImportService } from '@app/people';
import { commonError, DataRevision, RevisionCache } from '@app/platform';
import { CurrentUser } from '../auth/auth.guard';
import { contactExport } from './contact-export';
import {
  ContactDto,
  ContactExportDto,
  ContactPageDto,
  ContactsQueryDto,
  CreateContactDto,
  UpdateContactDto,
} from './contact.dto';
import { ImportCreatedDto, ImportQueryDto, ImportReportDto } from './organisation.dto';

/** The pages of the list kept, over every search (an erased person leaves them with the next revision). */
const LIST_PAGES_KEPT = 2_000;
const contactId = new ParseUUIDPipe({ exceptionFactory: () => commonError('bad-id', 'id must be a UUID') });

const WHO_MAY_WRITE =
  'Admins and campaign officers anywhere, regional officers only for states of their regions; contacts placed in ' +
  'no state only admins and campaign officers';

@ApiTags('people')
@ApiBearerAuth()
@Controller('contacts')
export class ContactsController {
  constructor(
    private readonly contacts: ContactsService,
    private readonly actions: ActionsService,
    private readonly importer: PeopleImportService,
    private readonly records: DataRevision,
  ) {
    this.pages = records.cache<string>(LIST_PAGES_KEPT);
  }

  /** Pages of the list, for a revision of the records: search as you type asks for each letter typed. */
  private readonly pages: RevisionCache<string>;

  @Post()
  @ApiCreatedResponse({ type: ContactDto })
  @ApiBadRequestResponse({ description: 'Invalid input: an unknown state or organisation, a bad email' })
  @ApiForbiddenResponse({ description: WHO_MAY_WRITE })
  create(@CurrentUser() user: SignedInUser, @Body() body: CreateContactDto): Promise<ContactDto> {
    return this.contacts.create(user, body);
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
    const result = await this.importer.contactsCsv(user, body, dryRun);
    if (dryRun) void reply.status(200);
    return result;
  }

  @Get()
  @ApiOkResponse({ type: ContactPageDto })
  @ApiBadRequestResponse({ description: 'A filter, limit or cursor is not valid' })
  // Kept as sent: search as you type asks the same few letters again and again.
  @Header('content-type', 'application/json; charset=utf-8')
  async list(@Query() query: ContactsQueryDto): Promise<string> {
    const { state, organisation, q, limit, cursor } = query;
    const filter = { stateCode: state, organisationId: organisation, q, limit, cursor };
    return this.pages.get(JSON.stringify(filter), await this.records.current(), async () =>
      JSON.stringify(await this.contacts.list(filter)),
    );
  }

  @Get(':id')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ContactDto, description: 'An erased contact has every personal field null' })
  @ApiNotFoundResponse({ description: 'No contact with that id' })
  one(@Param('id', contactId) id: string): Promise<ContactDto> {
    return this.contacts.get(id);
  }

  @Get(':id/export')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ContactExportDto, description: 'Everything held on the person (GDPR article 15)' })
  @ApiForbiddenResponse({ description: 'Admins only' })
  @ApiNotFoundResponse({ description: 'No contact with that id' })
  async export(@CurrentUser() user: SignedInUser, @Param('id', contactId) id: string): Promise<ContactExportDto> {
    return contactExport(this.contacts, this.actions, user, id);
  }

  @Patch(':id')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ContactDto, description: 'The contact as changed' })
  @ApiBadRequestResponse({ description: 'Invalid input' })
  @ApiForbiddenResponse({ description: `${WHO_MAY_WRITE} (where the person is and where they move to)` })
  @ApiNotFoundResponse({ description: 'No contact with that id' })
  @ApiConflictResponse({ description: 'The contact was erased' })
  update(
    @CurrentUser() user: SignedInUser,
    @Param('id', contactId) id: string,
    @Body() body: UpdateContactDto,
  ): Promise<ContactDto> {
    return this.contacts.update(user, id, body);
  }

  @Delete(':id')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({
    type: ContactDto,
    description:
      'Erased: every personal field removed, here and in the audit trail; the record stays as "erased contact"',
  })
  @ApiForbiddenResponse({ description: 'Admins only' })
  @ApiNotFoundResponse({ description: 'No contact with that id' })
  @ApiConflictResponse({ description: 'Already erased' })
  erase(@CurrentUser() user: SignedInUser, @Param('id', contactId) id: string): Promise<ContactDto> {
    return this.contacts.erase(user, id);
  }
}
