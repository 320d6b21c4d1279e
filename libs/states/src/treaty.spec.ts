import { checkNewEvent, EventStep, inForceOn } from './treaty';

const TODAY = '2026-11-22';
const step = (type: EventStep['type'], date: string): EventStep => ({ type, date });

describe('checkNewEvent: what may be recorded on top of a history', () => {
  it('accepts a signature then a ratification, even on the same day', () => {
    expect(
      checkNewEvent('rome-statute', [step('signature', '2000-04-05')], step('ratification', '2000-04-05'), TODAY),
    ).toBeNull();
  });

  it('refuses a second deposit while the state is a party', () => {
    const problem = checkNewEvent(
      'rome-statute',
      [step('ratification', '2002-04-11')],
      step('accession', '2010-01-01'),
      TODAY,
    );
    expect(problem).toEqual({
      kind: 'conflict',
      message: expect.stringContaining('already deposited an instrument (ratification on 2002-04-11)'),
    });
  });

  it('accepts a new accession after a withdrawal took effect', () => {
    const history = [
      step('ratification', '2004-09-21'),
      step('withdrawal-notified', '2016-10-27'),
      step('withdrawal-effective', '2017-10-27'),
    ];
    expect(checkNewEvent('rome-statute', history, step('accession', '2025-01-10'), TODAY)).toBeNull();
  });

  it('refuses an entry into force before any deposit', () => {
    const problem = checkNewEvent(
      'rome-statute',
      [step('ratification', '2011-05-19')],
      step('entry-into-force', '2002-08-01'),
      TODAY,
    );
    expect(problem?.kind).toBe('conflict');
    expect(problem?.message).toContain('entry into force on 2002-08-01 comes before any deposit');
  });

  it('accepts an entry into force recorded before a succession, which is retroactive', () => {
    expect(
      checkNewEvent('rome-statute', [step('succession', '2006-10-23')], step('entry-into-force', '2006-06-03'), TODAY),
    ).toBeNull();
  });

  it('refuses a withdrawal by a state that is not a party', () => {
    const problem = checkNewEvent(
      'rome-statute',
      [step('signature', '2000-12-31')],
      step('withdrawal-notified', '2020-01-01'),
      TODAY,
    );
    expect(problem?.message).toContain('not a party');
  });

  it('refuses a revocation when no withdrawal is pending', () => {
    const problem = checkNewEvent(
      'rome-statute',
      [step('ratification', '2001-11-30')],
      step('withdrawal-revoked', '2026-05-29'),
      TODAY,
    );
    expect(problem?.message).toContain('no pending withdrawal');
  });

  it('refuses a signature of an amendment, which is not open for signature', () => {
    expect(checkNewEvent('amendment-aggression', [], step('signature', '2015-01-01'), TODAY)?.kind).toBe('invalid');
  });

  it('refuses dates before the instrument was adopted and more than a year ahead', () => {
    expect(checkNewEvent('apic', [], step('ratification', '2001-01-01'), TODAY)?.message).toContain(
      'before apic was adopted',
    );
    expect(checkNewEvent('rome-statute', [], step('signature', '2027-11-23'), TODAY)?.message).toContain(
      'more than one year in the future',
    );
    expect(checkNewEvent('rome-statute', [], step('signature', '2027-11-22'), TODAY)).toBeNull();
  });

  it('refuses a step that would make a later recorded step impossible, and says so', () => {
    // A deposit inserted before a recorded withdrawal notification is fine; one inserted between a deposit and
    // the withdrawal that ends it would be a second deposit while a party.
    const history = [step('ratification', '2004-09-21'), step('withdrawal-effective', '2017-10-27')];
    const problem = checkNewEvent('rome-statute', history, step('accession', '2010-01-01'), TODAY);
    expect(problem?.kind).toBe('conflict');
  });
});

describe('checkNewEvent: signatures and deposits withdrawn', () => {
  it('accepts a signatory telling the depositary it will not become a party, and refuses it twice', () => {
    const signed = [step('signature', '2000-12-31')];
    expect(checkNewEvent('rome-statute', signed, step('signature-withdrawn', '2002-05-06'), TODAY)).toBeNull();
    const twice = checkNewEvent(
      'rome-statute',
      [...signed, step('signature-withdrawn', '2002-05-06')],
      step('signature-withdrawn', '2003-01-01'),
      TODAY,
    );
    expect(twice).toEqual({ kind: 'conflict', message: expect.stringContaining('already withdrawn') });
  });

  it('refuses a signature withdrawn without a signature, and on an amendment nobody signs', () => {
    expect(checkNewEvent('rome-statute', [], step('signature-withdrawn', '2002-05-06'), TODAY)).toEqual({
      kind: 'conflict',
      message: expect.stringContaining('has not signed'),
    });
    expect(checkNewEvent('amendment-art8-2010', [], step('signature-withdrawn', '2012-05-06'), TODAY)).toMatchObject({
      kind: 'invalid',
    });
  });

  it('accepts an accession withdrawn before it took effect (Malaysia, 2019), and then a new accession', () => {
    const deposited = [step('accession', '2019-03-04')];
    expect(checkNewEvent('rome-statute', deposited, step('deposit-withdrawn', '2019-04-29'), TODAY)).toBeNull();
    const withdrawn = [...deposited, step('deposit-withdrawn', '2019-04-29')];
    expect(checkNewEvent('rome-statute', withdrawn, step('accession', '2024-01-10'), TODAY)).toBeNull();
  });

  it('refuses to withdraw a deposit once it is in force: that is a withdrawal under art. 127', () => {
    const problem = checkNewEvent(
      'rome-statute',
      [step('accession', '2019-03-04')],
      step('deposit-withdrawn', '2019-06-01'),
      TODAY,
    );
    expect(problem).toEqual({ kind: 'conflict', message: expect.stringContaining('notify a withdrawal instead') });
  });
});

describe('inForceOn: the treaties’ own rules', () => {
  it('follows art. 126 for the Statute, art. 35 for APIC and art. 121(5) for amendments', () => {
    expect(inForceOn('rome-statute', '2002-04-11')).toBe('2002-07-01');
    expect(inForceOn('rome-statute', '2019-03-04')).toBe('2019-06-01');
    expect(inForceOn('apic', '2003-03-10')).toBe('2004-07-22');
    expect(inForceOn('apic', '2010-05-01')).toBe('2010-05-31');
    expect(inForceOn('amendment-art8-2017-laser', '2024-02-29')).toBe('2025-02-28');
  });
});
