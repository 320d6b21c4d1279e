import { randomUUID } from 'node:crypto';
import { localDate } from '@app/digest';
import { AppConfig } from '@app/platform';
import { signUp, startApi, TestApi } from './support/api';

const daysFromNow = (days: number) => new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);

describe('campaigns across many states', () => {
  let api: TestApi;
  let byRegion: Record<string, string[]>;
  beforeAll(async () => {
    api = await startApi();
    const states: { code: string; region: string }[] = (await api.request('GET', '/api/states')).body;
    byRegion = {};
    for (const s of states) (byRegion[s.region] ??= []).push(s.code);
  });
  afterAll(async () => {
    await api.close();
  });

  const createCampaign = async (body: Record<string, unknown> = {}) => {
    const res = await api.request('POST', '/api/campaigns', {
      body: { name: `Campaign ${randomUUID().slice(0, 8)}`, ...body },
    });
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
    return res.body;
  };
  const count = async (sql: string, params: unknown[]) => Number((await api.db.query(sql, params)).rows[0].n);
  const actionsOf = (campaignId: string) =>
    count(`SELECT count(*) AS n FROM advocacy_action WHERE campaign_id = $1`, [campaignId]);
  const followUpsOf = (campaignId: string) =>
    count(
      `SELECT count(*) AS n FROM follow_up f JOIN advocacy_action a ON a.id = f.action_id WHERE a.campaign_id = $1`,
      [campaignId],
    );
  const letter = (over: Record<string, unknown> = {}) => ({
    type: 'letter-head-of-state',
    date: daysFromNow(0),
    title: 'Ratify the Agreement on Privileges and Immunities',
    summary: 'The coalition asks the head of state to deposit the APIC before the Assembly of States Parties.',
    ...over,
  });

  it('logs a letter to 75 states as 75 actions and 75 follow-ups, in one request', async () => {
    const officer = await signUp(api, { role: 'regional-officer', regions: ['africa', 'europe'] });
    const targets = [...byRegion.africa, ...byRegion.europe].slice(0, 75);
    expect(targets).toHaveLength(75);
    const campaign = await createCampaign({ stateCodes: targets, instrument: 'apic' });
    const res = await api.request('POST', `/api/campaigns/${campaign.id}/actions`, {
      token: officer.token,
      body: letter({ followUp: { dueOn: daysFromNow(14) } }),
    });
    expect(res.status).toBe(201);
    expect(res.body.actions.map((a: { stateCode: string }) => a.stateCode)).toEqual([...targets].sort());
    expect(res.body.followUps).toHaveLength(75);
    expect(await actionsOf(campaign.id)).toBe(75);
    expect(await followUpsOf(campaign.id)).toBe(75);
    const audited = await count(
      `SELECT count(*) AS n FROM audit_entry WHERE actor_id = $1 AND entity IN ('action', 'follow-up')`,
      [officer.id],
    );
    expect(audited).toBe(150);

    const progress = (await api.request('GET', `/api/campaigns/${campaign.id}/progress`)).body;
    expect(progress).toMatchObject({ targets: 75, contacted: 75, notContacted: [], openFollowUps: 75 });
    expect(progress.states[0]).toMatchObject({ actions: 1, lastActionOn: daysFromNow(0) });
  });

  it('saves nothing when one of the states is outside the caller regions, and names it', async () => {
    const officer = await signUp(api, { role: 'regional-officer', regions: ['africa', 'europe'] });
    const outside = byRegion['asia-pacific'][0];
    const targets = [...byRegion.africa.slice(0, 40), ...byRegion.europe.slice(0, 34), outside];
    const campaign = await createCampaign({ stateCodes: targets });
    const res = await api.request('POST', `/api/campaigns/${campaign.id}/actions`, {
      token: officer.token,
      body: letter({ followUp: { dueOn: daysFromNow(14) } }),
    });
    expect(res.status).toBe(403);
    expect(JSON.stringify(res.body.message)).toContain(outside);
    expect(await actionsOf(campaign.id)).toBe(0);
    expect(await followUpsOf(campaign.id)).toBe(0);
  });

  it('logs for a chosen subset, refusing states the campaign does not target by name', async () => {
    const campaign = await createCampaign({ stateCodes: ['KEN', 'UGA', 'TZA'] });
    const wrong = await api.request('POST', `/api/campaigns/${campaign.id}/actions`, {
      body: letter({ stateCodes: ['ken', 'FRA', 'ZZZ'] }),
    });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.body.message)).toContain('FRA, ZZZ');
    expect(await actionsOf(campaign.id)).toBe(0);
    const subset = await api.request('POST', `/api/campaigns/${campaign.id}/actions`, {
      body: letter({ stateCodes: ['uga', 'KEN'] }),
    });
    expect(subset.status).toBe(201);
    expect(subset.body).toEqual({
      actions: [
        { id: expect.any(String), stateCode: 'KEN' },
        { id: expect.any(String), stateCode: 'UGA' },
      ],
      followUps: [],
    });
    const progress = (await api.request('GET', `/api/campaigns/${campaign.id}/progress`)).body;
    expect(progress).toMatchObject({ targets: 3, contacted: 2, notContacted: ['TZA'] });
  });

  it("links each state's action to the contacts of that state; an unknown contact saves nothing", async () => {
    const contact = async (name: string, stateCode?: string) => {
      const res = await api.request('POST', '/api/contacts', {
        body: { name, lawfulBasis: 'public-task', ...(stateCode ? { stateCode } : {}) },
      });
      expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
      return res.body.id as string;
    };
    const kenyan = await contact('Minister of Justice of Kenya', 'KEN');
    const ugandan = await contact('Attorney General of Uganda', 'UGA');
    const french = await contact('Ambassador of France', 'FRA');
    const stateless = await contact('Coalition convenor');
    const campaign = await createCampaign({ stateCodes: ['KEN', 'UGA', 'TZA'] });

    const unknown = await api.request('POST', `/api/campaigns/${campaign.id}/actions`, {
      body: letter({ contactIds: [kenyan, randomUUID()] }),
    });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body.message)).toContain('contactIds');
    expect(await actionsOf(campaign.id)).toBe(0);

    const res = await api.request('POST', `/api/campaigns/${campaign.id}/actions`, {
      body: letter({ contactIds: [kenyan, ugandan, french, stateless] }),
    });
    expect(res.status).toBe(201);
    const contactsOf = async (code: string) => {
      const id = res.body.actions.find((a: { stateCode: string }) => a.stateCode === code).id;
      return (await api.request('GET', `/api/actions/${id}`)).body.contactIds;
    };
    expect(await contactsOf('KEN')).toEqual([kenyan]);
    expect(await contactsOf('UGA')).toEqual([ugandan]);
    expect(await contactsOf('TZA')).toEqual([]);
  });

  it('edits and closes a campaign; a goal before its start is a 400, and a closed one takes no letters', async () => {
    const campaign = await createCampaign({ stateCodes: ['KEN'], startsOn: '2025-01-01' });
    const early = await api.request('PATCH', `/api/campaigns/${campaign.id}`, {
      body: { goal: { instrument: 'apic', stage: 'party', by: '2024-12-31' } },
    });
    expect(early.status).toBe(400);
    expect(JSON.stringify(early.body.message)).toContain('goal.by');
    const badStage = await api.request('PATCH', `/api/campaigns/${campaign.id}`, {
      body: { goal: { instrument: 'apic', stage: 'ratified' } },
    });
    expect(badStage.status).toBe(400);
    const closed = await api.request('PATCH', `/api/campaigns/${campaign.id}`, {
      body: { status: 'closed', goal: { instrument: 'apic', stage: 'party', by: '2026-12-31' } },
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      status: 'closed',
      goal: { instrument: 'apic', stage: 'party', by: '2026-12-31' },
    });
    const refused = await api.request('POST', `/api/campaigns/${campaign.id}/actions`, { body: letter() });
    expect(refused.status).toBe(409);
    const viewer = await signUp(api, { role: 'viewer' });
    const forbidden = await api.request('PATCH', `/api/campaigns/${campaign.id}`, {
      token: viewer.token,
      body: { status: 'active' },
    });
    expect(forbidden.status).toBe(403);
  });

  it('records a pledge (409 for an instrument the state is already party to) and lists it by status', async () => {
    const party = await api.request('POST', '/api/pledges', {
      body: { stateCode: 'KEN', instrument: 'rome-statute', madeOn: daysFromNow(-3), occasion: 'ASP general debate' },
    });
    expect(party.status).toBe(409);
    const future = await api.request('POST', '/api/pledges', {
      body: { stateCode: 'BTN', instrument: 'rome-statute', madeOn: daysFromNow(3), occasion: 'ASP general debate' },
    });
    expect(future.status).toBe(400);
    const made = await api.request('POST', '/api/pledges', {
      body: { stateCode: 'btn', instrument: 'rome-statute', madeOn: daysFromNow(-3), occasion: 'ASP general debate' },
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ stateCode: 'BTN', status: 'open', fulfilledOn: null });
    const open = (await api.request('GET', '/api/pledges?status=open&state=BTN')).body;
    expect(open.items.map((p: { id: string }) => p.id)).toEqual([made.body.id]);
    const viewer = await signUp(api, { role: 'viewer' });
    const refused = await api.request('DELETE', `/api/pledges/${made.body.id}`, { token: viewer.token });
    expect(refused.status).toBe(403);
    expect((await api.request('DELETE', `/api/pledges/${made.body.id}`)).status).toBe(204);
    expect((await api.request('GET', `/api/pledges/${made.body.id}`)).status).toBe(404);
  });

  it('shows pledges due this quarter, pledges kept this week and stalled states in the digest', async () => {
    const today = daysFromNow(0);
    // Due today where the digest is read: late in the UTC day its zone may already be on the next day, and a pledge
    // due on the UTC day would then have lapsed.
    const dueOn = localDate(Date.now(), api.app.get(AppConfig).DIGEST_TZ);
    const due = await api.request('POST', '/api/pledges', {
      body: { stateCode: 'MNG', instrument: 'apic', madeOn: daysFromNow(-20), occasion: 'ASP', targetDate: dueOn },
    });
    expect(due.status).toBe(201);
    const kept = await api.request('POST', '/api/pledges', {
      body: { stateCode: 'NPL', instrument: 'rome-statute', madeOn: daysFromNow(-20), occasion: 'UPR' },
    });
    expect(kept.status).toBe(201);
    const deposit = await api.request('POST', '/api/states/NPL/events', {
      body: { instrument: 'rome-statute', type: 'accession', date: today },
    });
    expect(deposit.status).toBe(201);
    expect((await api.request('GET', `/api/pledges/${kept.body.id}`)).body).toMatchObject({
      status: 'fulfilled',
      fulfilledOn: today,
    });
    const preview = await api.request('GET', `/api/digests/preview?weekOf=${today}`);
    expect(preview.status).toBe(200);
    const html: string = preview.text;
    expect(html).toMatch(/Pledges due this quarter \(\d{4} Q\d\): 1: Mongolia\./);
    expect(html).toContain('Pledges kept this week: 1: Nepal.');
    expect(html).toMatch(/States stalled for the Rome Statute \(no move, no action lately\): \d+\./);
    expect(html).toMatch(/Asia-Pacific: [^<]*India/);
  });

  it('drops a stalled state once an action is logged for it, and shows a playbook change at once', async () => {
    const path = '/api/insights/stalled?region=asia-pacific&instrument=rome-statute';
    const india = (body: { code: string; suggestion?: string }[]) => body.find((s) => s.code === 'IND');
    const before = await api.request('GET', path);
    expect(before.status).toBe(200);
    expect(india(before.body)).toMatchObject({ stage: 'none', lastActionOn: null });
    // Asked twice, the same answer: the second may be the text built for the first.
    expect((await api.request('GET', path)).body).toEqual(before.body);

    const playbook = (await api.request('GET', '/api/playbook')).body as { instrument: string; stage: string }[];
    const changed = playbook.map((e) =>
      e.instrument === 'rome-statute' && e.stage === 'none'
        ? { ...e, suggestion: 'Ask for a meeting with the cabinet.' }
        : e,
    );
    expect((await api.request('PUT', '/api/playbook', { body: changed })).status).toBe(200);
    expect(india((await api.request('GET', path)).body)?.suggestion).toBe('Ask for a meeting with the cabinet.');

    const logged = await api.request('POST', '/api/actions', { body: { ...letter(), stateCode: 'IND' } });
    expect(logged.status).toBe(201);
    const after = await api.request('GET', path);
    expect(india(after.body)).toBeUndefined();
    expect(after.body.length).toBe(before.body.length - 1);
  });
});
