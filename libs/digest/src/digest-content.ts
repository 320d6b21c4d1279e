import type { Region } from '@app/accounts';
import type { ActionType } from '@app/advocacy';
import type { EventType, ImplementationStage, Instrument, Stage, Track } from '@app/states';
import type { DigestWeek } from './digest-week';

/** What DIGEST_SQL answers for a week. Dates are YYYY-MM-DD. */
export interface DigestFigures {
  instruments: { code: Instrument; partiesBefore: number; partiesAfter: number }[];
  statusChanges: {
    stateCode: string;
    stateName: string;
    instrument: Instrument;
    from: Stage;
    to: Stage;
    inForceOn: string | null;
    withdrawalEffectiveOn: string | null;
  }[];
  pendingWithdrawals: {
    stateCode: string;
    stateName: string;
    instrument: Instrument;
    notifiedOn: string;
    effectiveOn: string;
  }[];
  treatyEvents: {
    date: string;
    stateCode: string;
    stateName: string;
    instrument: Instrument;
    type: EventType;
    source: string | null;
    /** Dated outside the week but recorded during it. */
    recordedLate: boolean;
  }[];
  implementationChanges: {
    date: string;
    stateCode: string;
    stateName: string;
    track: Track;
    stage: ImplementationStage;
    reference: string | null;
    recordedLate: boolean;
  }[];
  actions: {
    total: number;
    states: number;
    byRegion: { region: Region; count: number }[];
    byType: { type: ActionType; count: number }[];
    topStates: { stateCode: string; stateName: string; count: number }[];
  };
  followUps: { region: Region; open: number; dueNextWeek: number; overdue: number }[];
  chart: { date: string; parties: number }[];
}

/** A week's digest before it is laid out: the figures, and when and where they were taken. */
export interface DigestContent extends DigestFigures {
  week: DigestWeek;
  /** The week after, in which the follow-ups counted as due next fall (the week the email is read in). */
  nextWeek: DigestWeek;
  timeZone: string;
  /** The date status is taken at: the Sunday, or today while the week is in progress. */
  statusDate: string;
  inProgress: boolean;
}

/** Nothing happened in the week: no treaty step, no status change, no implementation change, no action. */
export function isQuietWeek(c: DigestFigures): boolean {
  return (
    c.treatyEvents.length === 0 &&
    c.statusChanges.length === 0 &&
    c.implementationChanges.length === 0 &&
    c.actions.total === 0
  );
}
