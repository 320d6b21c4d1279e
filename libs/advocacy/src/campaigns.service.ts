import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, assertAllowed } from '@app/accounts';
import { AuditService } from '@app/audit';
import { commonError, decodeCursor, DEFAULT_LIMIT, isCalendarDate, isUuid, Page, toPage } from '@app/platform';
import { Instrument } from '@app/states';
import { advocacyError, campaignNotFound } from './advocacy.errors';
import { CampaignView } from './campaign.view';
import { CampaignsRepository } from './campaigns.repository';

export interface NewCampaign {
  name: string;
  description?: string | null;
  instrument?: Instrument | null;
  stateCodes?: string[];
  startsOn?: string | null;
  endsOn?: string | null;
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
    const stateCodes = [...new Set((input.stateCodes ?? []).map((c) => c.toUpperCase()))].sort();
    const description = input.description?.trim() || null;
    return this.db.transaction(async (m) => {
      if (stateCodes.length > 0) {
        const unknown = await this.campaigns.unknownStates(m, stateCodes);
        if (unknown.length > 0) {
          throw advocacyError('unknown-states', `stateCodes has unknown state codes: ${unknown.join(', ')}`);
        }
      }
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
}
