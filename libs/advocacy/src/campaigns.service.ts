import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, assertAllowed } from '@app/accounts';
import { AuditService } from '@app/audit';
import { conflict, decodeCursor, DEFAULT_LIMIT, invalid, isCalendarDate, Page, toPage } from '@app/platform';
import { Instrument } from '@app/states';
import { campaignNotFound } from './actions.service';
import {
  CampaignRow,
  INSERT_CAMPAIGN_SQL,
  INSERT_CAMPAIGN_STATES_SQL,
  LIST_CAMPAIGNS_SQL,
  ONE_CAMPAIGN_SQL,
  UNKNOWN_STATES_SQL,
} from './campaigns.sql';

export interface NewCampaign {
  name: string;
  description?: string | null;
  instrument?: Instrument | null;
  stateCodes?: string[];
  startsOn?: string | null;
  endsOn?: string | null;
}

export interface CampaignView {
  id: string;
  name: string;
  description: string | null;
  instrument: Instrument | null;
  stateCodes: string[];
  startsOn: string | null;
  endsOn: string | null;
  createdBy: { id: string; name: string };
  createdAt: string;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class CampaignsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, input: NewCampaign): Promise<CampaignView> {
    assertAllowed(actor, 'campaign.write');
    const name = input.name.trim();
    if (name === '') throw invalid('blank', 'name must not be blank');
    const startsOn = input.startsOn ?? null;
    const endsOn = input.endsOn ?? null;
    for (const [field, value] of [
      ['startsOn', startsOn],
      ['endsOn', endsOn],
    ] as const) {
      if (value !== null && !isCalendarDate(value)) throw invalid('bad-date', `${field} must be a real date`);
    }
    if (startsOn !== null && endsOn !== null && endsOn < startsOn) {
      throw invalid('bad-range', `endsOn (${endsOn}) must not be before startsOn (${startsOn})`);
    }
    const stateCodes = [...new Set((input.stateCodes ?? []).map((c) => c.toUpperCase()))].sort();
    const description = input.description?.trim() || null;
    return this.db.transaction(async (m) => {
      if (stateCodes.length > 0) {
        const unknown: { code: string }[] = await m.query(UNKNOWN_STATES_SQL, [stateCodes]);
        if (unknown.length > 0) {
          throw invalid(
            'unknown-states',
            `stateCodes has unknown state codes: ${unknown.map((u) => u.code).join(', ')}`,
          );
        }
      }
      const inserted: { id: string }[] = await m.query(INSERT_CAMPAIGN_SQL, [
        name,
        description,
        input.instrument ?? null,
        startsOn,
        endsOn,
        actor.id,
      ]);
      if (inserted.length === 0) throw conflict('campaign-name-taken', `a campaign named "${name}" already exists`);
      const id = inserted[0].id;
      if (stateCodes.length > 0) await m.query(INSERT_CAMPAIGN_STATES_SQL, [id, stateCodes]);
      const [row]: CampaignRow[] = await m.query(ONE_CAMPAIGN_SQL, [id]);
      const view = toCampaignView(row);
      await this.audit.record(m, actor, { entity: 'campaign', entityId: id, action: 'create', after: view });
      return view;
    });
  }

  /** Campaigns by name, case-insensitively. */
  async list(limit: number = DEFAULT_LIMIT, cursor?: string): Promise<Page<CampaignView>> {
    let after: string | null = null;
    if (cursor !== undefined) {
      const [key] = decodeCursor(cursor, 1);
      if (typeof key !== 'string') throw invalid('bad-cursor', 'cursor is not one this server issued');
      after = key;
    }
    const rows: (CampaignRow & { sortKey: string })[] = await this.db.query(LIST_CAMPAIGNS_SQL, [after, limit + 1]);
    return toPage(rows, limit, (r) => [r.sortKey], toCampaignView);
  }

  async get(id: string): Promise<CampaignView> {
    if (!UUID_RE.test(id)) throw campaignNotFound(id);
    const rows: CampaignRow[] = await this.db.query(ONE_CAMPAIGN_SQL, [id]);
    if (rows.length === 0) throw campaignNotFound(id);
    return toCampaignView(rows[0]);
  }
}

function toCampaignView(r: CampaignRow): CampaignView {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    instrument: r.instrument,
    stateCodes: r.stateCodes,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    createdBy: { id: r.createdById, name: r.createdByName },
    createdAt: r.createdAt.toISOString(),
  };
}
