import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, Region } from '@app/accounts';
import { AuditService } from '@app/audit';
import { AppConfig, commonError, Queryable, todayUtc } from '@app/platform';
import { INSTRUMENTS, StatusCache, StatusRevision } from '@app/states';
import { PLEDGE_INSTRUMENTS } from './pledge.view';
import { PlaybookEntry, PlaybookRepository } from './playbook.repository';
import { StalledRepository, StalledState, UnmovedState } from './stalled.repository';
import { Outcomes, OutcomesRepository } from './outcomes.repository';
import { InsightWeek, quarterOf } from './insight-digest';
import { PledgesRepository } from './pledges.repository';
import { CampaignsService } from '@app/advocacy';
import { campaignBeganOn } from './campaign-progress.service';
import { addYears } from '@app/platform';

/** `date` moved back by whole months (the last day of a shorter month when the day is past it). */
export function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1 - months, 1));
  const last = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate();
  t.setUTCDate(Math.min(d, last));
  return t.toISOString().slice(0, 10);
}

/** The audit trail's id for the playbook, which is one thing edited whole. */
export const PLAYBOOK_ENTITY_ID = '00000000-0000-4000-8000-00000000b00c';

/** The stages a playbook entry may name: where a state can stall on a treaty, or on an implementation track. */
export const TREATY_PLAYBOOK_STAGES = ['none', 'signed', 'withdrawn'];
export const TRACK_PLAYBOOK_STAGES = ['unknown', 'none', 'drafting', 'before-parliament'];

/** How long a page's outcomes are kept at most, and how many (per region, instrument, day and minute). */
const OUTCOMES_KEPT_MS = 60_000;
const OUTCOMES_CACHE_LIMIT = 64;

/** How many serialised variants of one stalled list are kept (see stalledJson). */
const STALLED_BODIES_PER_LIST = 8;

/** How many unmoved-state lists (per day, region and instrument) this process keeps. */
const UNMOVED_CACHE_LIMIT = 100;

/** Stalled states with the playbook's next step, and the playbook itself (admins edit it). */
@Injectable()
export class InsightsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly stalledStates: StalledRepository,
    private readonly playbook: PlaybookRepository,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly outcomeRows: OutcomesRepository,
    private readonly campaigns: CampaignsService,
    private readonly pledges: PledgesRepository,
    revision: StatusRevision,
  ) {
    this.unmoved = revision.cache('stalled-unmoved', UNMOVED_CACHE_LIMIT);
    this.keptOutcomes = revision.cache('region-outcomes', OUTCOMES_CACHE_LIMIT);
  }

  private readonly unmoved: StatusCache<UnmovedState[]>;
  private readonly keptOutcomes: StatusCache<Outcomes>;
  // Serialised stalled lists per cached status list (dropped with it), by latest actions and playbook.
  private readonly stalledBodies = new WeakMap<UnmovedState[], Map<string, string>>();

  /**
   * The digest's pledges and stalls for a week, as of its status date: counts and state names only. Pass the
   * digest's transaction as `m`.
   */
  async week(m: Queryable, q: { start: string; end: string; statusDate: string }): Promise<InsightWeek> {
    const quarter = quarterOf(q.statusDate);
    const names = await this.pledges.digestNames(m, {
      asOf: q.statusDate,
      dueFrom: quarter.start,
      dueTo: quarter.end,
      keptFrom: q.start,
      keptTo: q.end,
    });
    const stalled = await this.stalled({ instrument: 'rome-statute' }, q.statusDate, m);
    const byRegion = new Map<string, string[]>();
    for (const s of stalled) byRegion.set(s.region, [...(byRegion.get(s.region) ?? []), s.name]);
    return {
      pledgesDue: { quarter: quarter.label, count: names.due.length, states: names.due },
      pledgesKept: { count: names.kept.length, states: names.kept },
      stalled: { count: stalled.length, byRegion: [...byRegion].map(([region, states]) => ({ region, states })) },
    };
  }

  /**
   * Each move (a signature or a deposit) since `from`, with the first action before it and the lead time; the
   * median lead time and the share of targeted states that moved against the others. A campaign's window starts
   * when it began and counts its own actions; otherwise `from` defaults to ten years before `asOf`.
   */
  async outcomes(
    filter: { instrument?: string; region?: Region; campaign?: string; from?: string },
    asOf: string = todayUtc(),
  ): Promise<Outcomes> {
    let from = filter.from ?? addYears(asOf, -10);
    let targets: string[] | undefined;
    if (filter.campaign !== undefined) {
      const campaign = await this.campaigns.get(filter.campaign);
      targets = campaign.stateCodes;
      from = filter.from ?? campaignBeganOn(campaign);
    }
    if (from > asOf) throw commonError('bad-range', `from (${from}) must not be after ${asOf}`);
    return this.outcomeRows.outcomes({
      instrument: filter.instrument ?? 'rome-statute',
      from,
      asOf,
      region: filter.region,
      campaignId: filter.campaign,
      targets,
    });
  }

  /**
   * The outcomes for a page: the same figures, kept until the status changes and for at most a minute, so that
   * actions logged since show within it. A region's outcomes read ten years of its actions (some 25 ms), which a
   * page read on every view; the API's outcomes are always computed afresh.
   */
  outcomesKept(filter: { instrument?: string; region?: Region }, asOf: string = todayUtc()): Promise<Outcomes> {
    const minute = Math.floor(Date.now() / OUTCOMES_KEPT_MS);
    return this.keptOutcomes.get(JSON.stringify([filter.instrument, filter.region, asOf, minute]), () =>
      this.outcomes(filter, asOf),
    );
  }

  /**
   * States whose stage has not moved for STALL_AFTER_MONTHS and with no action in QUIET_AFTER_MONTHS, as of
   * `asOf`; pass the digest's transaction as `m`.
   */
  async stalled(
    filter: { region?: Region; instrument?: string },
    asOf: string = todayUtc(),
    m?: Queryable,
  ): Promise<StalledState[]> {
    const inputs = await this.stalledInputs(filter, asOf, m);
    return stalledList(inputs);
  }

  /**
   * The stalled list as the API sends it, serialised. Its status part is kept until the status changes; the latest
   * actions and the playbook are read on every request (two prepared statements), and when they are what they were
   * the text built for them last time is sent again: building and serialising some 400 rows cost more than reading.
   */
  async stalledJson(filter: { region?: Region; instrument?: string }, asOf: string = todayUtc()): Promise<string> {
    const inputs = await this.stalledInputs(filter, asOf);
    let bodies = this.stalledBodies.get(inputs.unmoved);
    if (!bodies) this.stalledBodies.set(inputs.unmoved, (bodies = new Map<string, string>()));
    const key = JSON.stringify([inputs.quietSince, inputs.acted, inputs.playbook]);
    let body = bodies.get(key);
    if (body === undefined) {
      // A few variants per status list at most (each new action changes the key); start over past the bound.
      if (bodies.size >= STALLED_BODIES_PER_LIST) bodies.clear();
      body = JSON.stringify(stalledList(inputs));
      bodies.set(key, body);
    }
    return body;
  }

  private async stalledInputs(
    filter: { region?: Region; instrument?: string },
    asOf: string,
    m?: Queryable,
  ): Promise<StalledInputs> {
    const q = {
      asOf,
      movedBefore: monthsBefore(asOf, this.config.STALL_AFTER_MONTHS),
      region: filter.region,
      instrument: filter.instrument,
    };
    const quietSince = monthsBefore(asOf, this.config.QUIET_AFTER_MONTHS);
    // The digest reads inside its own transaction; requests share the status part until the status changes.
    const unmoved = await (m
      ? this.stalledStates.unmoved(q, m)
      : this.unmoved.get([q.asOf, q.movedBefore, q.region ?? '', q.instrument ?? ''].join(' '), () =>
          this.stalledStates.unmoved(q),
        ));
    const [acted, playbook] = await Promise.all([
      this.stalledStates.lastActions(
        unmoved.map((s) => s.code),
        m,
      ),
      this.playbook.all(m),
    ]);
    return { unmoved, acted, playbook, quietSince };
  }

  getPlaybook(): Promise<PlaybookEntry[]> {
    return this.playbook.all();
  }

  /** Replaces the playbook (admins only), with an audit entry holding it before and after. */
  async putPlaybook(actor: Actor, entries: PlaybookEntry[]): Promise<PlaybookEntry[]> {
    if (actor.role !== 'admin') throw commonError('not-allowed', 'only an admin may change the playbook');
    const seen = new Set<string>();
    for (const [n, e] of entries.entries()) {
      const stages = INSTRUMENTS.includes(e.instrument as never) ? TREATY_PLAYBOOK_STAGES : TRACK_PLAYBOOK_STAGES;
      if (!PLEDGE_INSTRUMENTS.includes(e.instrument as never)) {
        throw commonError('bad-filter', `[${n}].instrument must be one of ${PLEDGE_INSTRUMENTS.join(', ')}`);
      }
      if (!stages.includes(e.stage))
        throw commonError('bad-filter', `[${n}].stage must be one of ${stages.join(', ')}`);
      if (e.suggestion.trim() === '') throw commonError('blank', `[${n}].suggestion must not be blank`);
      const key = `${e.instrument} ${e.stage}`;
      if (seen.has(key)) throw commonError('bad-filter', `[${n}] repeats ${e.instrument} at ${e.stage}`);
      seen.add(key);
    }
    const cleaned = entries.map((e) => ({ ...e, suggestion: e.suggestion.trim() }));
    return this.db.transaction(async (m) => {
      const before = await this.playbook.all(m);
      await this.playbook.replace(m, cleaned, actor.id);
      const after = await this.playbook.all(m);
      await this.audit.record(m, actor, {
        entity: 'playbook',
        entityId: PLAYBOOK_ENTITY_ID,
        action: 'update',
        before: { entries: before },
        after: { entries: after },
      });
      return after;
    });
  }
}

interface StalledInputs {
  unmoved: UnmovedState[];
  acted: { code: string; date: string }[];
  playbook: PlaybookEntry[];
  quietSince: string;
}

/** The unmoved states with their latest action and the playbook's suggestion, less those acted on lately. */
function stalledList({ unmoved, acted, playbook, quietSince }: StalledInputs): StalledState[] {
  const lastAction = new Map(acted.map((a) => [a.code, a.date]));
  const suggestion = new Map(playbook.map((p) => [`${p.instrument} ${p.stage}`, p.suggestion]));
  return unmoved
    .map((s) => ({
      ...s,
      lastActionOn: lastAction.get(s.code) ?? null,
      suggestion: suggestion.get(`${s.instrument} ${s.stage}`) ?? null,
    }))
    .filter((s) => s.lastActionOn === null || s.lastActionOn < quietSince);
}
