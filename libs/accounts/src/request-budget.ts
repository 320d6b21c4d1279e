import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig, REDIS } from '@app/platform';
import { accountsError } from './accounts.errors';
import { countInWindow } from './window-counter';

const MINUTE_MS = 60_000;

/**
 * Each signed-in user's request budget: USER_REQUESTS_PER_MINUTE (1,200 by default; 0 turns it off), counted in
 * Redis in fixed one-minute windows shared by every api process, so one account cannot take the service from the
 * others. Beyond it the answer is 429 with Retry-After. Unlike the sign-in limits, which guard passwords and stop
 * when Redis does not answer, the budget lets requests through then (and says so in the log): a Redis blip must not
 * stop everyone's work.
 */
@Injectable()
export class RequestBudget {
  private readonly logger = new Logger(RequestBudget.name);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  /** Counts one request of `userId`; throws a 429 once the user is over the minute's budget. */
  async spend(userId: string): Promise<void> {
    const limit = this.config.USER_REQUESTS_PER_MINUTE;
    if (limit === 0) return;
    let counted: { count: number; resetInMs: number };
    try {
      counted = await countInWindow(this.redis, `${this.config.QUEUE_PREFIX}:budget:${userId}`, MINUTE_MS, 500);
    } catch (err) {
      this.logger.warn(`request budget not counted, Redis did not answer: ${(err as Error).message}`);
      return;
    }
    if (counted.count > limit) {
      const seconds = Math.max(1, Math.ceil(counted.resetInMs / 1000));
      throw accountsError(
        'too-many-requests-from-user',
        `more than ${limit} requests in a minute from this account; try again in ${seconds} seconds`,
        seconds,
      );
    }
  }
}
