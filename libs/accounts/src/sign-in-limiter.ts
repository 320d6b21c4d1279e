import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig, REDIS } from '@app/platform';
import { AccountsErrorCode, accountsError } from './accounts.errors';
import { normalizeEmail } from './email';
import { answerWithin, countInWindow, WindowCount } from './window-counter';

/**
 * Sign-in limits, as fixed-window counters in Redis that expire on their own, so a limit reached is always
 * lifted when its window ends (LOGIN_LIMIT_WINDOW_SECONDS, 15 minutes by default):
 * - per client address, every sign-in, password-reset and set-password request (each may cost an argon2
 *   computation), LOGIN_LIMIT_PER_ADDRESS (50) per window;
 * - per account, failed sign-ins only, LOGIN_LIMIT_PER_ACCOUNT (10) per window, counted by email whether or not
 *   an account has it, so the answer does not reveal which emails exist, and by normalizeEmail, the form that finds
 *   the account (so `İ` and `i` are one count, as they are one account). A locked-out owner can still reset
 *   their password by email, which clears the count, as does a successful sign-in.
 * Redis not answering stops sign-in with a 503 rather than letting unlimited guesses through.
 */
@Injectable()
export class SignInLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  /** Counts one request from `address`; throws a 429 once the address is over its limit. */
  async countAddress(address: string): Promise<void> {
    const { count, resetInMs } = await this.hit(this.key('address', addressKey(address)));
    if (count > this.config.LOGIN_LIMIT_PER_ADDRESS) {
      throw tooMany(
        'too-many-requests-from-address',
        'too many sign-in and password requests from your network address',
        resetInMs,
      );
    }
  }

  /**
   * Counts a sign-in attempt for `email` before its password is checked (so parallel guesses are counted too);
   * `succeeded` takes it back. Throws a 429 once the failures reach the limit.
   */
  async countAccountAttempt(email: string): Promise<void> {
    const { count, resetInMs } = await this.hit(this.accountKey(email));
    if (count > this.config.LOGIN_LIMIT_PER_ACCOUNT) {
      throw tooMany(
        'too-many-failed-sign-ins',
        'too many failed sign-ins for this account',
        resetInMs,
        ', or set a new password with a reset link sent by email',
      );
    }
  }

  /** A correct password or a new one set through a link ends the account's count of failures. */
  async succeeded(email: string): Promise<void> {
    try {
      await answerWithin(this.redis.del(this.accountKey(email)));
    } catch (err) {
      throw storeDown((err as Error).message);
    }
  }

  private accountKey(email: string): string {
    return this.key('account', createHash('sha256').update(normalizeEmail(email)).digest('hex'));
  }

  private key(kind: 'address' | 'account', id: string): string {
    return `${this.config.QUEUE_PREFIX}:sign-in:${kind}:${id}`;
  }

  /** Adds one to a counter of the sign-in window; Redis not answering is a 503, never an unlimited guess. */
  private async hit(key: string): Promise<WindowCount> {
    try {
      return await countInWindow(this.redis, key, this.config.LOGIN_LIMIT_WINDOW_SECONDS * 1000);
    } catch (err) {
      throw storeDown((err as Error).message);
    }
  }
}

function storeDown(detail: string) {
  return accountsError(
    'sign-in-limits-unavailable',
    `sign-in is briefly unavailable (the limits store did not answer: ${detail}); try again shortly`,
  );
}

function tooMany(
  code: Extract<AccountsErrorCode, `too-many-${string}`>,
  what: string,
  resetInMs: number,
  alternative = '',
) {
  const seconds = Math.max(1, Math.ceil(resetInMs / 1000));
  const at = new Date(Date.now() + seconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
  const wait = seconds < 120 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  return accountsError(code, `${what}; try again in ${wait} (after ${at} UTC)${alternative}`, seconds);
}

/**
 * The part of a client address that identifies one client: an IPv4 address, or the /64 network of an IPv6
 * address (one subscriber usually holds a whole /64, so counting single IPv6 addresses would be easy to evade).
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (!address.includes(':')) return address;
  const [head, tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = address.includes('::') && tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
