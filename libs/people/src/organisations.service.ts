import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, Region } from '@app/accounts';
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
import { statesError } from '@app/states';
import { OrganisationListQuery, OrganisationRow, OrganisationsRepository } from './organisations.repository';
import { assertMayEdit, emailField, requiredText, websiteField } from './people-input';
import { organisationNotFound, peopleError } from './people.errors';
import { OrganisationKind, OrganisationView } from './people.types';

export interface NewOrganisation {
  name: string;
  kind: OrganisationKind;
  stateCode?: string | null;
  region?: Region | null;
  website?: string | null;
  email?: string | null;
  memberSince?: string | null;
}

/** Fields left undefined stay as they are; null clears an optional one. */
export type OrganisationChanges = Partial<NewOrganisation>;

export type OrganisationFilter = Omit<OrganisationListQuery, 'after' | 'limit'> & { limit?: number; cursor?: string };

/** The region an organisation's writes are judged by: its state's; one placed in no state has none. */
const policyRegion = (o: Pick<OrganisationView, 'stateCode' | 'region'>): Region | null =>
  o.stateCode === null ? null : o.region;

@Injectable()
export class OrganisationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly organisations: OrganisationsRepository,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, input: NewOrganisation): Promise<OrganisationView> {
    return this.db.transaction(async (m) => {
      const row = await this.checked(m, {
        name: input.name,
        kind: input.kind,
        stateCode: input.stateCode ?? null,
        region: input.region ?? null,
        website: input.website ?? null,
        email: input.email ?? null,
        memberSince: input.memberSince ?? null,
      });
      assertMayEdit(actor, policyRegion(row));
      const view = await this.organisations.insert(m, { ...row, createdBy: actor.id });
      await this.audit.record(m, actor, { entity: 'organisation', entityId: view.id, action: 'create', after: view });
      return view;
    });
  }

  /** Live organisations by name, one page at a time. */
  async list(filter: OrganisationFilter): Promise<Page<OrganisationView>> {
    const limit = filter.limit ?? DEFAULT_LIMIT;
    const after = filter.cursor === undefined ? undefined : decodeNameCursor(filter.cursor);
    const q = filter.q?.trim() || undefined;
    const rows = await this.organisations.list({
      ...filter,
      stateCode: filter.stateCode?.toUpperCase(),
      q,
      after,
      limit,
    });
    return toPage(
      rows,
      limit,
      (r) => [r.name, r.id],
      (r) => r.view,
    );
  }

  /** Names of the organisations given (a deleted one marked), for pages showing an action's organisations. */
  names(ids: readonly string[]): Promise<{ id: string; name: string; deleted: boolean }[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.organisations.names(ids);
  }

  async get(id: string): Promise<OrganisationView> {
    const view = isUuid(id) ? await this.organisations.get(this.db, id) : null;
    if (!view) throw organisationNotFound(id);
    return view;
  }

  /** Changes an organisation; a regional officer must be allowed both where it sits and where it moves to. */
  async update(actor: Actor, id: string, changes: OrganisationChanges): Promise<OrganisationView> {
    return this.db.transaction(async (m) => {
      const before = await this.lockForChange(m, actor, id);
      const stateCode = changes.stateCode === undefined ? before.stateCode : changes.stateCode;
      const row = await this.checked(m, {
        name: changes.name ?? before.name,
        kind: changes.kind ?? before.kind,
        stateCode,
        // A new state brings its region; keeping the state keeps its region unless one is given.
        region: changes.region !== undefined ? changes.region : changes.stateCode !== undefined ? null : before.region,
        website: changes.website === undefined ? before.website : changes.website,
        email: changes.email === undefined ? before.email : changes.email,
        memberSince: changes.memberSince === undefined ? before.memberSince : changes.memberSince,
      });
      assertMayEdit(actor, policyRegion(row));
      const after = await this.organisations.update(m, id, row);
      await this.audit.record(m, actor, { entity: 'organisation', entityId: id, action: 'update', before, after });
      return after;
    });
  }

  /** Soft delete: actions and contacts that name it keep the link, but no list shows it and nothing new links to it. */
  async remove(actor: Actor, id: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const before = await this.lockForChange(m, actor, id);
      await this.organisations.softDelete(m, id);
      await this.audit.record(m, actor, { entity: 'organisation', entityId: id, action: 'delete', before });
    });
  }

  private async lockForChange(m: Queryable, actor: Actor, id: string): Promise<OrganisationView> {
    const view = isUuid(id) ? await this.organisations.get(m, id, true) : null;
    if (!view) throw organisationNotFound(id);
    assertMayEdit(actor, policyRegion(view));
    return view;
  }

  /** The row as stored: text trimmed, the state known and its region taken, email and website checked. */
  async checked(m: Queryable, o: OrganisationRow): Promise<OrganisationRow> {
    let region = o.region;
    const stateCode = o.stateCode?.toUpperCase() ?? null;
    if (stateCode !== null) {
      const stateRegion = await this.organisations.regionOf(m, stateCode);
      if (stateRegion === null) throw statesError('bad-state', `stateCode ${stateCode} is not a known state code`);
      if (region !== null && region !== stateRegion) {
        throw peopleError('bad-region', `region ${region} is not the region of ${stateCode} (${stateRegion})`);
      }
      region = stateRegion;
    }
    if (o.memberSince !== null && !isCalendarDate(o.memberSince)) {
      throw commonError('bad-date', 'memberSince must be a real date written YYYY-MM-DD');
    }
    return {
      name: requiredText('name', o.name),
      kind: o.kind,
      stateCode,
      region,
      website: websiteField('website', o.website),
      email: emailField('email', o.email),
      memberSince: o.memberSince,
    };
  }
}

/** A name-ordered list's cursor: lower(name) and id of the last row. */
export function decodeNameCursor(cursor: string): { name: string; id: string } {
  const [name, id] = decodeCursor(cursor, ['text', 'uuid']);
  return { name, id };
}
