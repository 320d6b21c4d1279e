import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, assertAllowed, decide } from '@app/accounts';
import { AuditService } from '@app/audit';
import { FollowUpsService } from '@app/follow-ups';
import { ContactsService } from '@app/people';
import { commonError, isUuid } from '@app/platform';
import { checkActionDate } from './action-dates';
import type { ActionType } from './action-types';
import { advocacyError, campaignNotFound } from './advocacy.errors';
import { ActionLinksRepository } from './action-links.repository';
import { ActionsRepository } from './actions.repository';
import { ActionFollowUp, uniqueIds } from './actions.service';
import { CampaignsRepository } from './campaigns.repository';

/** One letter (or any action) to many of a campaign's target states. */
export interface CampaignAction {
  type: ActionType;
  date: string;
  title: string;
  summary?: string | null;
  target?: string | null;
  outcome?: string | null;
  /** A subset of the campaign's targets; all of them when left out. */
  stateCodes?: string[];
  /** Contacts the action went to: each state's action links those of them whose state is its state. */
  contactIds?: string[];
}

export interface CampaignActionsLogged {
  actions: { id: string; stateCode: string }[];
  followUps: { id: string; stateCode: string; actionId: string }[];
}

/**
 * Logs one action per target state of a campaign, linked to the contacts given of its state, and a follow-up for each
 * if asked, in one transaction: all are saved or none. States that are not targets, or that the caller may not log
 * actions for, are all named at once, and unknown contacts refused, before anything is written. The statements are
 * set-based (actions, links, follow-ups, audit entries), so their number does not grow with the states'.
 */
@Injectable()
export class CampaignActionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly actions: ActionsRepository,
    private readonly campaigns: CampaignsRepository,
    private readonly followUps: FollowUpsService,
    private readonly audit: AuditService,
    private readonly links: ActionLinksRepository,
    private readonly people: ContactsService,
  ) {}

  /** The states an action to the campaign would touch, checked as `log` checks them; nothing is written. */
  async preview(actor: Actor, campaignId: string, stateCodes?: string[]): Promise<{ code: string }[]> {
    return this.db.transaction((m) => this.statesFor(m, actor, campaignId, stateCodes));
  }

  async log(
    actor: Actor,
    campaignId: string,
    input: CampaignAction,
    followUp?: ActionFollowUp,
  ): Promise<CampaignActionsLogged> {
    checkActionDate(input.date);
    const title = input.title.trim();
    if (title === '') throw commonError('blank', 'title must not be blank');
    const text = (v: string | null | undefined) => v?.trim() || null;
    const contactIds = uniqueIds(input.contactIds);
    const logged = await this.db.transaction(async (m) => {
      const states = await this.statesFor(m, actor, campaignId, input.stateCodes);
      await this.people.assertLinkable(m, { contactIds });
      const contactsOf = await this.people.perState(m, contactIds);
      const inserted = await this.actions.insertForStates(m, states, {
        type: input.type,
        date: input.date,
        title,
        summary: text(input.summary),
        target: text(input.target),
        outcome: text(input.outcome),
        campaignId,
        loggedBy: actor.id,
      });
      const actionViews = inserted
        .map(({ view }) => ({ ...view, contactIds: contactsOf.get(view.stateCode) ?? [] }))
        .sort((a, b) => a.stateCode.localeCompare(b.stateCode));
      await this.links.insertMany(
        m,
        'contactIds',
        actionViews.flatMap((a) => a.contactIds.map((id) => ({ actionId: a.id, id }))),
      );
      await this.audit.recordCreated(m, actor, 'action', actionViews);
      const views = followUp
        ? await this.followUps.createForActionsIn(m, actor, actionViews, {
            title: followUp.title ?? `Follow up: ${title}`,
            note: followUp.note,
            remindAt: followUp.remindAt,
            dueOn: followUp.remindAt ? undefined : followUp.dueOn,
            assigneeId: followUp.assigneeId,
          })
        : [];
      return {
        actions: actionViews.map((a) => ({ id: a.id, stateCode: a.stateCode })),
        views: views.sort((a, b) => a.stateCode.localeCompare(b.stateCode)),
      };
    });
    // The reminders are queued once everything has committed.
    for (const v of logged.views) await this.followUps.schedule(v);
    return {
      actions: logged.actions,
      followUps: logged.views.map((v) => ({ id: v.id, stateCode: v.stateCode, actionId: v.actionId! })),
    };
  }

  /** The target states asked for (all when none are), refusing at once every one that is not a target or allowed. */
  private async statesFor(m: EntityManager, actor: Actor, campaignId: string, asked?: string[]) {
    assertAllowed(actor, 'action.write');
    if (!isUuid(campaignId)) throw campaignNotFound(campaignId);
    const campaign = await this.campaigns.targetsForActions(m, campaignId);
    if (!campaign) throw campaignNotFound(campaignId);
    if (campaign.status === 'closed') {
      throw advocacyError('campaign-closed', 'the campaign is closed: reopen it to log actions for it');
    }
    let states = campaign.targets;
    if (asked !== undefined) {
      const wanted = new Set(asked.map((c) => c.toUpperCase()));
      const outside = [...wanted].filter((c) => !states.some((s) => s.code === c)).sort();
      if (outside.length > 0) {
        throw advocacyError(
          'not-targets',
          `stateCodes names states the campaign does not target: ${outside.join(', ')}`,
        );
      }
      states = states.filter((s) => wanted.has(s.code));
    }
    if (states.length === 0) throw advocacyError('no-targets', 'stateCodes: the campaign has no target states');
    const refused = states.filter((s) => !decide(actor, 'action.write', s.region).allowed).map((s) => s.code);
    if (refused.length > 0) {
      throw advocacyError(
        'states-refused',
        `you may not log actions for ${refused.join(', ')} (outside your regions); nothing was saved`,
      );
    }
    return states;
  }
}
