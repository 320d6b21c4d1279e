import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { AccountsService } from './accounts.service';
import { UserDirectory } from './user-directory';
import { UserEntity } from './user.entity';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity]), AuditModule],
  providers: [AccountsService, UserDirectory],
  exports: [AccountsService, UserDirectory],
})
export class AccountsModule {}
