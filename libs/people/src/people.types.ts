import type { Region } from '@app/accounts';
import { isoDate, isoInstant } from '@app/platform';

export const ORGANISATION_KINDS = [
  'member-ngo',
  'national-coalition',
  'regional-network',
  'government',
  'parliament',
  'igo',
  'other',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** A kind as a heading or a form option names it. */
export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = {
  'member-ngo': 'Member NGO',
  'national-coalition': 'National coalition',
  'regional-network': 'Regional network',
  government: 'Government body',
  parliament: 'Parliament',
  igo: 'Intergovernmental body',
  other: 'Other',
};

/** Organisations of a kind, as a sentence counts them ("national coalitions in 12 actions"). */
export const ORGANISATION_KIND_PLURALS: Record<OrganisationKind, string> = {
  'member-ngo': 'member NGOs',
  'national-coalition': 'national coalitions',
  'regional-network': 'regional networks',
  government: 'government bodies',
  parliament: 'parliaments',
  igo: 'intergovernmental bodies',
  other: 'other organisations',
};

/** The grounds (GDPR article 6) on which the coalition keeps a person's record. */
export const LAWFUL_BASES = ['consent', 'legitimate-interest', 'public-task', 'contract'] as const;
export type LawfulBasis = (typeof LAWFUL_BASES)[number];

/** An organisation as the API answers it: the type of ORGANISATION_JSON, its one builder. */
export interface OrganisationView {
  id: string;
  name: string;
  kind: OrganisationKind;
  stateCode: string | null;
  region: Region | null;
  website: string | null;
  email: string | null;
  memberSince: string | null;
  createdAt: string;
  updatedAt: string;
}

/** `o` is the organisation table, or a row set shaped like it. */
export const ORGANISATION_JSON = `
  json_build_object(
    'id', o.id, 'name', o.name, 'kind', o.kind, 'stateCode', o.state_code, 'region', o.region,
    'website', o.website, 'email', o.email, 'memberSince', ${isoDate('o.member_since')},
    'createdAt', ${isoInstant('o.created_at')}, 'updatedAt', ${isoInstant('o.updated_at')})`;

/**
 * A contact as the API answers it. Once erased, every personal field is null (languages empty) and `erasedAt` says
 * when: the record stays so that the actions that name the person still read.
 */
export interface ContactView {
  id: string;
  name: string | null;
  position: string | null;
  stateCode: string | null;
  region: Region | null;
  organisation: { id: string; name: string } | null;
  email: string | null;
  phone: string | null;
  languages: string[];
  notes: string | null;
  lawfulBasis: LawfulBasis | null;
  createdAt: string;
  updatedAt: string;
  erasedAt: string | null;
}

/** The fields of a contact that are personal data: what erasure removes, from the row and from the audit trail. */
export const PERSONAL_FIELDS = [
  'name',
  'position',
  'organisation',
  'email',
  'phone',
  'languages',
  'notes',
  'lawfulBasis',
] as const satisfies readonly (keyof ContactView)[];

/** `c` is the contact table (or shaped like it), left-joined (CONTACT_JOINS) to its organisation `co`. */
export const CONTACT_JSON = `
  json_build_object(
    'id', c.id, 'name', c.name, 'position', c.position, 'stateCode', c.state_code, 'region', c.region,
    'organisation', CASE WHEN co.id IS NULL THEN NULL ELSE json_build_object('id', co.id, 'name', co.name) END,
    'email', c.email, 'phone', c.phone, 'languages', c.languages, 'notes', c.notes, 'lawfulBasis', c.lawful_basis,
    'createdAt', ${isoInstant('c.created_at')}, 'updatedAt', ${isoInstant('c.updated_at')},
    'erasedAt', ${isoInstant('c.erased_at')})`;

export const CONTACT_JOINS = `LEFT JOIN organisation co ON co.id = c.organisation_id`;
