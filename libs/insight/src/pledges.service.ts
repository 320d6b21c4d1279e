import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, assertAllowed, Region } from '@app/accounts';
import { CampaignsService } from '@app/advocacy';
import { AuditService } from '@app/audit';
import {
  commonError,
  decodeCursor,
  DEFAULT_LIMIT,
  isCalendarDate,
  isUuid,
  Page,
  todayUtc,
  toPage,
} from '@app/platform';
import { stateNotFound } from '@app/states';
import { campaignBeganOn } from './campaign-progress.service';
import { insightError, pledgeNotFound } from './insight.errors';
import { PledgeInstrument, PledgeStatus, PledgeView } from './pledge.view';
import { PledgeRowChanges, PledgesRepository } from './pledges.repository';

export interface NewPledge {
  stateCode: string;
  instrument: PledgeInstrument;
  madeOn: string;
  occasion: string;
  targetDate?: string | null;
  source?: string | null;
  note?: string | null;
}

/** Fields left undefined stay as they are; null clears an optional one. State and instrument stay. */
export type PledgeChanges = Partial<Omit<NewPledge, 'stateCode' | 'instrument'>>;

export interface PledgeFilter {
  status?: PledgeStatus;
  instrument?: PledgeInstrument;
  region?: Region;
  state?: string;
  campaign?: string;
  limit?: number;
  cursor?: string;
}

const text = (v: string | null | undefined) => v?.trim() || null;

/**
 * Pledges: a state's commitment to join or implement an instrument. Recording one is advocacy knowledge about a
 * state, so it is allowed to whoever may log actions for that state. Status is derived, never written.
 */
@Injectable()
export class PledgesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly pledges: PledgesRepository,
    private readonly campaigns: CampaignsService,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, input: NewPledge, asOf: string = todayUtc()): Promise<PledgeView> {
    const occasion = input.occasion.trim();
    if (occasion === '') throw commonError('blank', 'occasion must not be blank');
    checkDates(input.madeOn, input.targetDate ?? null);
    if (input.madeOn > asOf) throw commonError('future-date', `madeOn (${input.madeOn}) must not be in the future`);
    const stateCode = input.stateCode.toUpperCase();
    return this.db.transaction(async (m) => {
      const context = await this.pledges.context(m, { stateCode, instrument: input.instrument, asOf });
      if (!context) throw stateNotFound(stateCode);
      assertAllowed(actor, 'action.write', context.region);
      if (context.already) {
        throw insightError(
          'already-pledged-stage',
          input.instrument.startsWith('implementation-')
            ? `${stateCode} has already enacted ${input.instrument.slice(15)} legislation`
            : `${stateCode} is already party to (or has deposited) ${input.instrument}`,
        );
      }
      const id = await this.pledges.insert(m, {
        stateCode,
        region: context.region,
        instrument: input.instrument,
        madeOn: input.madeOn,
        occasion,
        targetDate: input.targetDate ?? null,
        source: text(input.source),
        note: text(input.note),
        createdBy: actor.id,
      });
      const view = (await this.pledges.get(m, id, asOf))!;
      await this.audit.record(m, actor, { entity: 'pledge', entityId: id, action: 'create', after: view });
      return view;
    });
  }

  async get(id: string, asOf: string = todayUtc()): Promise<PledgeView> {
    if (!isUuid(id)) throw pledgeNotFound(id);
    const view = await this.pledges.get(this.db, id, asOf);
    if (!view) throw pledgeNotFound(id);
    return view;
  }

  async update(actor: Actor, id: string, input: PledgeChanges, asOf: string = todayUtc()): Promise<PledgeView> {
    if (!isUuid(id)) throw pledgeNotFound(id);
    const changes: PledgeRowChanges = {};
    if (input.madeOn !== undefined) changes.madeOn = input.madeOn;
    if (input.targetDate !== undefined) changes.targetDate = input.targetDate;
    if (input.occasion !== undefined) {
      changes.occasion = input.occasion.trim();
      if (changes.occasion === '') throw commonError('blank', 'occasion must not be blank');
    }
    if (input.source !== undefined) changes.source = text(input.source);
    if (input.note !== undefined) changes.note = text(input.note);
    return this.db.transaction(async (m) => {
      const before = await this.pledges.get(m, id, asOf, true);
      if (!before) throw pledgeNotFound(id);
      assertAllowed(actor, 'action.write', before.region);
      checkDates(
        changes.madeOn ?? before.madeOn,
        changes.targetDate === undefined ? before.targetDate : changes.targetDate,
      );
      await this.pledges.update(m, id, changes);
      const after = (await this.pledges.get(m, id, asOf))!;
      await this.audit.record(m, actor, { entity: 'pledge', entityId: id, action: 'update', before, after });
      return after;
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    if (!isUuid(id)) throw pledgeNotFound(id);
    await this.db.transaction(async (m) => {
      const before = await this.pledges.get(m, id, todayUtc(), true);
      if (!before) throw pledgeNotFound(id);
      assertAllowed(actor, 'action.write', before.region);
      await this.pledges.remove(m, id);
      await this.audit.record(m, actor, { entity: 'pledge', entityId: id, action: 'delete', before });
    });
  }

  /** Pledges newest first; a campaign's are its target states' made since it began. */
  async list(filter: PledgeFilter, asOf: string = todayUtc()): Promise<Page<PledgeView>> {
    const limit = filter.limit ?? DEFAULT_LIMIT;
    let after: { madeOn: string; id: string } | undefined;
    if (filter.cursor !== undefined) {
      const [madeOn, id] = decodeCursor(filter.cursor, ['date', 'uuid']);
      after = { madeOn, id };
    }
    let stateCodes = filter.state ? [filter.state.toUpperCase()] : undefined;
    let madeFrom: string | undefined;
    if (filter.campaign !== undefined) {
      const campaign = await this.campaigns.get(filter.campaign);
      stateCodes = stateCodes ? stateCodes.filter((c) => campaign.stateCodes.includes(c)) : campaign.stateCodes;
      madeFrom = campaignBeganOn(campaign);
    }
    const rows = await this.pledges.list({
      asOf,
      status: filter.status,
      instrument: filter.instrument,
      region: filter.region,
      stateCodes,
      madeFrom,
      after,
      limit,
    });
    return toPage(
      rows,
      limit,
      (r) => [r.view.madeOn, r.view.id],
      (r) => r.view,
    );
  }
}

function checkDates(madeOn: string, targetDate: string | null): void {
  if (!isCalendarDate(madeOn)) throw commonError('bad-date', 'madeOn must be a real date');
  if (targetDate !== null && !isCalendarDate(targetDate))
    throw commonError('bad-date', 'targetDate must be a real date');
  if (targetDate !== null && targetDate < madeOn) {
    throw commonError('bad-range', `targetDate (${targetDate}) must not be before madeOn (${madeOn})`);
  }
}
