import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { AccountsService, PasswordLinksService, SignedInUser } from '@app/accounts';
import { commonError, DEFAULT_LIMIT } from '@app/platform';
import { CurrentUser, Requires } from '../auth/auth.guard';
import { PageQueryDto } from '../common/page.dto';
import { CreateUserDto, InvitationDto, UpdateUserDto, UserDto, UserPageDto } from './user.dto';

const userId = new ParseUUIDPipe({ exceptionFactory: () => commonError('bad-id', 'id must be a user id (UUID)') });

@ApiTags('users')
@ApiBearerAuth()
@Requires('users.manage')
@ApiForbiddenResponse({ description: 'Only admins manage users' })
@Controller('users')
export class UsersController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly links: PasswordLinksService,
  ) {}

  /** Without a password, the new user is emailed an invitation to choose one. */
  @Post()
  @ApiCreatedResponse({ type: UserDto })
  @ApiConflictResponse({ description: 'A user with that email exists' })
  create(@CurrentUser() admin: SignedInUser, @Body() body: CreateUserDto): Promise<UserDto> {
    const { password, ...user } = body;
    return password === undefined ? this.links.createInvited(admin, user) : this.accounts.create(admin, body);
  }

  @Get()
  @ApiOkResponse({ type: UserPageDto })
  list(@Query() query: PageQueryDto): Promise<UserPageDto> {
    return this.accounts.list(query.limit ?? DEFAULT_LIMIT, query.cursor);
  }

  @Get(':id')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: UserDto })
  @ApiNotFoundResponse({ description: 'No user with that id' })
  one(@Param('id', userId) id: string): Promise<UserDto> {
    return this.accounts.get(id);
  }

  @Patch(':id')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: UserDto })
  @ApiNotFoundResponse({ description: 'No user with that id' })
  @ApiConflictResponse({ description: 'The change would leave no active admin' })
  update(
    @CurrentUser() user: SignedInUser,
    @Param('id', userId) id: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserDto> {
    return this.accounts.update(user, id, body);
  }

  /** Emails a new invitation to a user who has not chosen a password yet; earlier invitation links stop working. */
  @Post(':id/invitation')
  @HttpCode(202)
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiAcceptedResponse({ type: InvitationDto })
  @ApiNotFoundResponse({ description: 'No user with that id' })
  @ApiConflictResponse({ description: 'The user is deactivated or has already chosen a password' })
  invite(@CurrentUser() admin: SignedInUser, @Param('id', userId) id: string): Promise<InvitationDto> {
    return this.links.reinvite(admin, id);
  }
}
