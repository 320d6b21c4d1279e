import { Inject, Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfigModule, DatabaseModule, LoggingModule, QueueModule, REDIS } from '@app/platform';

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
  imports: [AppConfigModule, LoggingModule, DatabaseModule, QueueModule],
  providers: [QueueConnectionCheck],
})
export class WorkerModule {}
