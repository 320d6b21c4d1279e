import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { MailModule } from '@app/mail';
import { FollowUpStatsService } from './follow-up-stats.service';
import { FollowUpsService } from './follow-ups.service';
import { RemindersService } from './reminders.service';

@Module({
  imports: [MailModule, AuditModule],
  providers: [FollowUpsService, FollowUpStatsService, RemindersService],
  exports: [FollowUpsService, FollowUpStatsService, RemindersService, MailModule],
})
export class FollowUpsModule {}
