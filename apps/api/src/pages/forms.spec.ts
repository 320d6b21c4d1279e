import { CATALOGUES, LOCALES, translator } from '@app/i18n';
import { commonError, DomainError } from '@app/platform';
import {
  ACTION_EDIT_FORM,
  ACTION_FILTER_FORM,
  ACTION_FORM,
  CONTACT_FORM,
  CAMPAIGN_EDIT_FORM,
  CAMPAIGN_FORM,
  CAMPAIGN_LETTER_FORM,
  checkForm,
  domainErrorToForm,
  EVENT_FORM,
  FIELD_OF_ERROR,
  FOLLOW_UP_FORM,
  ME_FORM,
  REASSIGN_FORM,
  REMIND_AT_FORM,
  fieldsOf,
  FormSpec,
  IMPLEMENTATION_FORM,
  LOGIN_FORM,
  ORGANISATION_EDIT_FORM,
  PLEDGE_FORM,
  ORGANISATION_FORM,
  PASSWORD_RESET_FORM,
  pathOf,
  readForm,
  RESCHEDULE_FORM,
  SET_PASSWORD_FORM,
  STATUS_TABLE_FORM,
  NOTIFICATION_FORM,
  CORRECTION_FORM,
  INVITE_FORM,
  USER_ROLE_FORM,
  DIGEST_WEEK_FORM,
  REFUSAL_MESSAGE,
  REJECT_FORM,
} from './forms';

const en = translator('en');

const actionForm = (fields: Record<string, string>) =>
  readForm({ type: 'meeting', date: '2025-03-14', title: 'Met the minister', ...fields }, fieldsOf(ACTION_FORM));
const checkAction = (fields: Record<string, string>) =>
  checkForm(ACTION_FORM, actionForm(fields), en, { stateCode: 'KEN' });

describe('page forms', () => {
  it('reads only text fields, as typed', () => {
    expect(readForm({ title: ' A ', date: ['2025-01-01', '2025-01-02'], extra: 'x' }, ['title', 'date'])).toEqual({
      title: ' A ',
      date: '',
    });
  });

  it('turns a good action form into the API body: the action and its follow-up', async () => {
    const checked = await checkAction({
      followUp: 'yes',
      followUpDueOn: '2025-04-01',
      summary: '  ',
      target: ' Minister ',
    });
    expect(checked).toEqual({
      ok: true,
      input: {
        stateCode: 'KEN',
        type: 'meeting',
        date: '2025-03-14',
        title: 'Met the minister',
        target: 'Minister',
        followUp: { dueOn: '2025-04-01' },
      },
    });
  });

  it('names every wrong field of an action form with a message for people', async () => {
    const checked = await checkAction({
      type: 'dinner',
      date: '2025-02-30',
      title: ' ',
      followUp: 'yes',
      followUpAssigneeId: 'bob',
    });
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.errors).toEqual({
      type: 'Choose what kind of action this was.',
      date: 'Enter the date of the action as a real date, for example 2025-03-14.',
      title: 'Enter a title.',
      followUpDueOn: 'Choose the follow-up date.',
      followUpAssigneeId: 'Choose who the follow-up is for.',
    });
  });

  it('says the limits of the API DTO, in the order the form shows its fields', async () => {
    const checked = await checkAction({ outcome: 'o'.repeat(4001), title: 't'.repeat(301), campaignId: 'x' });
    expect(!checked.ok && Object.entries(checked.errors)).toEqual([
      ['title', 'Keep a title to 300 characters or fewer.'],
      ['outcome', 'Keep the outcome to 4000 characters or fewer.'],
      ['campaignId', 'Choose the campaign from the list.'],
    ]);
    const event = await checkForm(
      EVENT_FORM,
      {
        instrument: 'apic',
        type: 'signature',
        date: '',
        source: 's'.repeat(2001),
        note: '',
      },
      en,
    );
    expect(!event.ok && event.errors).toEqual({
      date: 'Choose the date of the step.',
      source: 'Keep the source to 2000 characters or fewer.',
    });
  });

  it("holds a changed action to the API's limits, its kind, date and title required as when it was logged", async () => {
    const blank = { type: '', date: '', title: ' ', target: '', summary: '', campaignId: '' };
    const checked = await checkForm(ACTION_EDIT_FORM, { ...blank, outcome: 'o'.repeat(4001) }, en);
    expect(!checked.ok && checked.errors).toEqual({
      type: 'Choose what kind of action this was.',
      date: 'Choose the date of the action.',
      title: 'Enter a title.',
      outcome: 'Keep the outcome to 4000 characters or fewer.',
    });
    const good = { ...blank, type: 'call', date: '2025-03-14', title: ' Called the ministry ', outcome: '' };
    expect(await checkForm(ACTION_EDIT_FORM, good, en, { contactIds: [] })).toEqual({
      ok: true,
      input: { type: 'call', date: '2025-03-14', title: 'Called the ministry', contactIds: [] },
    });
  });

  it('reads the filters of the list of actions as GET /api/actions reads its query', async () => {
    const none = Object.fromEntries(fieldsOf(ACTION_FILTER_FORM).map((f) => [f, '']));
    expect(
      await checkForm(ACTION_FILTER_FORM, { ...none, state: 'ken', from: '2025-01-01', loggedBy: 'me' }, en),
    ).toEqual({
      ok: true,
      input: { state: 'ken', from: '2025-01-01', loggedBy: 'me' },
    });
    const wrong = await checkForm(
      ACTION_FILTER_FORM,
      { ...none, region: 'atlantis', to: '2025-02-30', contact: 'x' },
      en,
    );
    expect(!wrong.ok && wrong.errors).toEqual({
      region: 'Choose the region from the list.',
      to: 'Enter the last day as a real date, for example 2025-03-14.',
      form: 'This link to a filtered list is not complete: follow it again from the page it was on.',
    });
  });

  it('ignores the follow-up fields unless a follow-up is asked for', async () => {
    expect((await checkAction({ followUpDueOn: 'not a date' })).ok).toBe(true);
  });

  it('checks the implementation form with the API body and the track the API takes from the address', async () => {
    const values = { track: 'crimes', stage: 'enacted', date: '', reference: ' Act 5 ', note: '' };
    expect(await checkForm(IMPLEMENTATION_FORM, values, en)).toEqual({
      ok: true,
      input: { track: 'crimes', stage: 'enacted', reference: 'Act 5' },
    });
    const wrong = await checkForm(
      IMPLEMENTATION_FORM,
      { ...values, track: 'other', stage: '', date: '2025-13-01' },
      en,
    );
    expect(!wrong.ok && wrong.errors).toEqual({
      track: 'Choose the track.',
      stage: 'Choose the stage reached.',
      date: 'Enter the date the stage was reached as a real date, for example 2025-03-14.',
    });
  });

  it('moves a follow-up to its earliest day (today before 09:00, tomorrow after) or later only', async () => {
    expect(await checkForm(RESCHEDULE_FORM, { dueOn: '2025-03-13' }, en, { earliest: '2025-03-14' })).toEqual({
      ok: false,
      errors: {
        dueOn:
          'Choose 14 Mar 2025 or a later date: the reminder goes at 09:00 on the day chosen, and for an earlier ' +
          'day that time has passed.',
      },
    });
    expect((await checkForm(RESCHEDULE_FORM, { dueOn: '2025-03-14' }, en, { earliest: '2025-03-14' })).ok).toBe(true);
    expect(await checkForm(RESCHEDULE_FORM, { dueOn: '2025-02-30' }, en, { earliest: '2025-02-01' })).toEqual({
      ok: false,
      errors: { dueOn: 'Enter the new date as a real date, for example 2025-03-14.' },
    });
    expect(await checkForm(RESCHEDULE_FORM, { dueOn: '' }, en, { earliest: '2025-02-01' })).toEqual({
      ok: false,
      errors: { dueOn: 'Choose the new date.' },
    });
  });

  it('signs in with the email trimmed and the password as typed, asking for what is missing', async () => {
    expect(await checkForm(LOGIN_FORM, { email: ' a@example.org ', password: ' secret ' }, en)).toEqual({
      ok: true,
      input: { email: 'a@example.org', password: ' secret ' },
    });
    expect(await checkForm(LOGIN_FORM, { email: ' ', password: '' }, en)).toEqual({
      ok: false,
      errors: { email: 'Enter your email address.', password: 'Enter your password.' },
    });
    const reset = await checkForm(PASSWORD_RESET_FORM, { email: 'not an address' }, en);
    expect(!reset.ok && reset.errors).toEqual({ email: 'Enter the email address of your account.' });
  });

  it("holds a new password to the API's lengths, and asks for it twice only once it is a good one", async () => {
    const token = 'a'.repeat(43);
    const check = (password: string, confirm: string, t = token) =>
      checkForm(SET_PASSWORD_FORM, { password, confirm, token: t }, en);
    expect((await check('long enough 1', 'long enough 1')).ok).toBe(true);
    expect(await check('short', 'other')).toEqual({
      ok: false,
      errors: { password: 'Choose a password of at least 10 characters.' },
    });
    expect(await check('x'.repeat(201), 'x'.repeat(201))).toEqual({
      ok: false,
      errors: { password: 'Choose a password of at most 200 characters.' },
    });
    expect(await check('long enough 1', 'long enough 2', 'cut-short')).toEqual({
      ok: false,
      errors: {
        confirm: 'Type the same password twice.',
        form: 'This link is not complete: copy it whole from the email, or ask for a new one.',
      },
    });
  });

  it("puts the domain's refusals next to their field, conflicts atop the form, and leaves the rest to error pages", () => {
    expect(domainErrorToForm(commonError('bad-date', 'date 1990-01-01 is too early'), IMPLEMENTATION_FORM, en)).toEqual(
      {
        date: 'Date 1990-01-01 is too early.',
      },
    );
    expect(
      domainErrorToForm(new DomainError('conflict', 'event-sequence', 'already a party'), IMPLEMENTATION_FORM, en),
    ).toEqual({ form: 'Already a party.' });
    expect(domainErrorToForm(commonError('not-allowed', 'no'), IMPLEMENTATION_FORM, en)).toBeNull();
    expect(
      domainErrorToForm(new DomainError('not-found', 'state-not-found', 'no'), IMPLEMENTATION_FORM, en),
    ).toBeNull();
    expect(domainErrorToForm(new Error('database down'), IMPLEMENTATION_FORM, en)).toBeNull();
  });

  it('finds the field of a refusal by its code in one table, wherever each form keeps that field', () => {
    const tooFar = new DomainError('invalid', 'remind-at-too-far', 'remindAt 2030-01-01T09:00:00.000Z is too far');
    expect(domainErrorToForm(tooFar, ACTION_FORM, en)).toEqual({
      followUpDueOn: 'RemindAt 2030-01-01T09:00:00.000Z is too far.',
    });
    expect(domainErrorToForm(tooFar, RESCHEDULE_FORM, en)).toEqual({
      dueOn: 'RemindAt 2030-01-01T09:00:00.000Z is too far.',
    });
    const inactive = new DomainError('invalid', 'assignee-not-found', 'assignee 42 is not an active user');
    expect(domainErrorToForm(inactive, ACTION_FORM, en)).toEqual({
      followUpAssigneeId: 'Assignee 42 is not an active user.',
    });
    // One code, two fields: the message names the date when the date is the problem.
    const early = new DomainError('invalid', 'impossible-event', 'date 1990-01-01 is before apic was adopted');
    const unsigned = new DomainError('invalid', 'impossible-event', 'apic is not open for signature');
    expect(Object.keys(domainErrorToForm(early, EVENT_FORM, en)!)).toEqual(['date']);
    expect(Object.keys(domainErrorToForm(unsigned, EVENT_FORM, en)!)).toEqual(['type']);
  });

  it('asks a correction for the event, the step as it should be and a reason, all at once', async () => {
    const values = readForm(
      { instrument: 'rome-statute', type: 'signature', date: '2000-02-30' },
      fieldsOf(CORRECTION_FORM),
    );
    const checked = await checkForm(CORRECTION_FORM, values, en);
    expect(!checked.ok && checked.errors).toEqual({
      eventId: 'Choose the event to correct.',
      date: 'Enter the date of the step as a real date, for example 2025-03-14.',
      reason: 'Enter why the earlier record was wrong.',
    });
  });

  it('reads the regions ticked on a user form as the API array, and none ticked as none', async () => {
    const invite = await checkForm(
      INVITE_FORM,
      {
        email: 'ana@example.org',
        name: 'Ana',
        role: 'regional-officer',
        regions: 'africa,europe',
      },
      en,
    );
    expect(invite).toEqual({
      ok: true,
      input: { email: 'ana@example.org', name: 'Ana', role: 'regional-officer', regions: ['africa', 'europe'] },
    });
    expect(await checkForm(USER_ROLE_FORM, { role: 'viewer', regions: '' }, en, { regions: [] })).toEqual({
      ok: true,
      input: { role: 'viewer', regions: [] },
    });
    const wrong = await checkForm(INVITE_FORM, { email: 'ana', name: ' ', role: 'boss', regions: 'mars' }, en);
    expect(!wrong.ok && wrong.errors).toEqual({
      email: 'Enter an email address such as name@example.org.',
      name: 'Enter the name.',
      role: 'Choose a role.',
      regions: 'Tick regions from the list.',
    });
  });

  it('maps every code of the table to a field some form has', () => {
    const forms: FormSpec<object>[] = [
      ACTION_FORM,
      EVENT_FORM,
      IMPLEMENTATION_FORM,
      RESCHEDULE_FORM,
      CONTACT_FORM,
      ORGANISATION_FORM,
      ORGANISATION_EDIT_FORM,
      PLEDGE_FORM,
      CAMPAIGN_FORM,
      CAMPAIGN_EDIT_FORM,
      CAMPAIGN_LETTER_FORM,
      STATUS_TABLE_FORM,
      NOTIFICATION_FORM,
      FOLLOW_UP_FORM,
      REMIND_AT_FORM,
      REASSIGN_FORM,
      ME_FORM,
      ACTION_EDIT_FORM,
      ACTION_FILTER_FORM,
      CORRECTION_FORM,
      INVITE_FORM,
      USER_ROLE_FORM,
      DIGEST_WEEK_FORM,
    ];
    for (const [code, field] of Object.entries(FIELD_OF_ERROR)) {
      const somewhere = forms.some((form) =>
        fieldsOf(form).some((name) => {
          const path = pathOf(form, name);
          return path === field || path?.endsWith(`.${field}`);
        }),
      );
      expect({ code, somewhere }).toEqual({ code, somewhere: true });
    }
  });

  it('names every wrong field of a new follow-up at once, in words for people', async () => {
    const values = readForm(
      { stateCode: '', title: ' ', dueOn: '2027-02-30', time: '25:00', timeZone: 'Mars/Olympus', assigneeId: 'x' },
      fieldsOf(FOLLOW_UP_FORM),
    );
    const checked = await checkForm(FOLLOW_UP_FORM, values, en);
    expect(checked).toEqual({
      ok: false,
      errors: {
        stateCode: 'Choose the state from the list.',
        title: 'Enter a title.',
        dueOn: 'Enter the date as a real date, for example 2025-03-14.',
        time: 'Enter the time of day as hours and minutes, for example 14:30.',
        timeZone: 'Choose the time zone from the list.',
        assigneeId: 'Choose who the follow-up is for.',
      },
    });
  });

  it('turns a good follow-up form into the API body without its remindAt, which the page computes', async () => {
    const values = readForm(
      { stateCode: 'KEN', title: 'Call the ministry', dueOn: '2027-02-01', time: '14:30', timeZone: 'Africa/Nairobi' },
      fieldsOf(FOLLOW_UP_FORM),
    );
    const checked = await checkForm(FOLLOW_UP_FORM, values, en);
    expect(checked).toEqual({
      ok: true,
      input: expect.objectContaining({ stateCode: 'KEN', title: 'Call the ministry', time: '14:30' }),
    });
  });

  it('says a refused reminder time next to the date, and an inactive assignee next to the choice', () => {
    const past = new DomainError('invalid', 'remind-at-past', 'remindAt 2020-01-01T00:00:00.000Z has passed');
    const gone = new DomainError('invalid', 'assignee-not-found', 'assignee x is not an active user');
    expect(Object.keys(domainErrorToForm(past, FOLLOW_UP_FORM, en)!)).toEqual(['dueOn']);
    expect(Object.keys(domainErrorToForm(past, REMIND_AT_FORM, en)!)).toEqual(['dueOn']);
    expect(Object.keys(domainErrorToForm(gone, REASSIGN_FORM, en)!)).toEqual(['assigneeId']);
  });
});

describe('page form errors in the reader’s language', () => {
  const fr = translator('fr');
  const es = translator('es');
  const ar = translator('ar');

  it('says a missing title, a date that is not one and a field over its limit in French, Spanish and Arabic', async () => {
    const bad = actionForm({ date: '2025-02-30', title: ' ', outcome: 'o'.repeat(4001) });
    const said = async (tr: ReturnType<typeof translator>) => {
      const checked = await checkForm(ACTION_FORM, bad, tr, { stateCode: 'KEN' });
      return !checked.ok && checked.errors;
    };
    expect(await said(fr)).toEqual({
      date: 'Saisissez la date de l’action sous la forme d’une date valide, par exemple 2025-03-14.',
      title: 'Saisissez le titre.',
      outcome: 'Limitez le résultat à 4\u202f000 caractères.',
    });
    expect(await said(es)).toEqual({
      date: 'Introduzca la fecha de la acción como una fecha válida, por ejemplo 2025-03-14.',
      title: 'Introduzca el título.',
      outcome: 'Limite el resultado a 4000 caracteres como máximo.',
    });
    expect(await said(ar)).toEqual({
      date: 'أدخل تاريخ النشاط بصيغة تاريخ صحيح، مثل 2025-03-14.',
      title: 'أدخل العنوان.',
      outcome: `اختصر النتيجة إلى ${ar.number(4000)} حرف أو أقل.`,
    });
  });

  it('counts characters as each language does: Arabic says 10 letters otherwise than 200', async () => {
    const check = (password: string, tr: ReturnType<typeof translator>) =>
      checkForm(SET_PASSWORD_FORM, { password, confirm: password, token: 'a'.repeat(43) }, tr);
    expect(await check('short', ar)).toEqual({
      ok: false,
      errors: { password: `اختر كلمة مرور من ${ar.number(10)} أحرف على الأقل.` },
    });
    expect(await check('x'.repeat(201), ar)).toEqual({
      ok: false,
      errors: { password: `اختر كلمة مرور لا تتجاوز ${ar.number(200)} حرف.` },
    });
    expect(await check('short', fr)).toEqual({
      ok: false,
      errors: { password: 'Choisissez un mot de passe d’au moins 10 caractères.' },
    });
  });

  it('asks for a missing date and a choice in the reader’s language', async () => {
    const values = readForm({ instrument: 'apic', type: '', date: '' }, fieldsOf(EVENT_FORM));
    const checked = await checkForm(EVENT_FORM, values, es);
    expect(!checked.ok && checked.errors).toEqual({ type: 'Elija el paso.', date: 'Elija la fecha del paso.' });
    const rescheduled = await checkForm(RESCHEDULE_FORM, { dueOn: '2025-03-13' }, fr, { earliest: '2025-03-14' });
    expect(!rescheduled.ok && rescheduled.errors.dueOn).toMatch(/^Choisissez le 14 mars 2025 ou une date ultérieure/);
  });

  it('says a refusal of the services in the reader’s language, next to the same field, and in English as written', () => {
    const early = commonError('bad-date', 'date 1990-01-01 is before the Rome Statute existed');
    expect(domainErrorToForm(early, IMPLEMENTATION_FORM, en)).toEqual({
      date: 'Date 1990-01-01 is before the Rome Statute existed.',
    });
    expect(domainErrorToForm(early, IMPLEMENTATION_FORM, fr)).toEqual({
      date: 'Cette date n’est pas acceptée : vérifiez-la.',
    });
    const taken = new DomainError('conflict', 'campaign-name-taken', 'a campaign named "X" already exists');
    expect(domainErrorToForm(taken, CAMPAIGN_FORM, ar)).toEqual({
      name: 'توجد حملة بهذا الاسم بالفعل: اختر اسمًا آخر.',
    });
    // A code with no words of its own is still said, atop the form.
    const other = new DomainError('conflict', 'proposal-decided-elsewhere', 'x');
    expect(domainErrorToForm(other, CAMPAIGN_FORM, es)).toEqual({
      form: 'No se pudo registrar esta solicitud: revise el formulario e inténtelo de nuevo.',
    });
  });

  it('has every field name and message of every form in all four languages', () => {
    const forms = [
      ACTION_FORM,
      ACTION_EDIT_FORM,
      ACTION_FILTER_FORM,
      CONTACT_FORM,
      ORGANISATION_FORM,
      ORGANISATION_EDIT_FORM,
      CAMPAIGN_FORM,
      CAMPAIGN_EDIT_FORM,
      CAMPAIGN_LETTER_FORM,
      EVENT_FORM,
      CORRECTION_FORM,
      INVITE_FORM,
      USER_ROLE_FORM,
      DIGEST_WEEK_FORM,
      PLEDGE_FORM,
      IMPLEMENTATION_FORM,
      RESCHEDULE_FORM,
      FOLLOW_UP_FORM,
      REMIND_AT_FORM,
      REASSIGN_FORM,
      ME_FORM,
      LOGIN_FORM,
      PASSWORD_RESET_FORM,
      SET_PASSWORD_FORM,
      STATUS_TABLE_FORM,
      NOTIFICATION_FORM,
      REJECT_FORM,
    ] as FormSpec<object>[];
    const keys = forms.flatMap((form) =>
      Object.values(form.fields).flatMap((spec) =>
        [spec.what, spec.message, ...Object.values(spec.messages ?? {})].filter(
          (m): m is string => typeof m === 'string',
        ),
      ),
    );
    keys.push(...Object.values(REFUSAL_MESSAGE));
    expect(keys.length).toBeGreaterThan(100);
    for (const locale of LOCALES) {
      const catalogue = CATALOGUES[locale].forms;
      expect({ locale, missing: [...new Set(keys)].filter((key) => !(key in catalogue)) }).toEqual({
        locale,
        missing: [],
      });
    }
  });
});
