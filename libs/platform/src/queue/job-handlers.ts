import { Injectable } from '@nestjs/common';
import { DEPOSITARY_SCHEDULER, DIGEST_SCHEDULER, Job, JobName, QueueName } from './jobs';

/** Every job name a worker must handle, with its queue: the catalogue's jobs and the schedulers' ticks. */
export const HANDLED_JOBS = {
  'follow-up.reminder': 'reminders',
  'follow-up.escalation': 'reminders',
  'mail.send': 'mail',
  'mail.due': 'mail',
  'digest.compose': 'digest',
  [DIGEST_SCHEDULER.jobName]: 'digest',
  'depositary.fetch': 'depositary',
  [DEPOSITARY_SCHEDULER.jobName]: 'depositary',
} as const satisfies Record<JobName | typeof DIGEST_SCHEDULER.jobName | typeof DEPOSITARY_SCHEDULER.jobName, QueueName>;
export type HandledJobName = keyof typeof HANDLED_JOBS;

export type JobData<N extends HandledJobName> = N extends JobName
  ? Extract<Job, { name: N }>['data']
  : Record<string, never>;

/** What a handler may need of the BullMQ job besides its payload. */
export interface JobContext {
  id?: string;
  /** Attempts made before this one. */
  attemptsMade: number;
  /** Attempts the job is allowed in all. */
  attempts: number;
  timestamp: number;
  /** For a job scheduler's job: when the run was due. */
  prevMillis?: number;
}

export type JobHandler<N extends HandledJobName> = (data: JobData<N>, job: JobContext) => Promise<unknown>;

/**
 * The job handlers, registered by name. A name registered twice stops the process at once; `verify` stops it
 * at start when a name of the catalogue has no handler, so no job can wait on a queue that nothing serves.
 */
@Injectable()
export class JobHandlers {
  private readonly handlers = new Map<HandledJobName, JobHandler<HandledJobName>>();

  register<N extends HandledJobName>(name: N, handler: JobHandler<N>): void {
    if (this.handlers.has(name)) throw new Error(`job ${name} has two handlers; each job name must have exactly one`);
    this.handlers.set(name, handler as unknown as JobHandler<HandledJobName>);
  }

  /** Throws, naming them, when any job of the catalogue has no handler. */
  verify(): void {
    const missing = (Object.keys(HANDLED_JOBS) as HandledJobName[]).filter((name) => !this.handlers.has(name));
    if (missing.length) throw new Error(`no handler for job(s) ${missing.join(', ')}; the worker cannot start`);
  }

  /** Runs the handler of a job taken from `queue`; a name the queue does not carry is an error, never ignored. */
  run(queue: QueueName, name: string, data: unknown, job: JobContext): Promise<unknown> {
    const handler = isHandled(name) && HANDLED_JOBS[name] === queue ? this.handlers.get(name) : undefined;
    if (!handler) throw new Error(`the ${queue} queue has no handler for job ${name}`);
    return handler(data as JobData<HandledJobName>, job);
  }
}

function isHandled(name: string): name is HandledJobName {
  return Object.prototype.hasOwnProperty.call(HANDLED_JOBS, name);
}
