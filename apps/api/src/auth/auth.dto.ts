import { IsString, MaxLength } from 'class-validator';
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
