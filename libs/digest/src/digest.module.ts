import { Module } from '@nestjs/common';
import { AccountsModule } from '@app/accounts';
import { AdvocacyModule } from '@app/advocacy';
import { FollowUpsModule } from '@app/follow-ups';
import { InsightModule } from '@app/insight';
import { MailModule } from '@app/mail';
import { TreatyNewsModule } from '@app/states';
import { DigestRunsRepository } from './digest-runs.repository';
import { DigestSchedule } from './digest-schedule.service';
import { DigestService } from './digest.service';

@Module({
  imports: [MailModule, AccountsModule, TreatyNewsModule, AdvocacyModule, FollowUpsModule, InsightModule],
  providers: [DigestService, DigestSchedule, DigestRunsRepository],
  exports: [DigestService, DigestSchedule],
})
export class DigestModule {}
