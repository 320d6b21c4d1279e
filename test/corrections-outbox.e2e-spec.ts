import { signUp, startApi, TestApi } from './support/api';

/** The API behind two page tasks: correcting a treaty event, and sending again an email that did not go out. */
describe('treaty event corrections and the outbox review', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api?.close();
  });

  const eventsOf = async (code: string) =>
    (await api.request('GET', `/api/states/${code}`)).body.events as {
      id: string;
      instrument: string;
      type: string;
      date: string;
      note: string | null;
    }[];
  const romeSignature = async (code: string) =>
    (await eventsOf(code)).find((e) => e.instrument === 'rome-statute' && e.type === 'signature')!;

  it('records a new event in place of a wrong one, keeping the earlier one superseded and both audited', async () => {
    const earlier = await romeSignature('GHA');
    const reason = 'The UN depositary records the signature a day later.';
    const day = new Date(Date.parse(`${earlier.date}T00:00:00Z`) + 86400_000).toISOString().slice(0, 10);
    const res = await api.request('POST', `/api/states/GHA/events/${earlier.id}/corrections`, {
      body: { instrument: 'rome-statute', type: 'signature', date: day, confidence: 'official', reason },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ stateCode: 'GHA', type: 'signature', date: day, corrects: earlier.id });
    expect(res.body.note).toBe(`Corrects the earlier record (signature on ${earlier.date}): ${reason}`);
    const now = await romeSignature('GHA');
    expect(now.id).toBe(res.body.id);
    expect((await eventsOf('GHA')).some((e) => e.id === earlier.id)).toBe(false);
    const { rows } = await api.db.query('SELECT superseded_by AS "by" FROM treaty_event WHERE id = $1', [earlier.id]);
    expect(rows).toEqual([{ by: res.body.id }]);

    const trail = await api.request('GET', `/api/audit?entity=treaty-event&id=${earlier.id}`);
    expect(trail.body.items[0]).toMatchObject({
      action: 'update',
      before: { supersededBy: null, date: earlier.date },
      after: { supersededBy: res.body.id, correctionReason: reason },
    });

    // Corrected once: a second correction of the same event is refused, pointing to the one that replaced it.
    const again = await api.request('POST', `/api/states/GHA/events/${earlier.id}/corrections`, {
      body: { instrument: 'rome-statute', type: 'signature', date: day, reason },
    });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('already corrected');
  });

  it('refuses a correction the treaty rules refuse, changing nothing', async () => {
    const before = await eventsOf('KEN');
    const signature = before.find((e) => e.instrument === 'rome-statute' && e.type === 'signature')!;
    // A ratification in place of the signature would be a second deposit.
    const res = await api.request('POST', `/api/states/KEN/events/${signature.id}/corrections`, {
      body: { instrument: 'rome-statute', type: 'ratification', date: '2001-01-01', reason: 'typed wrong' },
    });
    expect(res.status).toBe(409);
    expect(await eventsOf('KEN')).toEqual(before);
  });

  it('asks for a reason, and refuses an unknown event and a role or region that may not record', async () => {
    const signature = await romeSignature('KEN');
    const body = { instrument: 'rome-statute', type: 'signature', date: '1999-08-11' };
    const noReason = await api.request('POST', `/api/states/KEN/events/${signature.id}/corrections`, { body });
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toEqual(expect.arrayContaining([expect.stringContaining('reason')]));
    const elsewhere = await api.request('POST', `/api/states/UGA/events/${signature.id}/corrections`, {
      body: { ...body, reason: 'x' },
    });
    expect(elsewhere.status).toBe(404);
    const europe = await signUp(api, { role: 'regional-officer', regions: ['europe'] });
    const refused = await api.request('POST', `/api/states/KEN/events/${signature.id}/corrections`, {
      token: europe.token,
      body: { ...body, reason: 'x' },
    });
    expect(refused.status).toBe(403);
  });

  it('lists failed and uncertain emails to admins only, and sends one again once', async () => {
    const viewer = await signUp(api, { role: 'viewer' });
    expect((await api.request('GET', '/api/outbox', { token: viewer.token })).status).toBe(403);
    const reset = await api.request('POST', '/api/auth/password-reset', { token: null, body: { email: viewer.email } });
    expect(reset.status).toBe(202);
    await api.db.query(
      `UPDATE outbox_email SET status = 'uncertain', attempts = 1, last_error = 'connection lost after DATA'
        WHERE recipient = $1`,
      [viewer.email],
    );
    const listed = await api.request('GET', '/api/outbox?status=uncertain');
    expect(listed.status).toBe(200);
    const email = listed.body.items.find((e: { recipient: string }) => e.recipient === viewer.email);
    expect(email).toMatchObject({ status: 'uncertain', attempts: 1, lastError: 'connection lost after DATA' });
    expect(email).not.toHaveProperty('html');
    expect((await api.request('GET', '/api/outbox?status=failed')).body.items).toEqual([]);
    expect((await api.request('GET', '/api/outbox?status=sent')).status).toBe(400);

    expect((await api.request('POST', `/api/outbox/${email.id}/resend`, { token: viewer.token })).status).toBe(403);
    const resent = await api.request('POST', `/api/outbox/${email.id}/resend`);
    expect(resent.status).toBe(202);
    const { rows } = await api.db.query('SELECT status FROM outbox_email WHERE id = $1', [email.id]);
    expect(rows[0].status).not.toBe('uncertain');
    expect((await api.request('POST', `/api/outbox/${email.id}/resend`)).status).toBe(404);
    const trail = await api.request('GET', `/api/audit?entity=email&id=${email.id}`);
    expect(trail.body.items).toHaveLength(1);
    expect(trail.body.items[0]).toMatchObject({ action: 'update', after: { status: 'pending' } });
  });
});
