import { Module } from '@nestjs/common';
import { MailTransport } from './mail-transport';
import { OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';

@Module({
  providers: [MailTransport, OutboxRepository, OutboxService],
  exports: [OutboxService],
})
export class MailModule {}
