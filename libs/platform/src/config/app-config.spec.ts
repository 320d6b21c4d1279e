import { corsOrigins, depositarySyncUrls, loadConfig, trustProxy } from './app-config';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/tracker',
      REDIS_URL: 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: 'tracker',
      SMTP_URL: 'smtp://127.0.0.1:1025',
      PORT: 3000,
      DIGEST_CRON: '0 8 * * 1',
      DIGEST_TZ: 'Europe/Amsterdam',
      ESCALATE_AFTER_DAYS: 3,
      STALL_AFTER_MONTHS: 18,
      QUIET_AFTER_MONTHS: 6,
      RECONCILE_EVERY_SECONDS: 60,
      CORS_ORIGINS: '',
      INVITE_TTL_HOURS: 168,
      RESET_TTL_MINUTES: 60,
      LOGIN_LIMIT_WINDOW_SECONDS: 900,
      LOGIN_LIMIT_PER_ACCOUNT: 10,
      LOGIN_LIMIT_PER_ADDRESS: 50,
      TRUST_PROXY: '',
    });
    expect(corsOrigins(loadConfig({}))).toEqual([]);
    expect(trustProxy(loadConfig({}))).toBe(false);
  });

  it('reads the allowed CORS origins as a list', () => {
    const config = loadConfig({ CORS_ORIGINS: 'https://a.example.org, http://localhost:8080' });
    expect(corsOrigins(config)).toEqual(['https://a.example.org', 'http://localhost:8080']);
  });

  it('reads numbers from strings', () => {
    expect(loadConfig({ PORT: '8080', ESCALATE_AFTER_DAYS: '5' })).toMatchObject({
      PORT: 8080,
      ESCALATE_AFTER_DAYS: 5,
    });
  });

  it('listens on loopback unless HOST names another address, such as 0.0.0.0 in a container', () => {
    expect(loadConfig({}).HOST).toBe('127.0.0.1');
    for (const host of ['0.0.0.0', '::', '::1', 'localhost', 'api.internal']) {
      expect(loadConfig({ HOST: host }).HOST).toBe(host);
    }
    for (const host of ['http://0.0.0.0', '0.0.0.0:3000', 'two words']) {
      expect(() => loadConfig({ HOST: host })).toThrow('HOST must be an IP address or a host name');
    }
  });

  it.each([
    ['PORT', 'eighty', 'PORT must be a whole number'],
    ['PORT', '70000', 'PORT must not be greater than 65535'],
    ['DATABASE_URL', 'mysql://x/y', 'DATABASE_URL must be a postgres:// URL'],
    ['REDIS_URL', 'localhost:6379', 'REDIS_URL must be a redis:// URL'],
    ['DIGEST_TZ', 'Mars/Olympus', 'DIGEST_TZ "Mars/Olympus" is not a known time zone'],
    ['DIGEST_CRON', 'every monday', 'DIGEST_CRON must be a cron expression'],
    ['DIGEST_CRON', '61 8 * * 1', 'DIGEST_CRON "61 8 * * 1" is not a valid cron expression'],
    ['DIGEST_CRON', '0 8 30 2 *', 'DIGEST_CRON "0 8 30 2 *" is not a valid cron expression'],
    ['DEPOSITARY_SYNC_CRON', 'daily', 'DEPOSITARY_SYNC_CRON "daily" is not a valid cron expression: it must have 5'],
    ['DEPOSITARY_SYNC_CRON', '0 3 * * 8', 'DEPOSITARY_SYNC_CRON "0 3 * * 8" is not a valid cron expression'],
    [
      'DEPOSITARY_SYNC_URLS',
      'apic=ftp://x/y',
      'DEPOSITARY_SYNC_URLS holds "apic=ftp://x/y", which is not instrument=url',
    ],
    ['DIGEST_EXTRA_RECIPIENTS', 'a@b.org, not-an-email', 'DIGEST_EXTRA_RECIPIENTS holds "not-an-email"'],
    ['ADMIN_EMAIL', 'root', 'ADMIN_EMAIL must be an email address'],
    ['CORS_ORIGINS', 'https://a.org, *', 'CORS_ORIGINS holds "*", which is not an origin'],
    ['CORS_ORIGINS', 'https://a.org/app', 'CORS_ORIGINS holds "https://a.org/app"'],
    ['LOGIN_LIMIT_PER_ACCOUNT', '0', 'LOGIN_LIMIT_PER_ACCOUNT must not be less than 1'],
    ['RESET_TTL_MINUTES', 'an hour', 'RESET_TTL_MINUTES must be a whole number'],
    ['TRUST_PROXY', 'true', 'TRUST_PROXY "true" would let every client choose its own address'],
    ['TRUST_PROXY', '11', 'TRUST_PROXY must be at most 10 proxies'],
    ['TRUST_PROXY', '10.0.0.0/8, proxy.internal', 'TRUST_PROXY holds "proxy.internal"'],
    ['TRUST_PROXY', '10.0.0.0/33', 'TRUST_PROXY holds "10.0.0.0/33"'],
    ['TRUST_PROXY', '-1', 'TRUST_PROXY holds "-1"'],
  ])('stops on an invalid %s, naming it', (name, value, message) => {
    expect(() =>
      loadConfig({ [name]: value, ...(name === 'ADMIN_EMAIL' ? { ADMIN_PASSWORD: 'long-enough-pw' } : {}) }),
    ).toThrow(message);
  });

  it('leaves the depositary sync off by default and reads its pages as instrument=url pairs', () => {
    expect(loadConfig({})).toMatchObject({ DEPOSITARY_SYNC_CRON: '', DEPOSITARY_SYNC_URLS: '' });
    expect(depositarySyncUrls(loadConfig({}))).toEqual([]);
    const config = loadConfig({
      DEPOSITARY_SYNC_CRON: '0 3 * * *',
      DEPOSITARY_SYNC_URLS: 'apic=https://un.example/XVIII-13.en.xml?a=1, rome-statute=http://mirror.example/x',
    });
    expect(depositarySyncUrls(config)).toEqual([
      { instrument: 'apic', url: 'https://un.example/XVIII-13.en.xml?a=1' },
      { instrument: 'rome-statute', url: 'http://mirror.example/x' },
    ]);
  });

  it('accepts a six-field cron with seconds, as the digest schedule may use', () => {
    expect(loadConfig({ DIGEST_CRON: '*/5 * * * * *', DIGEST_TZ: 'Asia/Kathmandu' })).toMatchObject({
      DIGEST_CRON: '*/5 * * * * *',
      DIGEST_TZ: 'Asia/Kathmandu',
    });
  });

  it('reads TRUST_PROXY as off, a number of proxies, or the addresses and networks of the proxies', () => {
    for (const off of ['false', '0', ' ']) expect(trustProxy(loadConfig({ TRUST_PROXY: off }))).toBe(false);
    expect(trustProxy(loadConfig({ TRUST_PROXY: '1' }))).toBe(1);
    expect(trustProxy(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,fd00::/8 , loopback' }))).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      'fd00::/8',
      'loopback',
    ]);
  });

  it('requires a password when an admin email is given', () => {
    expect(() => loadConfig({ ADMIN_EMAIL: 'a@b.org' })).toThrow('ADMIN_PASSWORD must be set when ADMIN_EMAIL is');
  });
});
