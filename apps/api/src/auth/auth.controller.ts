import { Body, Controller, Get, HttpCode, Post, UnauthorizedException } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AccountsService, SignedInUser } from '@app/accounts';
import { CurrentUser, Public } from './auth.guard';
import { LoginDto, LoginResponseDto } from './auth.dto';
import { UserDto } from '../users/user.dto';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly accounts: AccountsService) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({ description: 'Email and password do not match an active account' })
  async login(@Body() body: LoginDto): Promise<LoginResponseDto> {
    const result = await this.accounts.login(body.email, body.password);
    if (!result) throw new UnauthorizedException('email or password is wrong, or the account is deactivated');
    return result;
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOkResponse({ type: UserDto })
  me(@CurrentUser() user: SignedInUser): Promise<UserDto> {
    return this.accounts.get(user.id);
  }
}
