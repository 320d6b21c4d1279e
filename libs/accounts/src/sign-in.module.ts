import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { MailModule } from '@app/mail';
import { AccountsDataModule } from './accounts-data.module';
import { AccountsModule } from './accounts.module';
import { PasswordLinksService } from './password-links.service';
import { RequestBudget } from './request-budget';
import { SignInLimiter } from './sign-in-limiter';
import { SignInService } from './sign-in.service';

/**
 * Sign-in with its limits, invitations and password resets: what the api needs on top of AccountsModule.
 * Kept apart because these need Redis and the outbox, which start-up (migrations, first admin) does not.
 */
@Module({
  imports: [AccountsModule, AccountsDataModule, AuditModule, MailModule],
  providers: [SignInLimiter, SignInService, PasswordLinksService, RequestBudget],
  exports: [AccountsModule, SignInService, PasswordLinksService, RequestBudget],
})
export class SignInModule {}
