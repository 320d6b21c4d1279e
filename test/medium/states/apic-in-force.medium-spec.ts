import { DataSource } from 'typeorm';
import { makeTreatyEvent } from '../../factories';
import { openTestDatabase } from '../../support/medium';

/** APIC art. 35: in force for a state on the thirtieth day after its deposit, and not before 22 July 2004. */
describe('when APIC enters into force for a state', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.destroy());

  const inForceOn = async (deposited: string): Promise<string> =>
    (
      await db.query<{ d: string }[]>(`SELECT to_char(treaty_in_force_on('apic', $1::date), 'YYYY-MM-DD') AS d`, [
        deposited,
      ])
    )[0].d;

  it('is never before 22 July 2004, the day the Agreement itself entered into force', async () => {
    expect(await inForceOn('2003-03-10')).toBe('2004-07-22');
    expect(await inForceOn('2004-06-22')).toBe('2004-07-22'); // thirty days later would be 22 July itself
    expect(await inForceOn('2004-06-21')).toBe('2004-07-22');
    expect(await inForceOn('2004-06-23')).toBe('2004-07-23');
    expect(await inForceOn('2010-05-01')).toBe('2010-05-31');
  });

  it('makes a state that deposited early a party on 22 July 2004, not thirty days after its deposit', async () => {
    // India has no step on any instrument in the reference data.
    await makeTreatyEvent(db, { stateCode: 'IND', instrument: 'apic', type: 'ratification', date: '2003-03-10' });
    const status = async (asOf: string) =>
      (
        await db.query<{ stage: string; inForceOn: string }[]>(
          `SELECT stage, to_char(in_force_on, 'YYYY-MM-DD') AS "inForceOn"
             FROM treaty_status($1::date, 'IND') WHERE instrument = 'apic'`,
          [asOf],
        )
      )[0];
    expect(await status('2003-06-01')).toEqual({ stage: 'deposited', inForceOn: '2004-07-22' });
    expect(await status('2004-07-21')).toEqual({ stage: 'deposited', inForceOn: '2004-07-22' });
    expect(await status('2004-07-22')).toEqual({ stage: 'party', inForceOn: '2004-07-22' });
  });
});
