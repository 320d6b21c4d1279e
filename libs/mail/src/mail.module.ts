import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { MailTransport } from './mail-transport';
import { OutboxReviewService } from './outbox-review.service';
import { OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';

@Module({
  imports: [AuditModule],
  providers: [MailTransport, OutboxRepository, OutboxService, OutboxReviewService],
  exports: [OutboxService, OutboxReviewService],
})
export class MailModule {}
