import { InitialSchema1763800000000 } from './1763800000000-initial-schema';
import { AdvocacyAndFollowUps1763900000000 } from './1763900000000-advocacy-and-follow-ups';
import { ScheduledEmails1763950000000 } from './1763950000000-scheduled-emails';
import { AuditTrail1764000000000 } from './1764000000000-audit-trail';
import { PasswordLinks1764100000000 } from './1764100000000-password-links';
import { WeeklyDigest1764200000000 } from './1764200000000-weekly-digest';
import { PageIndexes1764300000000 } from './1764300000000-page-indexes';
import { ActionRegionTypeIndex1764400000000 } from './1764400000000-action-region-type-index';
import { LibraryViews1764500000000 } from './1764500000000-library-views';
import { FollowUpReminderLog1764650000000 } from './1764650000000-follow-up-reminder-log';
import { DepositaryTruth1764800000000 } from './1764800000000-depositary-truth';
import { DepositaryIntake1764800000001 } from './1764800000001-depositary-intake';
import { PeopleAndOrganisations1764810000000 } from './1764810000000-people-and-organisations';
import { OrganisationRef1764815000000 } from './1764815000000-organisation-ref';
import { CampaignGoals1764820000000 } from './1764820000000-campaign-goals';
import { Pledges1764821000000 } from './1764821000000-pledges';
import { Playbook1764822000000 } from './1764822000000-playbook';
import { CampaignProgressIndex1764825000000 } from './1764825000000-campaign-progress-index';
import { SearchIndexes1764830000000 } from './1764830000000-search-indexes';
import { FollowUpClosedByAssignee1764831200000 } from './1764831200000-follow-up-closed-by-assignee';
import { OutboxReview1764832000000 } from './1764832000000-outbox-review';
import { ActionImports1764833000000 } from './1764833000000-action-imports';
import { UserLocale1764840000000 } from './1764840000000-user-locale';
import { UserRefLocale1764841000000 } from './1764841000000-user-ref-locale';
import { DataRevision1764850000000 } from './1764850000000-data-revision';

/** Every migration, in order. Listed explicitly so the bundled apps carry them. */
export const migrations = [
  InitialSchema1763800000000,
  AdvocacyAndFollowUps1763900000000,
  ScheduledEmails1763950000000,
  AuditTrail1764000000000,
  PasswordLinks1764100000000,
  WeeklyDigest1764200000000,
  PageIndexes1764300000000,
  ActionRegionTypeIndex1764400000000,
  LibraryViews1764500000000,
  FollowUpReminderLog1764650000000,
  DepositaryTruth1764800000000,
  DepositaryIntake1764800000001,
  PeopleAndOrganisations1764810000000,
  OrganisationRef1764815000000,
  CampaignGoals1764820000000,
  Pledges1764821000000,
  Playbook1764822000000,
  CampaignProgressIndex1764825000000,
  SearchIndexes1764830000000,
  FollowUpClosedByAssignee1764831200000,
  OutboxReview1764832000000,
  ActionImports1764833000000,
  UserLocale1764840000000,
  UserRefLocale1764841000000,
  DataRevision1764850000000,
];
