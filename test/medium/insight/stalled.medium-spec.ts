import { DataSource } from 'typeorm';
import { Actor } from '@app/accounts';
import { AuditRepository, AuditService } from '@app/audit';
import { InsightsService, monthsBefore, PlaybookRepository, StalledRepository } from '@app/insight';
import { AppConfig, DomainError } from '@app/platform';
import { makeAction, makeTreatyEvent, makeUser } from '../../factories';
import { openTestDatabase } from '../../support/medium';

const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86400_000).toISOString().slice(0, 10);

describe('Stalled states and the playbook', () => {
  let db: DataSource;
  let insights: InsightsService;
  let admin: Actor;
  beforeAll(async () => {
    db = await openTestDatabase();
    const config = Object.assign(new AppConfig(), { STALL_AFTER_MONTHS: 18, QUIET_AFTER_MONTHS: 6 });
    insights = new InsightsService(
      db,
      new StalledRepository(db),
      new PlaybookRepository(db),
      new AuditService(new AuditRepository(db)),
      config,
    );
    const made = await makeUser(db, { role: 'admin' });
    admin = { id: made.id, name: made.name, role: 'admin', regions: [] };
  });
  afterAll(() => db.destroy());

  const stalledRome = async (region: 'asia-pacific' | 'africa') =>
    (await insights.stalled({ region, instrument: 'rome-statute' }, today())).map((s) => s.code);

  it('lists a quiet state that never moved, with the next step for its stage, until an action is logged', async () => {
    // India has no step of the Rome Statute and no action in a fresh database.
    const [india] = (await insights.stalled({ region: 'asia-pacific', instrument: 'rome-statute' }, today())).filter(
      (s) => s.code === 'IND',
    );
    expect(india).toEqual({
      code: 'IND',
      name: 'India',
      region: 'asia-pacific',
      instrument: 'rome-statute',
      stage: 'none',
      since: null,
      lastActionOn: null,
      suggestion: expect.stringContaining('head of state'),
    });
    // An action seven months ago leaves it quiet; one last month does not.
    await makeAction(db, { stateCode: 'IND', date: daysAgo(215) });
    expect(await stalledRome('asia-pacific')).toContain('IND');
    await makeAction(db, { stateCode: 'IND', date: daysAgo(30) });
    expect(await stalledRome('asia-pacific')).not.toContain('IND');
  });

  it('does not list a state whose stage moved within STALL_AFTER_MONTHS, and lists it once that is past', async () => {
    // Pakistan signs ten months ago: moved recently, so not stalled though no action was logged.
    await makeTreatyEvent(db, { stateCode: 'PAK', type: 'signature', date: daysAgo(300) });
    expect(await stalledRome('asia-pacific')).not.toContain('PAK');
    const later = monthsBefore(today(), -9); // nineteen months after the signature
    const listed = await insights.stalled({ region: 'asia-pacific', instrument: 'rome-statute' }, later);
    expect(listed.find((s) => s.code === 'PAK')).toMatchObject({
      stage: 'signed',
      since: daysAgo(300),
      suggestion: expect.stringContaining('Brief parliamentarians'),
    });
  });

  it('lets only an admin replace the playbook, audited, and the stalled list follows it', async () => {
    const viewer = { ...admin, role: 'viewer' as const };
    const refused = await insights
      .putPlaybook(viewer, [{ instrument: 'rome-statute', stage: 'none', suggestion: 'x' }])
      .catch((e: DomainError) => e.code);
    expect(refused).toBe('not-allowed');
    const bad = await insights
      .putPlaybook(admin, [{ instrument: 'rome-statute', stage: 'party', suggestion: 'x' }])
      .catch((e: DomainError) => e.message);
    expect(bad).toContain('[0].stage must be one of none, signed, withdrawn');
    const next = 'Invite the attorney general to the regional consultation.';
    const saved = await insights.putPlaybook(admin, [
      { instrument: 'rome-statute', stage: 'none', suggestion: ` ${next} ` },
    ]);
    expect(saved).toEqual([{ instrument: 'rome-statute', stage: 'none', suggestion: next }]);
    expect(await insights.getPlaybook()).toEqual(saved);
    const [bhutan] = (await insights.stalled({ region: 'asia-pacific', instrument: 'rome-statute' }, today())).filter(
      (s) => s.code === 'BTN',
    );
    expect(bhutan.suggestion).toBe(next);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM audit_entry WHERE entity = 'playbook'`);
    expect(n).toBe(1);
  });

  it('moves dates back by whole months, to the last day of a shorter month', () => {
    expect(monthsBefore('2026-08-31', 6)).toBe('2026-02-28');
    expect(monthsBefore('2026-03-15', 18)).toBe('2024-09-15');
  });
});
