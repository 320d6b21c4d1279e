import { isoDate, isoInstant } from '@app/platform';
import { INSTRUMENTS } from '@app/states';
import type { Region } from '@app/accounts';

/** What a pledge commits to: joining an instrument, or enacting one track of implementing legislation. */
export const PLEDGE_INSTRUMENTS = [...INSTRUMENTS, 'implementation-cooperation', 'implementation-crimes'] as const;
export type PledgeInstrument = (typeof PLEDGE_INSTRUMENTS)[number];

export const PLEDGE_STATUSES = ['open', 'fulfilled', 'lapsed'] as const;
export type PledgeStatus = (typeof PLEDGE_STATUSES)[number];

/** A pledge as the API answers it: the type of pledgeJson, its one builder. */
export interface PledgeView {
  id: string;
  stateCode: string;
  stateName: string;
  region: Region;
  instrument: PledgeInstrument;
  madeOn: string;
  /** Where it was made: an ASP session, a Universal Periodic Review, a meeting. */
  occasion: string;
  targetDate: string | null;
  source: string | null;
  note: string | null;
  /** Derived: fulfilled once the deposit (or enactment) is recorded on or after madeOn; lapsed after targetDate. */
  status: PledgeStatus;
  fulfilledOn: string | null;
  createdBy: { id: string; name: string };
  createdAt: string;
}

/**
 * The day a pledge `p` was kept, as of the date `asOf` (SQL): the deposit of its instrument (treaty_status, published
 * by states) or the enactment of its track (implementation_ref), recorded on or after the day it was made.
 */
export const keptOn = (asOf: string) => `
  CASE WHEN p.instrument LIKE 'implementation-%' THEN
    (SELECT min(i.date) FROM implementation_ref i
     WHERE i.state_code = p.state_code AND i.track = substr(p.instrument, 16) AND i.stage = 'enacted'
       AND i.date >= p.made_on AND i.date <= ${asOf})
  ELSE
    (SELECT t.deposited_on FROM treaty_status(${asOf}, p.state_code) t
     WHERE t.instrument = p.instrument AND t.deposited_on >= p.made_on)
  END`;

/** A pledge's status from the day it was kept (`kept`), its target date and `asOf` (SQL). */
export const pledgeStatus = (kept: string, asOf: string) =>
  `CASE WHEN ${kept} IS NOT NULL THEN 'fulfilled' WHEN p.target_date < ${asOf} THEN 'lapsed' ELSE 'open' END`;

/** The pledge `p` joined (PLEDGE_JOINS) to its state `s`, its author `u` and the day it was kept `k.kept_on`. */
export const pledgeJson = (asOf: string) => `
  json_build_object(
    'id', p.id, 'stateCode', p.state_code, 'stateName', s.name_en, 'region', p.region,
    'instrument', p.instrument, 'madeOn', ${isoDate('p.made_on')}, 'occasion', p.occasion,
    'targetDate', ${isoDate('p.target_date')}, 'source', p.source, 'note', p.note,
    'status', ${pledgeStatus('k.kept_on', asOf)}, 'fulfilledOn', ${isoDate('k.kept_on')},
    'createdBy', json_build_object('id', u.id, 'name', u.name), 'createdAt', ${isoInstant('p.created_at')})`;

export const pledgeJoins = (asOf: string) => `
  JOIN state_ref s ON s.code = p.state_code
  JOIN user_ref u ON u.id = p.created_by
  LEFT JOIN LATERAL (SELECT ${keptOn(asOf)} AS kept_on) k ON true`;

/** The stage of a state's implementation track on `asOf` (SQL): its latest step up to that day, or null. */
export const implementationStage = (stateCode: string, track: string, asOf: string) =>
  `(SELECT i.stage FROM implementation_ref i
    WHERE i.state_code = ${stateCode} AND i.track = ${track} AND i.date <= ${asOf}
    ORDER BY i.date DESC, i.recorded_at DESC LIMIT 1)`;
