import { labelsIn, msg, translator } from '@app/i18n';

export const ROLES = ['admin', 'campaign-officer', 'regional-officer', 'steering-committee', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const REGIONS = ['africa', 'americas', 'asia-pacific', 'europe', 'mena'] as const;
export type Region = (typeof REGIONS)[number];

/** The coalition's regions: each one's message key, as each language names it. */
export const REGION_KEYS: Record<Region, string> = {
  africa: msg('common.region.africa'),
  americas: msg('common.region.americas'),
  'asia-pacific': msg('common.region.asia-pacific'),
  europe: msg('common.region.europe'),
  mena: msg('common.region.mena'),
};

/** The regions in English, as people read them. */
export const REGION_NAMES: Record<Region, string> = labelsIn(REGION_KEYS, translator('en'));
