import type { Region } from '@app/accounts';
import { isoDate, isoInstant } from '@app/platform';
import type { ActionType } from './action-types';

/** An action as the API answers it: the type of ACTION_JSON, its one builder. */
export interface ActionView {
  id: string;
  stateCode: string;
  stateName: string;
  region: Region;
  type: ActionType;
  date: string;
  title: string;
  summary: string | null;
  target: string | null;
  outcome: string | null;
  campaignId: string | null;
  loggedBy: { id: string; name: string };
  /** Who the action addressed or met (contacts), sorted. */
  contactIds: string[];
  /** Which organisations led or joined it, sorted. */
  organisationIds: string[];
  createdAt: string;
  updatedAt: string;
}

/** An action's links of one kind as a sorted array of ids, read through the link table's primary key. */
const linkedIds = (table: string, column: string) =>
  `(SELECT COALESCE(array_agg(l.${column} ORDER BY l.${column}), '{}') FROM ${table} l WHERE l.action_id = a.id)`;

/**
 * The one place an action's JSON is built, for the list's JSON text, get, create and update alike: `a` is
 * advocacy_action (or a row set shaped like it), joined (ACTION_JOINS) to the state `s` and its author `u`.
 */
export const ACTION_JSON = `
  json_build_object(
    'id', a.id, 'stateCode', a.state_code, 'stateName', s.name_en, 'region', a.region, 'type', a.type,
    'date', ${isoDate('a.date')}, 'title', a.title, 'summary', a.summary, 'target', a.target, 'outcome', a.outcome,
    'campaignId', a.campaign_id, 'loggedBy', json_build_object('id', u.id, 'name', u.name),
    'contactIds', ${linkedIds('action_contact', 'contact_id')},
    'organisationIds', ${linkedIds('action_organisation', 'organisation_id')},
    'createdAt', ${isoInstant('a.created_at')}, 'updatedAt', ${isoInstant('a.updated_at')})`;

/** The names ACTION_JSON shows, through the views states and accounts publish. */
export const ACTION_JOINS = `
  JOIN state_ref s ON s.code = a.state_code
  JOIN user_ref u ON u.id = a.logged_by`;
