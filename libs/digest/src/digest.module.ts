import { Module } from '@nestjs/common';
import { MailModule } from '@app/mail';
import { DigestSchedule } from './digest-schedule.service';
import { DigestService } from './digest.service';

@Module({
  imports: [MailModule],
  providers: [DigestService, DigestSchedule],
  exports: [DigestService, DigestSchedule],
})
export class DigestModule {}
