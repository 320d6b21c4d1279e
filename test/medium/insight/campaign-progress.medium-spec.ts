import { DataSource } from 'typeorm';
import { Actor } from '@app/accounts';
import { CampaignsRepository, CampaignsService } from '@app/advocacy';
import { AuditRepository, AuditService } from '@app/audit';
import { FollowUpStatsRepository, FollowUpStatsService } from '@app/follow-ups';
import { CampaignProgressRepository, CampaignProgressService, PledgesRepository } from '@app/insight';
import { DomainError } from '@app/platform';
import { makeAction, makeFollowUp, makeTreatyEvent, makeUser } from '../../factories';
import { openTestDatabase, statusRevisionOf } from '../../support/medium';

const codeOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return `${e.kind}: ${e.code}: ${e.message}`;
    throw e;
  }
  return 'ok';
};

describe('Running a campaign: edits, goal and progress', () => {
  let db: DataSource;
  let campaigns: CampaignsService;
  let progress: CampaignProgressService;
  let officer: Actor;
  beforeAll(async () => {
    db = await openTestDatabase();
    campaigns = new CampaignsService(db, new CampaignsRepository(db), new AuditService(new AuditRepository(db)));
    progress = new CampaignProgressService(
      campaigns,
      new CampaignProgressRepository(db),
      new FollowUpStatsService(new FollowUpStatsRepository(db)),
      new PledgesRepository(db),
      statusRevisionOf(db),
    );
    const made = await makeUser(db, { role: 'campaign-officer' });
    officer = { id: made.id, name: made.name, role: 'campaign-officer', regions: [] };
  });
  afterAll(() => db.destroy());

  it('edits, retargets and closes a campaign, and audits each change', async () => {
    const c = await campaigns.create(officer, {
      name: 'Asia ratification drive',
      stateCodes: ['IND'],
      startsOn: '2024-01-01',
    });
    const edited = await campaigns.update(officer, c.id, {
      name: 'Asia-Pacific ratification drive',
      stateCodes: ['pak', 'IND', 'NPL'],
      goal: { instrument: 'rome-statute', stage: 'party', by: '2026-07-17' },
    });
    expect(edited).toMatchObject({
      name: 'Asia-Pacific ratification drive',
      stateCodes: ['IND', 'NPL', 'PAK'],
      goal: { instrument: 'rome-statute', stage: 'party', by: '2026-07-17' },
      status: 'active',
    });
    const closed = await campaigns.update(officer, c.id, { status: 'closed', stateCodes: ['NPL'], goal: null });
    expect(closed).toMatchObject({ stateCodes: ['NPL'], goal: null, status: 'closed' });
    expect(await campaigns.forState('npl')).toContainEqual({
      id: c.id,
      name: c.name.replace('Asia', 'Asia-Pacific'),
      status: 'closed',
    });
    const audit = await db.query(
      `SELECT action FROM audit_entry WHERE entity = 'campaign' AND entity_id = $1 ORDER BY id`,
      [c.id],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['create', 'update', 'update']);
  });

  it('refuses a goal date before the campaign began, an unknown state, a taken name, and a viewer', async () => {
    const c = await campaigns.create(officer, { name: 'Kampala in Africa', startsOn: '2025-03-01' });
    await campaigns.create(officer, { name: 'Taken name' });
    const goal = { instrument: 'amendment-aggression' as const, stage: 'deposited' as const, by: '2025-02-28' };
    expect(await codeOf(campaigns.update(officer, c.id, { goal }))).toBe(
      'invalid: bad-range: goal.by (2025-02-28) must not be before the campaign began (2025-03-01)',
    );
    expect(await codeOf(campaigns.update(officer, c.id, { stateCodes: ['KEN', 'XXX'] }))).toMatch(
      /unknown-states.*XXX/,
    );
    expect(await codeOf(campaigns.update(officer, c.id, { name: 'taken NAME' }))).toMatch(
      /^conflict: campaign-name-taken/,
    );
    const viewer = { ...officer, role: 'viewer' as const };
    expect(await codeOf(campaigns.update(viewer, c.id, { status: 'closed' }))).toMatch(/^forbidden/);
    expect(await campaigns.get(c.id)).toMatchObject({
      name: 'Kampala in Africa',
      goal: null,
      stateCodes: [],
      status: 'active',
    });
  });

  it('shows who reached the goal since the campaign began and when, who was contacted, and open follow-ups', async () => {
    // India and Pakistan have no step of the Rome Statute; Kenya has been a party since 2005.
    const c = await campaigns.create(officer, {
      name: 'Progress drive',
      stateCodes: ['IND', 'PAK', 'KEN'],
      startsOn: '2024-01-01',
    });
    await campaigns.update(officer, c.id, { goal: { instrument: 'rome-statute', stage: 'party', by: '2025-12-31' } });
    await makeTreatyEvent(db, { stateCode: 'IND', type: 'accession', date: '2024-03-01' });
    const first = await makeAction(db, {
      stateCode: 'IND',
      campaignId: c.id,
      date: '2024-01-10',
      type: 'letter-head-of-state',
    });
    await makeAction(db, { stateCode: 'IND', campaignId: c.id, date: '2024-02-20' });
    await makeAction(db, { stateCode: 'IND', campaignId: c.id, date: '2024-02-21', deleted: true });
    await makeAction(db, { stateCode: 'PAK', date: '2024-02-21' }); // not the campaign's
    await makeFollowUp(db, { stateCode: 'IND', actionId: first.id });
    await makeFollowUp(db, { stateCode: 'IND', actionId: first.id, status: 'done' });

    const p = await progress.get(c.id, '2024-06-01');
    expect(p).toMatchObject({
      instrument: 'rome-statute',
      stage: 'party',
      beganOn: '2024-01-01',
      targets: 3,
      reached: 1,
      contacted: 1,
      notContacted: ['KEN', 'PAK'],
      openFollowUps: 1,
    });
    expect(p.states).toEqual([
      expect.objectContaining({
        code: 'IND',
        stage: 'party',
        stageAtStart: 'none',
        reachedOn: '2024-05-01',
        actions: 2,
        lastActionOn: '2024-02-20',
      }),
      expect.objectContaining({ code: 'KEN', stage: 'party', stageAtStart: 'party', reachedOn: null, actions: 0 }),
      expect.objectContaining({ code: 'PAK', stage: 'none', reachedOn: null, actions: 0, lastActionOn: null }),
    ]);
    // Before India's accession took effect (1 May 2024, art. 126) it had not reached the goal.
    expect((await progress.get(c.id, '2024-04-30')).states[0]).toMatchObject({ stage: 'deposited', reachedOn: null });
  });
});
