import { Injectable } from '@nestjs/common';
import type { Region } from '@app/accounts';
import { todayUtc } from '@app/platform';
import { StatesRepository } from './states.repository';
import { StatusCountsRepository } from './status-counts.repository';
import { ImplementationCounts, StageCounts, StatusChange, StatusScope } from './status-counts.view';
import { StatusCache, StatusRevision } from './status-revision';
import { IMPLEMENTATION_STAGES, Instrument, INSTRUMENTS, OPENED_ON, STAGES, TRACKS } from './treaty';

/** Enough for every figure of the world, each region and each state, for a day or two. */
const KEPT_FIGURES = 1000;

const zeros = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** Counts and series derived from the treaty status, each one SQL aggregate, kept until the status changes. */
@Injectable()
export class StatusCountsService {
  private readonly kept: StatusCache<unknown>;

  constructor(
    private readonly counts: StatusCountsRepository,
    private readonly states: StatesRepository,
    revision: StatusRevision,
  ) {
    this.kept = revision.cache<unknown>('status-counts', KEPT_FIGURES);
  }

  private keep<T>(key: string, build: () => Promise<T>): Promise<T> {
    return this.kept.get(key, build) as Promise<T>;
  }

  /** States at each stage of every instrument, in the instruments' order. */
  stageCounts(region?: Region, asOf: string = todayUtc()): Promise<StageCounts[]> {
    return this.keep(`stage-counts:${asOf}:${region ?? ''}`, async () => {
      const rows = await this.counts.stageCounts({ asOf, region });
      return INSTRUMENTS.map((instrument) => {
        const stages = zeros(STAGES);
        for (const r of rows) if (r.instrument === instrument) stages[r.stage] = r.states;
        return { instrument, stages };
      });
    });
  }

  /** Each region's number of states and of Rome Statute parties. */
  partiesByRegion(asOf: string = todayUtc()): Promise<{ region: Region; states: number; parties: number }[]> {
    return this.keep(`parties-by-region:${asOf}`, () => this.counts.partiesByRegion({ asOf }));
  }

  /** States at each stage of both implementation tracks. */
  implementationCounts(region?: Region, asOf: string = todayUtc()): Promise<ImplementationCounts[]> {
    return this.keep(`implementation-counts:${asOf}:${region ?? ''}`, async () => {
      const rows = await this.counts.implementationCounts({ asOf, region });
      return TRACKS.map((track) => {
        const stages = zeros(IMPLEMENTATION_STAGES);
        for (const r of rows) if (r.track === track) stages[r.stage] = r.states;
        return { track, stages };
      });
    });
  }

  /** The number of parties (withdrawing states included) from the instrument's adoption to `to`. */
  partiesSeries(
    instrument: Instrument,
    region?: Region,
    to: string = todayUtc(),
  ): Promise<{ date: string; parties: number }[]> {
    return this.keep(`parties:${instrument}:${to}:${region ?? ''}`, () =>
      this.states.partiesSeries({ instrument, from: OPENED_ON[instrument], to, region }),
    );
  }

  /** The latest treaty events and implementation changes of a region, a state or everywhere. */
  recentChanges(scope: StatusScope, limit: number, asOf: string = todayUtc()): Promise<StatusChange[]> {
    const key = `recent:${asOf}:${scope.region ?? ''}:${scope.code ?? ''}:${limit}`;
    return this.keep(key, () =>
      this.counts.recentChanges({ asOf, region: scope.region, code: scope.code?.toUpperCase(), limit }),
    );
  }
}
