import { Module } from '@nestjs/common';
import { AccountsModule } from '@app/accounts';
import { MailModule } from '@app/mail';
import { DigestRunsRepository } from './digest-runs.repository';
import { DigestSchedule } from './digest-schedule.service';
import { DigestService } from './digest.service';

@Module({
  imports: [MailModule, AccountsModule],
  providers: [DigestService, DigestSchedule, DigestRunsRepository],
  exports: [DigestService, DigestSchedule],
})
export class DigestModule {}
