/**
 * The job catalogue: fixed names, typed payloads that carry ids only (handlers re-read the rows), and
 * the one function that decides job ids. Ids are deterministic so that enqueueing the same work twice
 * (the reconciler, a retry, two workers) leaves one job. BullMQ accepts ':' in a custom id only as three
 * parts, so every id here has exactly three.
 */
export const QUEUES = ['reminders', 'mail', 'digest', 'depositary'] as const;
export type QueueName = (typeof QUEUES)[number];

export type Job =
  | { queue: 'reminders'; name: 'follow-up.reminder'; data: { followUpId: string; remindAt: string } }
  | { queue: 'reminders'; name: 'follow-up.escalation'; data: { followUpId: string; remindAt: string } }
  | { queue: 'mail'; name: 'mail.send'; data: { outboxId: string } }
  | { queue: 'mail'; name: 'mail.due'; data: { at: string } }
  | { queue: 'digest'; name: 'digest.compose'; data: { week: string; trigger: DigestTrigger } }
  /** One UN status page of the scheduled depositary sync, fetched and filed as proposals (`at`: the run's time). */
  | { queue: 'depositary'; name: 'depositary.fetch'; data: { instrument: string; url: string; at: string } };

/** Why a week's digest is composed: its scheduled run, a run missed while no worker was up, or an admin. */
export type DigestTrigger = 'schedule' | 'catch-up' | 'manual';

/**
 * The weekly digest's BullMQ job scheduler (DIGEST_CRON in DIGEST_TZ). BullMQ names the jobs it creates
 * itself (`repeat:<scheduler>:<time>`); each only enqueues `digest.compose` for the week that run covers.
 */
export const DIGEST_SCHEDULER = { id: 'digest-weekly', jobName: 'digest.tick' } as const;

/**
 * The depositary sync's job scheduler (DEPOSITARY_SYNC_CRON, in UTC; none when it is empty). Each run only
 * enqueues one `depositary.fetch` per status page, so one unreachable page never holds up the others.
 */
export const DEPOSITARY_SCHEDULER = { id: 'depositary-sync', jobName: 'depositary.tick' } as const;

export type JobName = Job['name'];

export function jobId(job: Job): string {
  switch (job.name) {
    case 'follow-up.reminder':
      return `reminder:${job.data.followUpId}:${Date.parse(job.data.remindAt)}`;
    case 'follow-up.escalation':
      return `escalation:${job.data.followUpId}:${Date.parse(job.data.remindAt)}`;
    case 'mail.send':
      return `mail:${job.data.outboxId}:send`;
    case 'mail.due':
      return `mail-due:${Date.parse(job.data.at)}:batch`;
    case 'digest.compose':
      return `digest:${job.data.week}:compose`;
    case 'depositary.fetch':
      return `depositary-fetch:${job.data.instrument}:${Date.parse(job.data.at)}`;
  }
}

/** Per-queue settings; the environment may override them (QUEUE_<NAME>_CONCURRENCY, QUEUE_<NAME>_BACKOFF_MS). */
export const QUEUE_SETTINGS: Record<QueueName, { concurrency: number; attempts: number; backoffMs: number }> = {
  reminders: { concurrency: 20, attempts: 5, backoffMs: 2_000 },
  // Exponential from 5 s over 10 attempts covers about 45 minutes of SMTP outage before an email is marked failed.
  mail: { concurrency: 10, attempts: 10, backoffMs: 5_000 },
  // Composing is idempotent per recipient and week; retries cover a database blip.
  digest: { concurrency: 1, attempts: 5, backoffMs: 10_000 },
  // Exponential from 30 s over 4 attempts: a UN page down for a few minutes is fetched again before the next run.
  depositary: { concurrency: 2, attempts: 4, backoffMs: 30_000 },
};

/**
 * Worker settings for every queue: a killed worker's jobs are taken back within about 20 s (lock expiry
 * plus one stall check) instead of BullMQ's default minute; locks are renewed while a job runs.
 */
export const WORKER_LOCKS = { lockDuration: 15_000, stalledInterval: 5_000, maxStalledCount: 3 } as const;

function override(
  queue: QueueName,
  setting: string,
  fallback: number,
  env: Record<string, string | undefined>,
): number {
  const given = Number(env[`QUEUE_${queue.toUpperCase()}_${setting}`]);
  return Number.isInteger(given) && given > 0 ? given : fallback;
}

export function concurrencyOf(queue: QueueName, env: Record<string, string | undefined> = process.env): number {
  return override(queue, 'CONCURRENCY', QUEUE_SETTINGS[queue].concurrency, env);
}

export function backoffOf(queue: QueueName, env: Record<string, string | undefined> = process.env): number {
  return override(queue, 'BACKOFF_MS', QUEUE_SETTINGS[queue].backoffMs, env);
}
