export const ROLES = ['admin', 'campaign-officer', 'regional-officer', 'steering-committee', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const REGIONS = ['africa', 'americas', 'asia-pacific', 'europe', 'mena'] as const;
export type Region = (typeof REGIONS)[number];

/** The coalition's regions, as people read them. */
export const REGION_NAMES: Record<Region, string> = {
  africa: 'Africa',
  americas: 'Americas',
  'asia-pacific': 'Asia-Pacific',
  europe: 'Europe',
  mena: 'Middle East & North Africa',
};
