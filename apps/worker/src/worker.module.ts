import { BullModule } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import Redis from 'ioredis';
import { DigestModule } from '@app/digest';
import { FollowUpsModule } from '@app/follow-ups';
import { AppConfigModule, DatabaseModule, JobHandlers, LoggingModule, QueueModule, QUEUES, REDIS } from '@app/platform';
import { StatesModule } from '@app/states';
import { DepositaryProcessor } from './depositary.processor';
import { DigestProcessor } from './digest.processor';
import { DepositaryWorker, DigestWorker, MailWorker, RemindersWorker, WorkerStart } from './queue-workers';
import { MailProcessor } from './mail.processor';
import { Reconciler } from './reconciler.service';
import { RemindersProcessor } from './reminders.processor';

/** Confirms at start that the worker reaches Redis, where its queues live. */
@Injectable()
class QueueConnectionCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger('Worker');

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.redis.ping();
    this.logger.log('Worker connected to Redis and ready');
  }
}

@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    DatabaseModule,
    QueueModule,
    BullModule.registerQueue(...QUEUES.map((name) => ({ name }))),
    FollowUpsModule,
    DigestModule,
    StatesModule,
  ],
  providers: [
    QueueConnectionCheck,
    JobHandlers,
    RemindersProcessor,
    MailProcessor,
    DigestProcessor,
    DepositaryProcessor,
    RemindersWorker,
    MailWorker,
    DigestWorker,
    DepositaryWorker,
    WorkerStart,
    Reconciler,
  ],
})
export class WorkerModule {}
