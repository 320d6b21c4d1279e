import { Body, Controller, Get, HttpCode, Ip, Patch, Post, Req, UnauthorizedException } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AccountsService, PasswordLinksService, SignedInUser, SignInService } from '@app/accounts';
import type { FastifyRequest } from 'fastify';
import { bearerToken, CurrentUser, Public } from './auth.guard';
import { LoginDto, LoginResponseDto, PasswordResetDto, PasswordSetDto, SetPasswordDto } from './auth.dto';
import { UpdateMeDto, UserDto } from '../users/user.dto';

const TOO_MANY = {
  description:
    'Too many failed sign-ins for the account, or too many requests from the address; ' +
    'the Retry-After header says how many seconds to wait',
};

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly signIn: SignInService,
    private readonly links: PasswordLinksService,
  ) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({ description: 'Email and password do not match an active account' })
  @ApiTooManyRequestsResponse(TOO_MANY)
  async login(@Body() body: LoginDto, @Ip() address: string): Promise<LoginResponseDto> {
    const result = await this.signIn.login(body.email, body.password, address);
    if (!result) throw new UnauthorizedException('email or password is wrong, or the account is deactivated');
    return result;
  }

  /** Ends the sign-in of the bearer token sent: it stops working at once (other sign-ins of the user go on). */
  @Post('auth/logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'The token no longer works' })
  @ApiUnauthorizedResponse({ description: 'The token is missing, unknown or expired (already signed out)' })
  async logout(@Req() request: FastifyRequest): Promise<void> {
    const token = bearerToken(request);
    // The guard has let through only a request with a valid token.
    if (token) await this.accounts.signOut(token);
  }

  /**
   * Emails a link to choose a new password (valid RESET_TTL_MINUTES, an hour by default) when the email belongs
   * to an active account. The answer is 202 either way.
   */
  @Public()
  @Post('auth/password-reset')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'If an active account has this email, a reset link is on its way' })
  @ApiTooManyRequestsResponse(TOO_MANY)
  async passwordReset(@Body() body: PasswordResetDto, @Ip() address: string): Promise<void> {
    await this.links.requestReset(body.email, address);
  }

  /** Sets the password with the token of an invitation or reset link; the link then stops working. */
  @Public()
  @Post('auth/set-password')
  @HttpCode(200)
  @ApiOkResponse({ type: PasswordSetDto, description: 'The password is set; every earlier sign-in is ended' })
  @ApiBadRequestResponse({ description: 'The link is unknown, already used or expired, or the password too short' })
  @ApiTooManyRequestsResponse(TOO_MANY)
  setPassword(@Body() body: SetPasswordDto, @Ip() address: string): Promise<PasswordSetDto> {
    return this.links.setPassword(body.token, body.password, address);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOkResponse({ type: UserDto })
  me(@CurrentUser() user: SignedInUser): Promise<UserDto> {
    return this.accounts.get(user.id);
  }

  /** Changes the reader's own name or language; role, regions and activity stay the administrators'. */
  @Patch('me')
  @ApiBearerAuth()
  @ApiOkResponse({ type: UserDto, description: 'The account as saved' })
  @ApiBadRequestResponse({ description: 'A blank name or an unknown locale' })
  updateMe(@CurrentUser() user: SignedInUser, @Body() body: UpdateMeDto): Promise<UserDto> {
    return this.accounts.update(user, user.id, { name: body.name, locale: body.locale });
  }
}
