import Redis from 'ioredis';

export interface WindowCount {
  count: number;
  resetInMs: number;
}

/**
 * Adds one to a counter in Redis whose fixed window starts at its first hit and is never extended, so a limit
 * reached is always lifted when its window ends. Throws when Redis does not answer within `timeoutMs`.
 */
export function countInWindow(redis: Redis, key: string, windowMs: number, timeoutMs = 1500): Promise<WindowCount> {
  return addInWindow(redis, key, 1, windowMs, timeoutMs);
}

/**
 * Adds `amount` to a counter as countInWindow does (same fixed window), in one round trip: the total after it and
 * the time left in the window. Throws when Redis does not answer within `timeoutMs`.
 */
export async function addInWindow(
  redis: Redis,
  key: string,
  amount: number,
  windowMs: number,
  timeoutMs = 1500,
): Promise<WindowCount> {
  const replies = await answerWithin(
    redis.multi().set(key, '0', 'PX', windowMs, 'NX').incrby(key, amount).pttl(key).exec(),
    timeoutMs,
  );
  const failed = replies?.find(([err]) => err);
  if (!replies || failed) throw new Error(failed?.[0]?.message ?? 'transaction aborted');
  const ttl = Number(replies[2][1]);
  return { count: Number(replies[1][1]), resetInMs: ttl > 0 ? ttl : windowMs };
}

/** The command's answer, or an error once `timeoutMs` has passed without one (a Redis that holds its bytes). */
export async function answerWithin<T>(command: Promise<T>, timeoutMs = 1500): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([command, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
