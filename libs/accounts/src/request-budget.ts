import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig, REDIS } from '@app/platform';
import { accountsError } from './accounts.errors';
import { addInWindow } from './window-counter';

const MINUTE_MS = 60_000;
/** A lease is a fiftieth of the budget (24 requests of 1,200): one Redis round trip per that many requests. */
const LEASES_PER_BUDGET = 50;
/** Users whose window has ended are forgotten once this many are known. */
const PRUNE_ABOVE = 1_000;

/** What this process holds of one user's budget in the current window. */
interface Lease {
  /** Requests taken from Redis and not spent yet. */
  left: number;
  /** When the window (of the Redis counter) ends, by this process's clock. */
  endsAt: number;
  /** The window's budget is spent, by this process or others: refuse until endsAt. */
  spent: boolean;
  /** A request to Redis for more, which the requests arriving meanwhile wait for. */
  taking?: Promise<void>;
}

/**
 * Each signed-in user's request budget: USER_REQUESTS_PER_MINUTE (1,200 by default; 0 turns it off), counted in
 * Redis in fixed one-minute windows shared by every api process, so one account cannot take the service from the
 * others. Beyond it the answer is 429 with Retry-After. Unlike the sign-in limits, which guard passwords and stop
 * when Redis does not answer, the budget lets requests through then (and says so in the log): a Redis blip must not
 * stop everyone's work.
 *
 * A process does not ask Redis on every request: it takes a lease of a fiftieth of the budget at once (counted in
 * Redis as spent), spends it from memory, and asks again when it is used up; once Redis says the budget is spent,
 * the process refuses the user without asking until the window ends. Within one process the count is exact; with
 * several, a user may be refused up to a lease's worth per process early (requests leased and not yet sent), never
 * served beyond the budget.
 */
@Injectable()
export class RequestBudget {
  private readonly logger = new Logger(RequestBudget.name);
  private readonly leases = new Map<string, Lease>();

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  /** Counts one request of `userId`; throws a 429 once the user is over the minute's budget. */
  async spend(userId: string): Promise<void> {
    const limit = this.config.USER_REQUESTS_PER_MINUTE;
    if (limit === 0) return;
    for (;;) {
      let lease = this.leases.get(userId);
      if (lease && Date.now() >= lease.endsAt && !lease.taking) {
        this.leases.delete(userId);
        lease = undefined;
      }
      if (lease?.spent) throw overBudget(limit, lease.endsAt - Date.now());
      if (lease && lease.left > 0) {
        lease.left -= 1;
        return;
      }
      if (lease?.taking) {
        await lease.taking;
        continue;
      }
      const fresh: Lease = lease ?? { left: 0, endsAt: 0, spent: false };
      if (!lease) this.prune().leases.set(userId, fresh);
      let answered = false;
      fresh.taking = this.take(userId, fresh, limit).then((ok) => {
        answered = ok;
        fresh.taking = undefined;
      });
      await fresh.taking;
      // Redis did not answer: this request goes through uncounted, as the next one will try again.
      if (!answered) {
        if (this.leases.get(userId) === fresh && fresh.left === 0 && !fresh.spent) this.leases.delete(userId);
        return;
      }
    }
  }

  /** Takes the next lease of the user's budget from Redis into `lease`; false when Redis did not answer. */
  private async take(userId: string, lease: Lease, limit: number): Promise<boolean> {
    const size = Math.max(1, Math.floor(limit / LEASES_PER_BUDGET));
    try {
      const counted = await addInWindow(
        this.redis,
        `${this.config.QUEUE_PREFIX}:budget:${userId}`,
        size,
        MINUTE_MS,
        500,
      );
      // Of this lease, only what fits under the budget once the requests counted before it are served.
      const granted = Math.min(size, Math.max(0, limit - (counted.count - size)));
      lease.left += granted;
      lease.endsAt = Date.now() + counted.resetInMs;
      if (granted === 0) lease.spent = true;
      return true;
    } catch (err) {
      this.logger.warn(`request budget not counted, Redis did not answer: ${(err as Error).message}`);
      return false;
    }
  }

  /** Forgets the users whose window has ended, once many are known. */
  private prune(): this {
    if (this.leases.size < PRUNE_ABOVE) return this;
    const now = Date.now();
    for (const [userId, lease] of this.leases) if (now >= lease.endsAt && !lease.taking) this.leases.delete(userId);
    return this;
  }
}

function overBudget(limit: number, resetInMs: number): Error {
  const seconds = Math.max(1, Math.ceil(resetInMs / 1000));
  return accountsError(
    'too-many-requests-from-user',
    `more than ${limit} requests in a minute from this account; try again in ${seconds} seconds`,
    seconds,
  );
}
