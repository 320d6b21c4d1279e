import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditActor, AuditService } from '@app/audit';
import { decodeCursor, DEFAULT_LIMIT, isUuid, JobQueue, Page, toPage } from '@app/platform';
import { mailError } from './mail.errors';
import { PROBLEM_STATUSES, ProblemEmail, ProblemStatus, OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';

/**
 * The emails a person must look at: those the outbox gave up on (failed) and those that may or may not have
 * arrived (uncertain: the connection dropped after the server had the message). Nothing is sent again on its own;
 * an admin decides, and the decision is audited. Who may is the api's to check (permission `mail.manage`): the
 * accounts library, which owns the policy, itself sends its email through this one.
 */
@Injectable()
export class OutboxReviewService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: OutboxRepository,
    private readonly sender: OutboxService,
    private readonly jobs: JobQueue,
    private readonly audit: AuditService,
  ) {}

  /** Failed and uncertain emails (or one status), newest first, one page at a time. */
  async problems(q: { status?: ProblemStatus; limit?: number; cursor?: string }): Promise<Page<ProblemEmail>> {
    const limit = q.limit ?? DEFAULT_LIMIT;
    const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor, ['pg-instant', 'uuid']);
    const rows = await this.outbox.problems({
      statuses: q.status ? [q.status] : PROBLEM_STATUSES,
      after: after && { createdAt: after[0], id: after[1] },
      limit: limit + 1,
    });
    return toPage(
      rows,
      limit,
      (r) => [r.createdKey, r.id],
      ({ createdKey: _, ...email }) => email,
    );
  }

  /**
   * Sends a failed or uncertain email again: back to pending, with a new send job (retrying as any email does);
   * the reconciler would queue it too if Redis missed the job. An uncertain one may then arrive twice: that is
   * the admin's call, which the audit trail records.
   */
  async resend(actor: AuditActor, id: string): Promise<ProblemEmail> {
    const email = await this.db.transaction(async (m) => {
      const before = isUuid(id) ? await this.outbox.lockProblem(m, id) : null;
      if (!before) throw mailError('email-not-found', `no failed or uncertain email ${id}`);
      await this.outbox.requeue(m, id);
      await this.audit.record(m, actor, {
        entity: 'email',
        entityId: id,
        action: 'update',
        before,
        after: { ...before, status: 'pending' },
      });
      return before;
    });
    await this.jobs.add(this.sender.sendJob(id));
    return email;
  }
}
