/** Small factories for the medium and end-to-end tiers: each makes one row with sensible defaults, overridable. */
export * from './users';
export * from './actions';
export * from './follow-ups';
export * from './campaigns';
export * from './states';
export * from './people';
