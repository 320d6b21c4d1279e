import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, assertAllowed } from '@app/accounts';
import { AuditService } from '@app/audit';
import {
  commonError,
  decodeCursor,
  DEFAULT_LIMIT,
  isCalendarDate,
  isUuid,
  Page,
  Queryable,
  toPage,
} from '@app/platform';
import { Instrument } from '@app/states';
import { advocacyError, campaignNotFound } from './advocacy.errors';
import { CampaignGoal, CampaignStatus, CampaignView, GoalStage } from './campaign.view';
import { CampaignRowChanges, CampaignsRepository } from './campaigns.repository';

export interface NewCampaign {
  name: string;
  description?: string | null;
  instrument?: Instrument | null;
  stateCodes?: string[];
  startsOn?: string | null;
  endsOn?: string | null;
}

/** A change to a campaign: fields left undefined stay as they are; null clears an optional one. */
export interface CampaignChanges {
  name?: string;
  description?: string | null;
  stateCodes?: string[];
  goal?: { instrument: Instrument; stage: GoalStage; by?: string | null } | null;
  endsOn?: string | null;
  status?: CampaignStatus;
}

@Injectable()
export class CampaignsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly campaigns: CampaignsRepository,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, input: NewCampaign): Promise<CampaignView> {
    assertAllowed(actor, 'campaign.write');
    const name = input.name.trim();
    if (name === '') throw commonError('blank', 'name must not be blank');
    const startsOn = input.startsOn ?? null;
    const endsOn = input.endsOn ?? null;
    for (const [field, value] of [
      ['startsOn', startsOn],
      ['endsOn', endsOn],
    ] as const) {
      if (value !== null && !isCalendarDate(value)) throw commonError('bad-date', `${field} must be a real date`);
    }
    if (startsOn !== null && endsOn !== null && endsOn < startsOn) {
      throw commonError('bad-range', `endsOn (${endsOn}) must not be before startsOn (${startsOn})`);
    }
    const stateCodes = normaliseCodes(input.stateCodes ?? []);
    const description = input.description?.trim() || null;
    return this.db.transaction(async (m) => {
      await this.assertKnownStates(m, stateCodes);
      const id = await this.campaigns.insert(m, {
        name,
        description,
        instrument: input.instrument ?? null,
        startsOn,
        endsOn,
        createdBy: actor.id,
      });
      if (id === null) throw advocacyError('campaign-name-taken', `a campaign named "${name}" already exists`);
      if (stateCodes.length > 0) await this.campaigns.addStates(m, { campaignId: id, stateCodes });
      const view = (await this.campaigns.get(m, id))!;
      await this.audit.record(m, actor, { entity: 'campaign', entityId: id, action: 'create', after: view });
      return view;
    });
  }

  /** Campaigns by name, case-insensitively. */
  async list(limit: number = DEFAULT_LIMIT, cursor?: string): Promise<Page<CampaignView>> {
    let after: string | null = null;
    if (cursor !== undefined) {
      [after] = decodeCursor(cursor, ['text']);
    }
    const rows = await this.campaigns.list({ after, limit });
    return toPage(
      rows,
      limit,
      (r) => [r.sortKey],
      (r) => r.view,
    );
  }

  async get(id: string): Promise<CampaignView> {
    if (!isUuid(id)) throw campaignNotFound(id);
    const view = await this.campaigns.get(this.db, id);
    if (!view) throw campaignNotFound(id);
    return view;
  }

  /**
   * Edits or closes a campaign. A goal is wanted by a date on or after the campaign began; new target states must
   * exist. The campaign's id stays, and its actions with it.
   */
  async update(actor: Actor, id: string, input: CampaignChanges): Promise<CampaignView> {
    assertAllowed(actor, 'campaign.write');
    if (!isUuid(id)) throw campaignNotFound(id);
    const changes: CampaignRowChanges = {};
    if (input.name !== undefined) {
      changes.name = input.name.trim();
      if (changes.name === '') throw commonError('blank', 'name must not be blank');
    }
    if (input.description !== undefined) changes.description = input.description?.trim() || null;
    if (input.endsOn !== undefined) {
      if (input.endsOn !== null && !isCalendarDate(input.endsOn)) {
        throw commonError('bad-date', 'endsOn must be a real date');
      }
      changes.endsOn = input.endsOn;
    }
    if (input.status !== undefined) changes.status = input.status;
    let goal: CampaignGoal | null | undefined;
    if (input.goal !== undefined) {
      goal = input.goal === null ? null : { ...input.goal, by: input.goal.by ?? null };
      if (goal?.by && !isCalendarDate(goal.by)) throw commonError('bad-date', 'goal.by must be a real date');
      changes.goal = goal;
    }
    const stateCodes = input.stateCodes === undefined ? undefined : normaliseCodes(input.stateCodes);
    return this.db.transaction(async (m) => {
      const locked = await this.campaigns.lockForChange(m, id);
      if (!locked) throw campaignNotFound(id);
      const { view: before, beganOn } = locked;
      if (goal?.by && goal.by < beganOn) {
        throw commonError('bad-range', `goal.by (${goal.by}) must not be before the campaign began (${beganOn})`);
      }
      const endsOn = changes.endsOn === undefined ? before.endsOn : changes.endsOn;
      if (endsOn !== null && before.startsOn !== null && endsOn < before.startsOn) {
        throw commonError('bad-range', `endsOn (${endsOn}) must not be before startsOn (${before.startsOn})`);
      }
      if (stateCodes !== undefined) await this.assertKnownStates(m, stateCodes);
      if (!(await this.campaigns.update(m, id, changes))) {
        throw advocacyError('campaign-name-taken', `a campaign named "${changes.name}" already exists`);
      }
      if (stateCodes !== undefined) await this.campaigns.replaceStates(m, { campaignId: id, stateCodes });
      const after = (await this.campaigns.get(m, id))!;
      await this.audit.record(m, actor, { entity: 'campaign', entityId: id, action: 'update', before, after });
      return after;
    });
  }

  /** The campaigns that target a state: active ones first. */
  forState(stateCode: string): Promise<{ id: string; name: string; status: CampaignStatus }[]> {
    return this.campaigns.forState(stateCode.toUpperCase());
  }

  private async assertKnownStates(m: Queryable, stateCodes: readonly string[]): Promise<void> {
    if (stateCodes.length === 0) return;
    const unknown = await this.campaigns.unknownStates(m, stateCodes);
    if (unknown.length > 0) {
      throw advocacyError('unknown-states', `stateCodes has unknown state codes: ${unknown.join(', ')}`);
    }
  }
}

/** State codes as stored: upper case, each once, sorted. */
const normaliseCodes = (codes: readonly string[]): string[] => [...new Set(codes.map((c) => c.toUpperCase()))].sort();
