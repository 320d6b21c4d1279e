import { DataSource } from 'typeorm';
import { Actor, UserDirectory, UsersRepository } from '@app/accounts';
import { AuditRepository, AuditService } from '@app/audit';
import { FollowUpsRepository, FollowUpsService } from '@app/follow-ups';
import type { OutboxService } from '@app/mail';
import { AppConfig, DomainError, JobQueue } from '@app/platform';
import { makeAction, makeFollowUp, makeUser } from '../../factories';
import { openTestDatabase } from '../../support/medium';

const codeOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return `${e.kind}: ${e.code}`;
    throw e;
  }
  return 'ok';
};

describe('FollowUpsService', () => {
  let db: DataSource;
  let service: FollowUpsService;
  let admin: Actor;
  const inADay = () => new Date(Date.now() + 86_400_000);
  beforeAll(async () => {
    db = await openTestDatabase();
    const config = Object.assign(new AppConfig(), { PUBLIC_URL: 'https://tracker.test' });
    // Creating and reading need no queue and no outbox; the audit trail is the real one.
    service = new FollowUpsService(
      db,
      new FollowUpsRepository(db),
      new UserDirectory(db, new UsersRepository(db)),
      {} as JobQueue,
      new AuditService(new AuditRepository(db)),
      config,
      {} as OutboxService,
    );
    const made = await makeUser(db, { role: 'admin' });
    admin = { id: made.id, name: made.name, role: 'admin', regions: [] };
  });
  afterAll(() => db.destroy());

  const create = (input: Partial<Parameters<FollowUpsService['createIn']>[2]>) =>
    db.transaction((m) =>
      service.createIn(m, admin, { stateCode: 'KEN', title: 'Call the ministry', remindAt: inADay(), ...input }),
    );

  it('links a follow-up to a live action about the same state', async () => {
    const action = await makeAction(db, { stateCode: 'KEN' });
    const view = await create({ stateCode: 'ken', actionId: action.id });
    expect(view).toMatchObject({ stateCode: 'KEN', stateName: 'Kenya', region: 'africa', actionId: action.id });
    expect(await service.get(view.id)).toEqual(view);
  });

  it('refuses an action about another state, and a deleted or unknown action, and saves nothing', async () => {
    const uganda = await makeAction(db, { stateCode: 'UGA' });
    const deleted = await makeAction(db, { stateCode: 'KEN', deleted: true });
    const [{ before }] = await db.query(`SELECT count(*)::int AS before FROM follow_up`);
    expect(await codeOf(create({ actionId: uganda.id }))).toBe('invalid: action-state-mismatch');
    expect(await codeOf(create({ actionId: deleted.id }))).toBe('not-found: action-not-found');
    expect(await codeOf(create({ actionId: '00000000-0000-4000-8000-000000000000' }))).toBe(
      'not-found: action-not-found',
    );
    expect(await codeOf(create({ stateCode: 'XXX' }))).toBe('not-found: state-not-found');
    const [{ after }] = await db.query(`SELECT count(*)::int AS after FROM follow_up`);
    expect(after).toBe(before);
  });

  it('refuses to assign an inactive user, when creating and when reassigning', async () => {
    const gone = await makeUser(db, { active: false });
    const active = await makeUser(db);
    expect(await codeOf(create({ assigneeId: gone.id }))).toBe('invalid: assignee-not-found');
    const view = await create({ assigneeId: active.id });
    expect(view.assignee.id).toBe(active.id);
    expect(await codeOf(service.update(admin, view.id, { assigneeId: gone.id }))).toBe('invalid: assignee-not-found');
  });

  it("serves the calendar of a token's owner, only while it is the latest token and the owner is active", async () => {
    const owner = await makeUser(db, { name: 'Lea Novak' });
    const soon = new Date('2030-05-06T09:00:00Z');
    const open = await makeFollowUp(db, {
      assigneeId: owner.id,
      stateCode: 'AUT',
      title: 'Ask about APIC',
      remindAt: soon,
    });
    await makeFollowUp(db, { assigneeId: owner.id, title: 'Closed one', status: 'done' });
    await makeFollowUp(db, { title: 'Somebody else' });

    const url = new URL(await service.rotateCalendarToken(owner.id));
    expect(`${url.origin}${url.pathname}`).toBe('https://tracker.test/api/follow-ups.ics');
    const token = url.searchParams.get('token')!;
    const feed = (await service.calendar(token))!;
    expect(feed).toContain('X-WR-CALNAME:Follow-ups of Lea Novak');
    expect(feed).toContain(`UID:${open.id}@rome-statute-tracker`);
    expect(feed).toContain('SUMMARY:Ask about APIC (Austria)');
    expect(feed).toContain('DTSTART:20300506T090000Z');
    // The event leads to the follow-up's page, which opens in a browser (through sign-in), not to the API.
    expect(feed.replace(/\r\n /g, '')).toContain(`\r\nURL:https://tracker.test/follow-ups/${open.id}\r\n`);
    expect(feed.match(/BEGIN:VEVENT/g)).toHaveLength(1);

    const next = new URL(await service.rotateCalendarToken(owner.id)).searchParams.get('token')!;
    expect(await service.calendar(token)).toBeNull();
    expect(await service.calendar(next)).toContain(`UID:${open.id}@`);
    await db.query(`UPDATE app_user SET active = false WHERE id = $1`, [owner.id]);
    expect(await service.calendar(next)).toBeNull();
    expect(await service.calendar('not-a-token-this-server-gave')).toBeNull();
  });

  it('lists an assignee’s closed follow-ups most recently closed first, a page at a time', async () => {
    const owner = await makeUser(db);
    const closedAt = (days: number) => new Date(Date.now() - days * 86_400_000);
    const made = [];
    for (const [days, status] of [
      [3, 'done'],
      [1, 'cancelled'],
      [2, 'done'],
    ] as const) {
      made.push(await makeFollowUp(db, { assigneeId: owner.id, status, closedAt: closedAt(days) }));
    }
    await makeFollowUp(db, { assigneeId: owner.id });
    await makeFollowUp(db, { status: 'done' });
    const first = await service.listClosed(owner.id, 2);
    expect(first.items.map((f) => f.id)).toEqual([made[1].id, made[2].id]);
    expect(first.nextCursor).not.toBeNull();
    const second = await service.listClosed(owner.id, 2, first.nextCursor!);
    expect(second.items.map((f) => f.id)).toEqual([made[0].id]);
    expect(second.nextCursor).toBeNull();
  });

  it('lists the open follow-ups of any of several regions (a regional officer’s team)', async () => {
    const kenya = await makeFollowUp(db, { stateCode: 'KEN', title: 'Team KEN' });
    const peru = await makeFollowUp(db, { stateCode: 'PER', title: 'Team PER' });
    const france = await makeFollowUp(db, { stateCode: 'FRA', title: 'Team FRA' });
    const ids = async (regions: ('africa' | 'americas' | 'europe')[]) =>
      (await service.list({ status: 'open', regions }, 200)).items.map((f) => f.id);
    const two = await ids(['africa', 'americas']);
    expect(two).toEqual(expect.arrayContaining([kenya.id, peru.id]));
    expect(two).not.toContain(france.id);
    expect(await ids(['europe'])).toContain(france.id);
    expect(await ids(['europe'])).not.toContain(kenya.id);
  });
});
