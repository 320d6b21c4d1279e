import { isIP } from 'node:net';
import { defaultRepeatStrategy } from 'bullmq';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

const URL_OF = (schemes: string[]) => new RegExp(`^(${schemes.join('|')})://[^\\s]+$`);

/**
 * Every environment variable the api and the worker read, with its default.
 * An invalid value stops the process at start with a message naming the variable.
 */
export class AppConfig {
  @Matches(URL_OF(['postgres', 'postgresql']), { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/tracker';

  @Matches(URL_OF(['redis', 'rediss']), { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  @Matches(/^[A-Za-z0-9_-]{1,40}$/, { message: 'QUEUE_PREFIX must be 1-40 letters, digits, - or _' })
  QUEUE_PREFIX = 'tracker';

  @Matches(URL_OF(['smtp', 'smtps']), { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL = 'smtp://127.0.0.1:1025';

  @IsString()
  MAIL_FROM = 'Rome Statute campaign tracker <tracker@localhost>';

  /** The address the api listens on: loopback by default; 0.0.0.0 (every interface) in a container. */
  @Matches(
    /^([0-9]{1,3}(\.[0-9]{1,3}){3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*|[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?)$/,
    {
      message: 'HOST must be an IP address or a host name to listen on, such as 127.0.0.1 or 0.0.0.0',
    },
  )
  HOST = '127.0.0.1';

  @Transform(toInt)
  @IsInt({ message: 'PORT must be a whole number' })
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @Matches(URL_OF(['http', 'https']), { message: 'PUBLIC_URL must be an http(s):// URL' })
  PUBLIC_URL = 'http://localhost:3000';

  @IsOptional()
  @IsEmail({}, { message: 'ADMIN_EMAIL must be an email address' })
  ADMIN_EMAIL?: string;

  @IsOptional()
  @MinLength(10, { message: 'ADMIN_PASSWORD must be at least 10 characters' })
  ADMIN_PASSWORD?: string;

  @Matches(/^\S+( \S+){4,5}$/, { message: 'DIGEST_CRON must be a cron expression of 5 or 6 fields' })
  DIGEST_CRON = '0 8 * * 1';

  @IsString()
  DIGEST_TZ = 'Europe/Amsterdam';

  @IsString()
  DIGEST_EXTRA_RECIPIENTS = '';

  /** When the worker fetches the UN status pages (cron, in UTC); empty: never (the default). */
  @IsString()
  DEPOSITARY_SYNC_CRON = '';

  /**
   * The status pages the sync fetches, as `instrument=url` pairs separated by commas; empty: the UN's MTDSG XML
   * page of every instrument of the catalogue.
   */
  @IsString()
  DEPOSITARY_SYNC_URLS = '';

  @Transform(toInt)
  @IsInt({ message: 'ESCALATE_AFTER_DAYS must be a whole number' })
  @Min(1)
  @Max(365)
  ESCALATE_AFTER_DAYS = 3;

  /** A state whose stage has not moved for this many months (and that is quiet) is listed as stalled. */
  @Transform(toInt)
  @IsInt({ message: 'STALL_AFTER_MONTHS must be a whole number' })
  @Min(1)
  @Max(240)
  STALL_AFTER_MONTHS = 18;

  /** Quiet: no action logged for the state in this many months. */
  @Transform(toInt)
  @IsInt({ message: 'QUIET_AFTER_MONTHS must be a whole number' })
  @Min(1)
  @Max(120)
  QUIET_AFTER_MONTHS = 6;

  @Transform(toInt)
  @IsInt({ message: 'RECONCILE_EVERY_SECONDS must be a whole number' })
  @Min(5)
  @Max(3600)
  RECONCILE_EVERY_SECONDS = 60;

  @Transform(toInt)
  @IsInt({ message: 'TOKEN_TTL_HOURS must be a whole number' })
  @Min(1)
  @Max(24 * 90)
  TOKEN_TTL_HOURS = 12;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Browser origins (scheme://host[:port]) allowed to call the API cross-origin, comma-separated; empty: none. */
  @IsString()
  CORS_ORIGINS = '';

  @Transform(toInt)
  @IsInt({ message: 'INVITE_TTL_HOURS must be a whole number' })
  @Min(1)
  @Max(24 * 30)
  INVITE_TTL_HOURS = 168;

  @Transform(toInt)
  @IsInt({ message: 'RESET_TTL_MINUTES must be a whole number' })
  @Min(5)
  @Max(24 * 60)
  RESET_TTL_MINUTES = 60;

  /** The window of the sign-in limits below; a limit reached is lifted when its window ends. */
  @Transform(toInt)
  @IsInt({ message: 'LOGIN_LIMIT_WINDOW_SECONDS must be a whole number' })
  @Min(1)
  @Max(24 * 3600)
  LOGIN_LIMIT_WINDOW_SECONDS = 900;

  /** Failed sign-ins per account (by email, known or not) per window. */
  @Transform(toInt)
  @IsInt({ message: 'LOGIN_LIMIT_PER_ACCOUNT must be a whole number' })
  @Min(1)
  @Max(10_000)
  LOGIN_LIMIT_PER_ACCOUNT = 10;

  /** Sign-in, password-reset and set-password requests per client address per window. */
  @Transform(toInt)
  @IsInt({ message: 'LOGIN_LIMIT_PER_ADDRESS must be a whole number' })
  @Min(1)
  @Max(1_000_000)
  LOGIN_LIMIT_PER_ADDRESS = 50;

  /** Requests per signed-in user per minute, across every api process; 0 turns the budget off. */
  @Transform(toInt)
  @IsInt({ message: 'USER_REQUESTS_PER_MINUTE must be a whole number' })
  @Min(0)
  @Max(1_000_000)
  USER_REQUESTS_PER_MINUTE = 1_200;

  /**
   * Whom to believe about the client's address in X-Forwarded-For: empty (or `false`, `0`) nobody, the peer is the
   * client; a number, that many reverse proxies in front; or the proxies' addresses or networks, comma-separated
   * (`10.0.0.0/8, 127.0.0.1`, or `loopback`, `linklocal`, `uniquelocal`). See trustProxy().
   */
  @IsString()
  TRUST_PROXY = '';
}

/** CORS_ORIGINS as a list; empty means no cross-origin caller is allowed. */
export function corsOrigins(config: Pick<AppConfig, 'CORS_ORIGINS'>): string[] {
  return config.CORS_ORIGINS.split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** One entry of a TRUST_PROXY list: an address, a network (address/prefix) or one of proxy-addr's names. */
function isProxyAddress(entry: string): boolean {
  if (PROXY_NAMES.includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128));
}

/**
 * TRUST_PROXY as Fastify's trustProxy: false (the peer is the client), a number of proxy hops, or the list of
 * trusted proxies. Only then do the per-address limits see each client behind a reverse proxy rather than the proxy.
 */
export function trustProxy(config: Pick<AppConfig, 'TRUST_PROXY'>): false | number | string[] {
  const value = config.TRUST_PROXY.trim();
  if (value === '' || value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value) === 0 ? false : Number(value);
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Why TRUST_PROXY is refused, or ''. */
function trustProxyError(config: AppConfig): string {
  const value = config.TRUST_PROXY.trim();
  if (value === 'true') {
    return 'TRUST_PROXY "true" would let every client choose its own address: give the number of proxies (1) or their addresses';
  }
  const setting = trustProxy(config);
  if (typeof setting === 'number' && setting > 10) return 'TRUST_PROXY must be at most 10 proxies';
  const bad = Array.isArray(setting) ? setting.find((s) => !isProxyAddress(s)) : undefined;
  return bad === undefined
    ? ''
    : `TRUST_PROXY holds "${bad}", which is neither a number of proxies nor an address or network such as 10.0.0.0/8`;
}

export class InvalidConfigError extends Error {}

function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Why BullMQ's cron parser (the one the schedulers use) refuses a cron expression, or '' when it accepts it. */
function cronError(pattern: string, tz: string): string {
  if (!/^\S+( \S+){4,5}$/.test(pattern)) return 'it must have 5 or 6 fields';
  try {
    // Throws on an out-of-range or impossible field (minute 61, 30 February); undefined when it never fires.
    const next = defaultRepeatStrategy(Date.now(), { pattern, tz });
    return next === undefined ? 'it never fires' : '';
  } catch (err) {
    return (err as Error).message;
  }
}

/** Reads and validates the environment; throws an error naming every invalid variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const given = Object.fromEntries(
    Object.entries(env).filter(
      ([k, v]) => (known.includes(k) || k.startsWith('ADMIN_')) && v !== undefined && v !== '',
    ),
  );
  const config = plainToInstance(AppConfig, given, { exposeDefaultValues: true });
  const problems = validateSync(config, { skipMissingProperties: false }).flatMap((e) =>
    Object.values(e.constraints ?? {}),
  );
  const knownZone = isValidTimeZone(config.DIGEST_TZ);
  if (!knownZone) problems.push(`DIGEST_TZ "${config.DIGEST_TZ}" is not a known time zone`);
  const cronProblem =
    knownZone && !problems.some((p) => p.startsWith('DIGEST_CRON')) && cronError(config.DIGEST_CRON, config.DIGEST_TZ);
  if (cronProblem) problems.push(`DIGEST_CRON "${config.DIGEST_CRON}" is not a valid cron expression: ${cronProblem}`);
  const syncCron = config.DEPOSITARY_SYNC_CRON.trim();
  const syncProblem = syncCron !== '' && cronError(syncCron, 'UTC');
  if (syncProblem) problems.push(`DEPOSITARY_SYNC_CRON "${syncCron}" is not a valid cron expression: ${syncProblem}`);
  const badSource = config.DEPOSITARY_SYNC_URLS.split(',')
    .map((s) => s.trim())
    .find((s) => s !== '' && !/^[a-z0-9-]+=https?:\/\/\S+$/.test(s));
  if (badSource) {
    problems.push(
      `DEPOSITARY_SYNC_URLS holds "${badSource}", which is not instrument=url (amendment-art8-2010=https://treaties.un.org/…)`,
    );
  }
  if (config.ADMIN_EMAIL && !config.ADMIN_PASSWORD) problems.push('ADMIN_PASSWORD must be set when ADMIN_EMAIL is');
  const badRecipient = config.DIGEST_EXTRA_RECIPIENTS.split(',')
    .map((s) => s.trim())
    .find((s) => s !== '' && !/^[^\s@]+@[^\s@]+$/.test(s));
  if (badRecipient) problems.push(`DIGEST_EXTRA_RECIPIENTS holds "${badRecipient}", which is not an email address`);
  // An origin is exactly what a browser sends in its Origin header: no path, no trailing slash, no wildcard.
  const badOrigin = corsOrigins(config).find((o) => !/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(o));
  if (badOrigin) {
    problems.push(`CORS_ORIGINS holds "${badOrigin}", which is not an origin such as https://tracker.example.org`);
  }
  const proxyProblem = trustProxyError(config);
  if (proxyProblem) problems.push(proxyProblem);
  if (problems.length > 0) throw new InvalidConfigError(`Invalid configuration: ${problems.join('; ')}`);
  return config;
}

/** DEPOSITARY_SYNC_URLS as pairs, in the order given; empty when the defaults apply. */
export function depositarySyncUrls(
  config: Pick<AppConfig, 'DEPOSITARY_SYNC_URLS'>,
): { instrument: string; url: string }[] {
  return config.DEPOSITARY_SYNC_URLS.split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => {
      const at = s.indexOf('=');
      return { instrument: s.slice(0, at), url: s.slice(at + 1) };
    });
}
