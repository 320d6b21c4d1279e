import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { AccountsService, SignedInUser } from '@app/accounts';
import { DEFAULT_LIMIT } from '@app/platform';
import { CurrentUser, Requires } from '../auth/auth.guard';
import { PageQueryDto } from '../common/page.dto';
import { CreateUserDto, UpdateUserDto, UserDto, UserPageDto } from './user.dto';

@ApiTags('users')
@ApiBearerAuth()
@Requires('users.manage')
@ApiForbiddenResponse({ description: 'Only admins manage users' })
@Controller('users')
export class UsersController {
  constructor(private readonly accounts: AccountsService) {}

  @Post()
  @ApiCreatedResponse({ type: UserDto })
  @ApiConflictResponse({ description: 'A user with that email exists' })
  create(@CurrentUser() user: SignedInUser, @Body() body: CreateUserDto): Promise<UserDto> {
    return this.accounts.create(user, body);
  }

  @Get()
  @ApiOkResponse({ type: UserPageDto })
  list(@Query() query: PageQueryDto): Promise<UserPageDto> {
    return this.accounts.list(query.limit ?? DEFAULT_LIMIT, query.cursor);
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserDto })
  update(
    @CurrentUser() user: SignedInUser,
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserDto> {
    return this.accounts.update(user, id, body);
  }
}
