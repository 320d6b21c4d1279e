import { IsEmail, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { UserDto } from '../users/user.dto';

export class LoginDto {
  @IsString()
  @MaxLength(320)
  email!: string;

  @IsString()
  @MaxLength(500)
  password!: string;
}

export class LoginResponseDto {
  /** Send as `Authorization: Bearer <accessToken>`. */
  accessToken!: string;
  /** When the token stops working. */
  expiresAt!: string;
  user!: UserDto;
}

export class PasswordResetDto {
  /** The account's email; the answer is the same whether or not an account has it. */
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email!: string;
}

export class SetPasswordDto {
  /** The `token` of the link in the invitation or password-reset email. */
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'token must be the 43-character token of a set-password link' })
  token!: string;

  /** The new password, at least 10 characters. */
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password!: string;
}

export class PasswordSetDto {
  /** The account whose password was set: sign in with it. */
  email!: string;
}
