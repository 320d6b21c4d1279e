import type Redis from 'ioredis';
import type { AppConfig } from '@app/platform';
import { RequestBudget } from './request-budget';

/** The few Redis commands the budget sends (SET NX PX, INCRBY, PTTL in one MULTI), on one shared counter store. */
class FakeRedis {
  readonly counters = new Map<string, { value: number; expiresAt: number }>();
  roundTrips = 0;
  down = false;

  multi() {
    const ops: (() => [null, unknown])[] = [];
    const chain = {
      set: (key: string, value: string, _px: 'PX', ms: number, _nx: 'NX') => {
        ops.push(() => {
          const now = Date.now();
          const c = this.counters.get(key);
          if (c && c.expiresAt > now) return [null, null];
          this.counters.set(key, { value: Number(value), expiresAt: now + ms });
          return [null, 'OK'];
        });
        return chain;
      },
      incrby: (key: string, amount: number) => {
        ops.push(() => {
          const c = this.counters.get(key)!;
          c.value += amount;
          return [null, c.value];
        });
        return chain;
      },
      pttl: (key: string) => {
        ops.push(() => [null, this.counters.get(key)!.expiresAt - Date.now()]);
        return chain;
      },
      exec: async () => {
        this.roundTrips += 1;
        await new Promise((r) => setTimeout(r, 1));
        if (this.down) throw new Error('connection refused');
        return ops.map((op) => op());
      },
    };
    return chain;
  }
}

const budgetOf = (redis: FakeRedis, limit: number) =>
  new RequestBudget(
    redis as unknown as Redis,
    {
      USER_REQUESTS_PER_MINUTE: limit,
      QUEUE_PREFIX: 'test',
    } as AppConfig,
  );

/** Spends `n` requests of `user` one after another; how many were served before the first refusal. */
async function served(budget: RequestBudget, user: string, n: number): Promise<number> {
  for (let i = 0; i < n; i++) {
    try {
      await budget.spend(user);
    } catch {
      return i;
    }
  }
  return n;
}

describe('RequestBudget: leases of the budget counted in Redis', () => {
  it('serves exactly the budget in one process, asking Redis once per lease, then refuses with Retry-After', async () => {
    const redis = new FakeRedis();
    const budget = budgetOf(redis, 1_200);
    expect(await served(budget, 'ama', 1_300)).toBe(1_200);
    // A lease is 24 requests: 50 round trips served 1,200, one more learnt the budget was spent.
    expect(redis.roundTrips).toBe(51);
    const refused = await budget.spend('ama').catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'too-many-requests-from-user' });
    expect((refused as Error).message).toMatch(/try again in (60|59) seconds/);
    // Refusals are decided in memory until the window ends.
    expect(redis.roundTrips).toBe(51);
    // Another user has a budget of their own.
    expect(await served(budget, 'bo', 10)).toBe(10);
  });

  it('takes one lease for requests arriving together', async () => {
    const redis = new FakeRedis();
    const budget = budgetOf(redis, 1_200);
    await Promise.all(Array.from({ length: 20 }, () => budget.spend('ama')));
    expect(redis.roundTrips).toBe(1);
  });

  it('never serves more than the budget across processes sharing Redis', async () => {
    const redis = new FakeRedis();
    const processes = [budgetOf(redis, 100), budgetOf(redis, 100), budgetOf(redis, 100)];
    let total = 0;
    for (let round = 0; round < 60; round++) {
      for (const p of processes) total += await served(p, 'ama', 1);
    }
    expect(total).toBeLessThanOrEqual(100);
    // Each process may hold a lease (2 requests) it has not spent when the others run out.
    expect(total).toBeGreaterThanOrEqual(100 - 3 * 2);
  });

  it('counts exactly with a small budget (leases of one request)', async () => {
    const redis = new FakeRedis();
    expect(await served(budgetOf(redis, 20), 'ama', 25)).toBe(20);
  });

  it('lets requests through while Redis does not answer, and counts again once it does', async () => {
    const redis = new FakeRedis();
    const budget = budgetOf(redis, 20);
    redis.down = true;
    expect(await served(budget, 'ama', 30)).toBe(30);
    redis.down = false;
    expect(await served(budget, 'ama', 30)).toBe(20);
  });
});
