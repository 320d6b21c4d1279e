import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsString,
  Length,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { ApiProperty, IntersectionType, PickType } from '@nestjs/swagger';
import { REGIONS, Region, ROLES, Role, UserView } from '@app/accounts';
import { type Locale, LOCALES } from '@app/i18n';
import { IsOptionalNotNull } from '../common/validation';

/** The users API response, checked against the one shape accounts builds (UserView), both ways. */
export class UserDto implements UserView {
  id!: string;
  email!: string;
  name!: string;
  role!: Role;
  regions!: Region[];
  active!: boolean;
  /** The language of the user's pages, emails and digest. */
  @ApiProperty({ enum: LOCALES })
  locale!: Locale;
  createdAt!: string;
}

// And the other way: a field documented here that UserView does not have fails to compile.
type Holds<T extends true> = T;
export type UserDtoHasNoExtraField = Holds<UserView extends UserDto ? true : false>;

export const LOCALE_MESSAGE = `locale must be one of ${LOCALES.join(', ')}`;

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
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;

  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role!: Role;

  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(REGIONS.length)
  @IsIn(REGIONS, { each: true, message: `regions must each be one of ${REGIONS.join(', ')}` })
  regions?: Region[];

  /**
   * At least 10 characters. Without one, the user is emailed an invitation with a one-time link to choose
   * their password (valid INVITE_TTL_HOURS, 7 days by default).
   */
  @IsOptionalNotNull()
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password?: string;

  /** The language of the invitation and of the user's pages; English by default. */
  @IsOptionalNotNull()
  @IsIn(LOCALES, { message: LOCALE_MESSAGE })
  @ApiProperty({ enum: LOCALES, required: false })
  locale?: Locale;
}

export class UpdateUserDto {
  @IsOptionalNotNull()
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'name must not be blank' })
  name?: string;

  @IsOptionalNotNull()
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role?: Role;

  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(REGIONS.length)
  @IsIn(REGIONS, { each: true, message: `regions must each be one of ${REGIONS.join(', ')}` })
  regions?: Region[];

  /** false deactivates the account, signs it out everywhere and voids its set-password links. */
  @IsOptionalNotNull()
  @IsBoolean()
  active?: boolean;

  /** Sets the password directly; signs the user out everywhere. */
  @IsOptionalNotNull()
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password?: string;
}

export class InvitationDto {
  /** Where the invitation was sent. */
  sentTo!: string;
  /** When its link stops working. */
  expiresAt!: string;
}

/** What a user may change of their own account, checked as an administrator's change of it is: PATCH /api/me. */
export class UpdateMeDto extends IntersectionType(
  PickType(UpdateUserDto, ['name'] as const),
  PickType(CreateUserDto, ['locale'] as const),
) {}
