import { DataSource } from 'typeorm';
import { Actor } from '@app/accounts';
import { CampaignsRepository, CampaignsService } from '@app/advocacy';
import { AuditRepository, AuditService } from '@app/audit';
import {
  InsightsService,
  monthsBefore,
  OutcomesRepository,
  PlaybookRepository,
  PledgesRepository,
  StalledRepository,
} from '@app/insight';
import { AppConfig, DomainError } from '@app/platform';
import { makeAction, makeTreatyEvent, makeUser } from '../../factories';
import { openTestDatabase, statusRevisionOf } from '../../support/medium';

const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86400_000).toISOString().slice(0, 10);

describe('Stalled states, the playbook and outcomes', () => {
  let db: DataSource;
  let insights: InsightsService;
  let admin: Actor;
  beforeAll(async () => {
    db = await openTestDatabase();
    const config = Object.assign(new AppConfig(), { STALL_AFTER_MONTHS: 18, QUIET_AFTER_MONTHS: 6 });
    const audit = new AuditService(new AuditRepository(db));
    insights = new InsightsService(
      db,
      new StalledRepository(db),
      new PlaybookRepository(db),
      audit,
      config,
      new OutcomesRepository(db),
      new CampaignsService(db, new CampaignsRepository(db), audit),
      new PledgesRepository(db),
      statusRevisionOf(db),
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

  it('measures lead times from the first campaign action to each move, as computed by hand', async () => {
    const officer = await makeUser(db, { role: 'campaign-officer' });
    const [{ id }] = await db.query(
      `INSERT INTO campaign (name, created_by, starts_on) VALUES ('Outcome drive', $1, '2024-01-01') RETURNING id`,
      [officer.id],
    );
    await db.query(`INSERT INTO campaign_state SELECT $1, unnest('{MMR,LAO,NPL,MNG}'::text[])`, [id]);
    // Myanmar accedes on 1 June 2024 after a letter (10 February) and a meeting (1 March): 112 days.
    await makeTreatyEvent(db, { stateCode: 'MMR', type: 'accession', date: '2024-06-01' });
    await makeAction(db, { stateCode: 'MMR', campaignId: id, date: '2024-02-10', type: 'letter-head-of-state' });
    await makeAction(db, { stateCode: 'MMR', campaignId: id, date: '2024-03-01', type: 'meeting' });
    await makeAction(db, { stateCode: 'MMR', campaignId: id, date: '2024-07-01', type: 'call' }); // after the move
    await makeAction(db, { stateCode: 'MMR', date: '2024-01-20', type: 'media' }); // not the campaign's
    // Laos signs on 15 September 2024, a call on 1 September: 14 days.
    await makeTreatyEvent(db, { stateCode: 'LAO', type: 'signature', date: '2024-09-15' });
    await makeAction(db, { stateCode: 'LAO', campaignId: id, date: '2024-09-01', type: 'call' });
    await makeAction(db, { stateCode: 'NPL', campaignId: id, date: '2024-05-01', type: 'call' }); // no move

    const o = await insights.outcomes({ campaign: id, region: 'asia-pacific' }, '2025-06-30');
    const mine = o.states.filter((s) => ['MMR', 'LAO', 'NPL', 'MNG'].includes(s.code));
    expect(mine).toEqual([
      {
        code: 'MMR',
        name: 'Myanmar',
        movedTo: 'deposited',
        movedOn: '2024-06-01',
        firstActionOn: '2024-02-10',
        leadTimeDays: 112,
        actionsBefore: 2,
        actionTypes: ['letter-head-of-state', 'meeting'],
      },
      {
        code: 'LAO',
        name: expect.any(String),
        movedTo: 'signed',
        movedOn: '2024-09-15',
        firstActionOn: '2024-09-01',
        leadTimeDays: 14,
        actionsBefore: 1,
        actionTypes: ['call'],
      },
    ]);
    // (112 + 14) / 2; only moves after campaign actions have a lead time.
    expect(o.medianLeadTimeDays).toBe(63);
    expect(o.movedShareTargeted).toBe(0.5);
    expect(o.from).toBe('2024-01-01');
  });
});
