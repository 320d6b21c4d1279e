import { DataSource } from 'typeorm';
import { Actor } from '@app/accounts';
import { CampaignsRepository, CampaignsService } from '@app/advocacy';
import { AuditRepository, AuditService } from '@app/audit';
import { FollowUpStatsRepository, FollowUpStatsService } from '@app/follow-ups';
import { CampaignProgressRepository, CampaignProgressService, PledgesRepository, PledgesService } from '@app/insight';
import { DomainError } from '@app/platform';
import { makeImplementationChange, makeTreatyEvent, makeUser } from '../../factories';
import { openTestDatabase, statusRevisionOf } from '../../support/medium';

const codeOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return `${e.kind}: ${e.code}`;
    throw e;
  }
  return 'ok';
};

describe('Pledges: status derived from what is recorded', () => {
  let db: DataSource;
  let pledges: PledgesService;
  let campaigns: CampaignsService;
  let progress: CampaignProgressService;
  let officer: Actor;
  beforeAll(async () => {
    db = await openTestDatabase();
    const audit = new AuditService(new AuditRepository(db));
    campaigns = new CampaignsService(db, new CampaignsRepository(db), audit);
    pledges = new PledgesService(db, new PledgesRepository(db), campaigns, audit);
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

  it('is open, becomes fulfilled when the deposit is recorded, and never lapses after that', async () => {
    // India has no step of the Rome Statute.
    const pledge = await pledges.create(
      officer,
      {
        stateCode: 'ind',
        instrument: 'rome-statute',
        madeOn: '2024-12-02',
        occasion: 'ASP 23',
        targetDate: '2025-12-31',
      },
      '2025-01-10',
    );
    expect(pledge).toMatchObject({ stateCode: 'IND', status: 'open', fulfilledOn: null, region: 'asia-pacific' });
    await makeTreatyEvent(db, { stateCode: 'IND', type: 'accession', date: '2025-06-03' });
    expect(await pledges.get(pledge.id, '2025-06-02')).toMatchObject({ status: 'open', fulfilledOn: null });
    expect(await pledges.get(pledge.id, '2025-06-03')).toMatchObject({
      status: 'fulfilled',
      fulfilledOn: '2025-06-03',
    });
    expect(await pledges.get(pledge.id, '2026-06-01')).toMatchObject({ status: 'fulfilled' });
    const fulfilled = await pledges.list({ status: 'fulfilled', state: 'IND' }, '2025-07-01');
    expect(fulfilled.items.map((p) => p.id)).toEqual([pledge.id]);
  });

  it('lapses the day after its target date passes without the deposit', async () => {
    // Pakistan has no step of the Rome Statute.
    const pledge = await pledges.create(
      officer,
      {
        stateCode: 'PAK',
        instrument: 'rome-statute',
        madeOn: '2023-05-10',
        occasion: 'UPR 4th cycle',
        targetDate: '2024-05-10',
      },
      '2023-06-01',
    );
    expect((await pledges.get(pledge.id, '2024-05-10')).status).toBe('open');
    expect((await pledges.get(pledge.id, '2024-05-11')).status).toBe('lapsed');
    const lapsed = await pledges.list({ status: 'lapsed', state: 'PAK' }, '2024-05-11');
    expect(lapsed.items).toHaveLength(1);
    expect((await pledges.list({ status: 'open', state: 'PAK' }, '2024-05-11')).items).toHaveLength(0);
  });

  it('is kept by an enactment of the track pledged, not by a draft', async () => {
    const pledge = await pledges.create(
      officer,
      {
        stateCode: 'NPL',
        instrument: 'implementation-crimes',
        madeOn: '2022-01-10',
        occasion: 'Meeting with the Attorney General',
      },
      '2022-02-01',
    );
    await makeImplementationChange(db, { stateCode: 'NPL', track: 'crimes', stage: 'drafting', date: '2022-03-01' });
    expect((await pledges.get(pledge.id, '2022-12-31')).status).toBe('open');
    await makeImplementationChange(db, { stateCode: 'NPL', track: 'crimes', stage: 'enacted', date: '2023-02-01' });
    expect(await pledges.get(pledge.id, '2023-02-01')).toMatchObject({
      status: 'fulfilled',
      fulfilledOn: '2023-02-01',
    });
  });

  it('refuses a pledge to join what the state is already party to (409), and a target before it was made', async () => {
    // Kenya has been a party to the Rome Statute since 2005.
    expect(
      await codeOf(
        pledges.create(officer, {
          stateCode: 'KEN',
          instrument: 'rome-statute',
          madeOn: '2025-01-01',
          occasion: 'ASP',
        }),
      ),
    ).toBe('conflict: already-pledged-stage');
    expect(
      await codeOf(
        pledges.create(officer, {
          stateCode: 'IND',
          instrument: 'apic',
          madeOn: '2025-01-01',
          occasion: 'ASP',
          targetDate: '2024-01-01',
        }),
      ),
    ).toBe('invalid: bad-range');
    const regional = { ...officer, role: 'regional-officer' as const, regions: ['europe' as const] };
    expect(
      await codeOf(
        pledges.create(regional, { stateCode: 'BTN', instrument: 'apic', madeOn: '2025-01-01', occasion: 'ASP' }),
      ),
    ).toBe('forbidden: not-allowed');
  });

  it('edits and deletes a pledge with an audit entry each, and counts a campaign’s pledges made, kept and lapsed', async () => {
    const c = await campaigns.create(officer, {
      name: 'Pledge drive',
      stateCodes: ['BTN', 'MMR', 'LAO'],
      startsOn: '2024-01-01',
    });
    await campaigns.update(officer, c.id, { goal: { instrument: 'apic', stage: 'party', by: null } });
    const kept = await pledges.create(
      officer,
      { stateCode: 'BTN', instrument: 'apic', madeOn: '2024-02-01', occasion: 'ASP 22' },
      '2024-03-01',
    );
    await makeTreatyEvent(db, { stateCode: 'BTN', instrument: 'apic', type: 'accession', date: '2024-04-01' });
    await pledges.create(
      officer,
      { stateCode: 'MMR', instrument: 'apic', madeOn: '2024-02-01', occasion: 'ASP 22', targetDate: '2024-06-30' },
      '2024-03-01',
    );
    const gone = await pledges.create(
      officer,
      { stateCode: 'LAO', instrument: 'apic', madeOn: '2024-02-01', occasion: 'ASP 22' },
      '2024-03-01',
    );
    const edited = await pledges.update(
      officer,
      gone.id,
      { occasion: 'ASP 22, general debate', note: 'Said by the minister' },
      '2024-03-01',
    );
    expect(edited).toMatchObject({ occasion: 'ASP 22, general debate', note: 'Said by the minister', status: 'open' });
    await pledges.remove(officer, gone.id);
    expect(await codeOf(pledges.get(gone.id))).toBe('not-found: pledge-not-found');
    const audit = await db.query(
      `SELECT action FROM audit_entry WHERE entity = 'pledge' AND entity_id = $1 ORDER BY id`,
      [gone.id],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['create', 'update', 'delete']);

    const p = await progress.get(c.id, '2024-07-01');
    expect(p.pledges).toEqual({ made: 2, kept: 1, lapsed: 1 });
    expect(p.states.find((s) => s.code === 'BTN')).toMatchObject({ pledges: 1 });
    expect((await pledges.list({ campaign: c.id }, '2024-07-01')).items.map((x) => x.id)).toContain(kept.id);
  });
});
