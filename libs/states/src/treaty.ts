import { addYears } from '@app/platform';

export const INSTRUMENTS = [
  'rome-statute',
  'apic',
  'amendment-aggression',
  'amendment-art8-2010',
  'amendment-art8-2017-biological',
  'amendment-art8-2017-fragments',
  'amendment-art8-2017-laser',
  'amendment-art8-2019',
] as const;
export type Instrument = (typeof INSTRUMENTS)[number];

/** The code of the three 2017 amendments before the tracker kept them apart, as the depositary does. */
export const RETIRED_INSTRUMENTS: Readonly<Record<string, readonly Instrument[]>> = {
  'amendment-art8-2017': [
    'amendment-art8-2017-biological',
    'amendment-art8-2017-fragments',
    'amendment-art8-2017-laser',
  ],
};

/** The date each instrument was adopted: no step on it can be earlier. */
export const OPENED_ON: Record<Instrument, string> = {
  'rome-statute': '1998-07-17',
  apic: '2002-09-09',
  'amendment-aggression': '2010-06-11',
  'amendment-art8-2010': '2010-06-10',
  'amendment-art8-2017-biological': '2017-12-14',
  'amendment-art8-2017-fragments': '2017-12-14',
  'amendment-art8-2017-laser': '2017-12-14',
  'amendment-art8-2019': '2019-12-06',
};

export const DEPOSIT_TYPES = ['ratification', 'accession', 'acceptance', 'approval', 'succession'] as const;
export type DepositType = (typeof DEPOSIT_TYPES)[number];

export const EVENT_TYPES = [
  'signature',
  'signature-withdrawn',
  ...DEPOSIT_TYPES,
  'deposit-withdrawn',
  'entry-into-force',
  'withdrawal-notified',
  'withdrawal-revoked',
  'withdrawal-effective',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * How sure the tracker is of an event: `depositary` read from the UN Secretary-General's own records (status
 * page, C.N. notification); `official` from a government, the Court or the Assembly of States Parties;
 * `reported` from anyone else (NGOs, press, research tables) or inferred.
 */
export const CONFIDENCES = ['depositary', 'official', 'reported'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export const STAGES = ['none', 'signed', 'deposited', 'party', 'withdrawing', 'withdrawn'] as const;
export type Stage = (typeof STAGES)[number];

/** The stages that count as a party: a state whose withdrawal is pending still is one until it takes effect. */
export const PARTY_STAGES = ['party', 'withdrawing'] as const satisfies readonly Stage[];

export const TRACKS = ['cooperation', 'crimes'] as const;
export type Track = (typeof TRACKS)[number];

/** `unknown`: nobody has recorded a stage yet; `none`: checked, nothing found. */
export const IMPLEMENTATION_STAGES = ['unknown', 'none', 'drafting', 'before-parliament', 'enacted'] as const;
export type ImplementationStage = (typeof IMPLEMENTATION_STAGES)[number];

export const UN_GROUPS = [
  'african',
  'asia-pacific',
  'eastern-european',
  'latin-american-caribbean',
  'western-european-other',
] as const;
export type UnGroup = (typeof UN_GROUPS)[number];

export interface EventStep {
  type: EventType;
  date: string;
}

/** Amendments are accepted or ratified by states parties; they are not signed. */
const SIGNABLE: ReadonlySet<Instrument> = new Set(['rome-statute', 'apic']);

export const isSignable = (instrument: Instrument): boolean => SIGNABLE.has(instrument);

// Steps on the same day happen in this order (a state may sign and ratify on one day).
const ORDER: Record<EventType, number> = {
  signature: 0,
  'signature-withdrawn': 1,
  ratification: 1,
  accession: 1,
  acceptance: 1,
  approval: 1,
  succession: 1,
  'deposit-withdrawn': 2,
  'entry-into-force': 2,
  'withdrawal-notified': 3,
  'withdrawal-revoked': 4,
  'withdrawal-effective': 5,
};

export function isDeposit(type: EventType): type is DepositType {
  return (DEPOSIT_TYPES as readonly string[]).includes(type);
}

export interface SequenceProblem {
  /** `invalid`: the event makes no sense on its own (400); `conflict`: it contradicts the recorded history (409). */
  kind: 'invalid' | 'conflict';
  message: string;
}

/**
 * Checks that `added` fits the state's recorded history for one instrument, by replaying every step in
 * date order. Returns the first problem, or null when the history with the new step is possible.
 */
export function checkNewEvent(
  instrument: Instrument,
  history: readonly EventStep[],
  added: EventStep,
  today: string,
): SequenceProblem | null {
  if (added.date < OPENED_ON[instrument]) {
    return {
      kind: 'invalid',
      message: `date ${added.date} is before ${instrument} was adopted (${OPENED_ON[instrument]})`,
    };
  }
  const latest = addYears(today, 1);
  if (added.date > latest) {
    return { kind: 'invalid', message: `date ${added.date} is more than one year in the future (latest ${latest})` };
  }
  if ((added.type === 'signature' || added.type === 'signature-withdrawn') && !SIGNABLE.has(instrument)) {
    return { kind: 'invalid', message: `${instrument} is not open for signature; record a ratification or acceptance` };
  }
  const steps = inReplayOrder([...history.map((e) => ({ ...e, isNew: false })), { ...added, isNew: true }]);

  let signedOn: string | null = null;
  let signatureWithdrawn = false;
  let deposit: { date: string; type: DepositType } | null = null;
  let inForceRecorded = false;
  let notifiedOn: string | null = null;
  for (const step of steps) {
    const problem = replayStep(instrument, step, {
      signedOn,
      signatureWithdrawn,
      deposit,
      inForceRecorded,
      notifiedOn,
    });
    if (problem) {
      // A problem caused by an older step is not the new event's fault, unless the new one is what broke it.
      return step.isNew
        ? { kind: 'conflict', message: problem }
        : { kind: 'conflict', message: `${problem}, once ${added.type} on ${added.date} is added` };
    }
    switch (step.type) {
      case 'signature':
        signedOn = step.date;
        break;
      case 'signature-withdrawn':
        signatureWithdrawn = true;
        break;
      case 'deposit-withdrawn':
        deposit = null;
        break;
      case 'ratification':
      case 'accession':
      case 'acceptance':
      case 'approval':
      case 'succession':
        deposit = { date: step.date, type: step.type };
        inForceRecorded = false;
        notifiedOn = null;
        break;
      case 'entry-into-force':
        inForceRecorded = true;
        break;
      case 'withdrawal-notified':
        notifiedOn = step.date;
        break;
      case 'withdrawal-revoked':
        notifiedOn = null;
        break;
      case 'withdrawal-effective':
        deposit = null;
        inForceRecorded = false;
        notifiedOn = null;
        break;
    }
  }
  return null;
}

/**
 * Date order, with one exception: a succession takes effect retroactively (from independence), so an
 * entry into force recorded before the succession's own date is replayed right after it.
 */
function inReplayOrder<T extends EventStep & { isNew: boolean }>(steps: T[]): T[] {
  const sorted = [...steps].sort(
    (a, b) => a.date.localeCompare(b.date) || ORDER[a.type] - ORDER[b.type] || Number(a.isNew) - Number(b.isNew),
  );
  const out: T[] = [];
  let early: T[] = [];
  sorted.forEach((step, i) => {
    const nextDeposit = sorted.slice(i + 1).find((s) => isDeposit(s.type));
    if (step.type === 'entry-into-force' && !out.some((s) => isDeposit(s.type)) && nextDeposit?.type === 'succession') {
      early.push(step);
      return;
    }
    out.push(step);
    if (step.type === 'succession') {
      out.push(...early);
      early = [];
    }
  });
  return out;
}

interface Replay {
  signedOn: string | null;
  signatureWithdrawn: boolean;
  deposit: { date: string; type: DepositType } | null;
  inForceRecorded: boolean;
  notifiedOn: string | null;
}

function replayStep(instrument: Instrument, step: EventStep, s: Replay): string | null {
  switch (step.type) {
    case 'signature':
      if (s.deposit) return `signature on ${step.date}: an instrument was already deposited on ${s.deposit.date}`;
      if (s.signedOn) return `signature on ${step.date}: already signed on ${s.signedOn}`;
      return null;
    case 'signature-withdrawn':
      if (!s.signedOn) return `signature withdrawn on ${step.date}: the state has not signed`;
      if (s.signatureWithdrawn) return `signature withdrawn on ${step.date}: the signature was already withdrawn`;
      if (s.deposit) return `signature withdrawn on ${step.date}: an instrument was deposited on ${s.deposit.date}`;
      return null;
    case 'deposit-withdrawn': {
      if (!s.deposit) return `deposit withdrawn on ${step.date}: no instrument deposited to withdraw`;
      const inForce = inForceOn(instrument, s.deposit.date);
      if (s.inForceRecorded || step.date >= inForce)
        return `deposit withdrawn on ${step.date}: the instrument deposited on ${s.deposit.date} is in force (since ${inForce}); notify a withdrawal instead`;
      return null;
    }
    case 'ratification':
    case 'accession':
    case 'acceptance':
    case 'approval':
    case 'succession':
      if (s.deposit) {
        return `${step.type} on ${step.date}: the state already deposited an instrument (${s.deposit.type} on ${s.deposit.date}) and has not withdrawn`;
      }
      return null;
    case 'entry-into-force':
      if (!s.deposit) return `entry into force on ${step.date} comes before any deposit of an instrument`;
      if (s.inForceRecorded)
        return `entry into force on ${step.date}: an entry into force is already recorded for the instrument deposited on ${s.deposit.date}`;
      return null;
    case 'withdrawal-notified':
      if (!s.deposit) return `withdrawal notified on ${step.date}: the state is not a party (no instrument in effect)`;
      if (s.notifiedOn)
        return `withdrawal notified on ${step.date}: a withdrawal was already notified on ${s.notifiedOn}`;
      return null;
    case 'withdrawal-revoked':
      if (!s.notifiedOn) return `withdrawal revoked on ${step.date}: no pending withdrawal to revoke`;
      return null;
    case 'withdrawal-effective':
      if (!s.deposit) return `withdrawal effective on ${step.date}: the state is not a party (no instrument in effect)`;
      return null;
  }
}

/**
 * When an instrument deposited on `deposited` enters into force for the state, by the treaty's own rule; the same
 * rule as the SQL function treaty_in_force_on() in the first migration, which the status derivation uses.
 */
export function inForceOn(instrument: Instrument, deposited: string): string {
  const plusDays = (days: number) => {
    const d = new Date(`${deposited}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + days);
    return d;
  };
  if (instrument === 'rome-statute') {
    if (deposited <= '2002-04-11') return '2002-07-01';
    const d = plusDays(60);
    return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
  }
  if (instrument === 'apic') {
    const date = plusDays(30).toISOString().slice(0, 10);
    return date < '2004-07-22' ? '2004-07-22' : date;
  }
  return addYears(deposited, 1);
}
