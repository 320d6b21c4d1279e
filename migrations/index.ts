import { InitialSchema1763800000000 } from './1763800000000-initial-schema';
import { AdvocacyAndFollowUps1763900000000 } from './1763900000000-advocacy-and-follow-ups';
import { PageIndexes1764300000000 } from './1764300000000-page-indexes';

/** Every migration, in order. Listed explicitly so the bundled apps carry them. */
export const migrations = [InitialSchema1763800000000, AdvocacyAndFollowUps1763900000000, PageIndexes1764300000000];
