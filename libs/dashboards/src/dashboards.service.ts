import { Injectable } from '@nestjs/common';
import { Region, REGION_NAMES, REGIONS } from '@app/accounts';
import { ActionStatsService } from '@app/advocacy';
import { FollowUpStatsService } from '@app/follow-ups';
import { todayUtc } from '@app/platform';
import {
  IMPLEMENTATION_STAGES,
  Instrument,
  INSTRUMENTS,
  Stage,
  STAGES,
  StateDetail,
  StatesService,
  statesError,
  StatusCache,
  StatusCountsService,
  StatusRevision,
} from '@app/states';
import { GlobalDashboardView, RegionDashboardView, RegionStateRow, StateDashboardView } from './dashboard.view';

/** How many treaty events and implementation changes a dashboard lists. */
export const RECENT_CHANGES = 10;
/** Every state's detail and each region's list, for a day or two. */
const KEPT = 500;

/** A state with its current stage of every instrument and implementation track. */
export interface ListedState {
  code: string;
  name: string;
  region: Region;
  instruments: Record<Instrument, { stage: Stage; confirmed: boolean }>;
  implementation: RegionStateRow['implementation'];
}

/**
 * The figures of the dashboards, for the JSON routes and the web pages alike. Every figure is one SQL aggregate
 * from the library that owns the data; those derived from the treaty status are kept until it changes.
 */
@Injectable()
export class DashboardsService {
  // What derives from the treaty status alone, kept until it changes.
  private readonly details: StatusCache<StateDetail>;
  private readonly listed: StatusCache<ListedState[]>;

  constructor(
    private readonly states: StatesService,
    private readonly status: StatusCountsService,
    private readonly actions: ActionStatsService,
    private readonly followUps: FollowUpStatsService,
    revision: StatusRevision,
  ) {
    this.details = revision.cache<StateDetail>('dashboard-state-details', KEPT);
    this.listed = revision.cache<ListedState[]>('dashboard-state-lists', KEPT);
  }

  /** The world's figures; the treaty status, its changes and the actions as of `asOf` (default today). */
  async global(asOf: string = todayUtc()): Promise<GlobalDashboardView> {
    const [instruments, implementation, actions, followUps, recentChanges, partiesOverTime, regions] =
      await Promise.all([
        this.status.stageCounts(undefined, asOf),
        this.status.implementationCounts(undefined, asOf),
        this.actions.recentCounts({}, asOf),
        this.followUps.counts({}),
        this.status.recentChanges({}, RECENT_CHANGES, asOf),
        this.status.partiesSeries('rome-statute', undefined, asOf),
        this.status.partiesByRegion(asOf),
      ]);
    return {
      asOf,
      generatedAt: new Date().toISOString(),
      stateCount: total(instruments[0].stages),
      instruments,
      implementation,
      actions,
      followUps,
      recentChanges,
      partiesOverTime,
      regions: REGIONS.map((region) => {
        const row = regions.find((r) => r.region === region);
        return { region, name: REGION_NAMES[region], stateCount: row?.states ?? 0, parties: row?.parties ?? 0 };
      }),
    };
  }

  async region(region: string, asOf: string = todayUtc()): Promise<RegionDashboardView> {
    if (!isRegion(region)) {
      throw statesError('region-not-found', `region ${region} not found; the regions are ${REGIONS.join(', ')}`);
    }
    const listed = await this.statesWithStatus(asOf, region);
    const [instruments, implementation, recentChanges, partiesOverTime, actionsPerState, followUpsPerState] =
      await Promise.all([
        this.status.stageCounts(region, asOf),
        this.status.implementationCounts(region, asOf),
        this.status.recentChanges({ region }, RECENT_CHANGES, asOf),
        this.status.partiesSeries('rome-statute', region, asOf),
        this.actions.perState(
          listed.map((s) => s.code),
          asOf,
        ),
        this.followUps.perState(region),
      ]);
    // The region's figures are the sums of its states': one pass over each index serves the table and the totals.
    const actions = { last30Days: 0, last90Days: 0 };
    for (const a of actionsPerState) {
      actions.last30Days += a.last30Days;
      actions.last90Days += a.last90Days;
    }
    const followUps = { open: 0, overdue: 0, dueSoon: 0 };
    for (const f of followUpsPerState) {
      followUps.open += f.open;
      followUps.overdue += f.overdue;
      followUps.dueSoon += f.dueSoon;
    }
    const actionsBy = new Map(actionsPerState.map((a) => [a.stateCode, a]));
    const openBy = new Map(followUpsPerState.map((f) => [f.stateCode, f]));
    return {
      region,
      name: REGION_NAMES[region],
      asOf,
      generatedAt: new Date().toISOString(),
      stateCount: listed.length,
      instruments,
      implementation,
      actions,
      followUps,
      recentChanges,
      partiesOverTime,
      states: listed.map((s) => ({
        code: s.code,
        name: s.name,
        instruments: Object.fromEntries(
          Object.entries(s.instruments).map(([instrument, status]) => [instrument, status.stage]),
        ) as RegionStateRow['instruments'],
        implementation: s.implementation,
        actions: {
          last90Days: actionsBy.get(s.code)?.last90Days ?? 0,
          lastOn: actionsBy.get(s.code)?.lastOn ?? null,
        },
        followUps: { open: openBy.get(s.code)?.open ?? 0, overdue: openBy.get(s.code)?.overdue ?? 0 },
      })),
    };
  }

  async state(code: string, asOf: string = todayUtc()): Promise<StateDashboardView> {
    // First, so that an unknown code is a 404 before anything is read or kept for it.
    const state = await this.stateDetail(code.toUpperCase(), asOf);
    const [actions, followUps, recentChanges] = await Promise.all([
      this.actions.recentCounts({ stateCode: code }, asOf),
      this.followUps.counts({ stateCode: code }),
      this.status.recentChanges({ code }, RECENT_CHANGES, asOf),
    ]);
    return {
      asOf,
      generatedAt: new Date().toISOString(),
      stateCount: 1,
      // One state: a count of one at its stage, so the figures read like those of a region.
      instruments: INSTRUMENTS.map((instrument) => ({
        instrument,
        stages: Object.fromEntries(STAGES.map((s) => [s, s === state.instruments[instrument].stage ? 1 : 0])) as Record<
          Stage,
          number
        >,
      })),
      implementation: (['cooperation', 'crimes'] as const).map((track) => ({
        track,
        stages: Object.fromEntries(
          IMPLEMENTATION_STAGES.map((s) => [s, s === state.implementation[track] ? 1 : 0]),
        ) as Record<(typeof IMPLEMENTATION_STAGES)[number], number>,
      })),
      actions,
      followUps,
      recentChanges,
      state,
    };
  }

  /**
   * One state's status, events and implementation history, read once per change of the status: the statement
   * costs PostgreSQL more to plan than to run. (A recorder renamed since shows under the old name until then.)
   */
  private stateDetail(code: string, asOf: string): Promise<StateDetail> {
    return this.details.get(`${asOf}:${code}`, () => this.states.detail(code, asOf));
  }

  /** Every state (or a region's) with its status, by name, read once per change of the status. */
  statesWithStatus(asOf: string = todayUtc(), region?: Region): Promise<ListedState[]> {
    return this.listed.get(`${asOf}:${region ?? ''}`, async () => {
      const states = await this.states.summaries({ region, asOf });
      return states
        .map((s) => ({
          code: s.code,
          name: s.name,
          region: s.region,
          instruments: s.instruments,
          implementation: s.implementation,
        }))
        .sort((a, b) => byName.compare(a.name, b.name));
    });
  }
}

// Names sort as readers expect (São Tomé among the S), not by PostgreSQL's byte order.
const byName = new Intl.Collator('en');

export function isRegion(value: string): value is Region {
  return (REGIONS as readonly string[]).includes(value);
}

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
