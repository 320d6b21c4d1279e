import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { AccountsDataModule } from './accounts-data.module';
import { AccountsService } from './accounts.service';
import { UserDirectory } from './user-directory';

@Module({
  imports: [AccountsDataModule, AuditModule],
  providers: [AccountsService, UserDirectory],
  exports: [AccountsService, UserDirectory],
})
export class AccountsModule {}
