import { ActionsCsvService } from './action-csv.service';
import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { FollowUpsModule } from '@app/follow-ups';
import { PeopleModule } from '@app/people';
import { ActionLinksRepository } from './action-links.repository';
import { ActionStatsRepository } from './action-stats.repository';
import { ActionStatsService } from './action-stats.service';
import { ActionsRepository } from './actions.repository';
import { ActionsService } from './actions.service';
import { CampaignActionsService } from './campaign-actions.service';
import { CampaignsRepository } from './campaigns.repository';
import { CampaignsService } from './campaigns.service';

@Module({
  imports: [FollowUpsModule, AuditModule, PeopleModule],
  providers: [
    ActionsRepository,
    ActionLinksRepository,
    ActionStatsRepository,
    CampaignsRepository,
    ActionsService,
    ActionStatsService,
    CampaignsService,
    CampaignActionsService,
    ActionsCsvService,
  ],
  exports: [ActionsService, ActionStatsService, CampaignsService, CampaignActionsService, ActionsCsvService],
})
export class AdvocacyModule {}
