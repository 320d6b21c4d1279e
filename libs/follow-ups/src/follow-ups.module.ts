import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { MailModule } from '@app/mail';
import { FollowUpsService } from './follow-ups.service';
import { RemindersService } from './reminders.service';

@Module({
  imports: [MailModule, AuditModule],
  providers: [FollowUpsService, RemindersService],
  exports: [FollowUpsService, RemindersService, MailModule],
})
export class FollowUpsModule {}
