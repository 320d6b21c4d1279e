import { Module } from '@nestjs/common';
import { AccountsModule } from '@app/accounts';
import { AuditModule } from '@app/audit';
import { MailModule } from '@app/mail';
import { FollowUpStatsRepository } from './follow-up-stats.repository';
import { FollowUpStatsService } from './follow-up-stats.service';
import { FollowUpsRepository } from './follow-ups.repository';
import { FollowUpsService } from './follow-ups.service';
import { RemindersService } from './reminders.service';

@Module({
  // Accounts' UserDirectory is the door to users: assignees, escalation recipients, the calendar secret.
  imports: [MailModule, AuditModule, AccountsModule],
  providers: [FollowUpsRepository, FollowUpStatsRepository, FollowUpsService, FollowUpStatsService, RemindersService],
  exports: [FollowUpsService, FollowUpStatsService, RemindersService, MailModule],
})
export class FollowUpsModule {}
