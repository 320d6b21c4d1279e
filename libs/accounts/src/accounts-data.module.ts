import { Module } from '@nestjs/common';
import { AccessTokensRepository } from './access-tokens.repository';
import { PasswordLinksRepository } from './password-links.repository';
import { UsersRepository } from './users.repository';

/**
 * The accounts library's tables, for its own modules only: AccountsModule and SignInModule import it, and other
 * libraries reach users through UserDirectory (or the user_ref view), never these repositories.
 */
@Module({
  providers: [UsersRepository, AccessTokensRepository, PasswordLinksRepository],
  exports: [UsersRepository, AccessTokensRepository, PasswordLinksRepository],
})
export class AccountsDataModule {}
