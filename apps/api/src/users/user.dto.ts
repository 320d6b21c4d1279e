import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  MinLength,
} from 'class-validator';
import { REGIONS, Region, ROLES, Role } from '@app/accounts';

export class UserDto {
  id!: string;
  email!: string;
  name!: string;
  role!: Role;
  regions!: Region[];
  active!: boolean;
  createdAt!: string;
}

export class UserPageDto {
  items!: UserDto[];
  nextCursor!: string | null;
}

export class CreateUserDto {
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email!: string;

  @IsString()
  @Length(1, 200)
  name!: string;

  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role!: Role;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(REGIONS.length)
  @IsIn(REGIONS, { each: true, message: `regions must each be one of ${REGIONS.join(', ')}` })
  regions?: Region[];

  /** At least 10 characters. Without one, the user cannot sign in until a password is set. */
  @IsOptional()
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password?: string;
}

export class UpdateUserDto {
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @IsOptional()
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role?: Role;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(REGIONS.length)
  @IsIn(REGIONS, { each: true, message: `regions must each be one of ${REGIONS.join(', ')}` })
  regions?: Region[];

  /** false deactivates the account and signs it out everywhere. */
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @IsOptional()
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password?: string;
}
