import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { FollowUpsModule } from '@app/follow-ups';
import { ActionStatsRepository } from './action-stats.repository';
import { ActionStatsService } from './action-stats.service';
import { ActionsRepository } from './actions.repository';
import { ActionsService } from './actions.service';
import { CampaignActionsService } from './campaign-actions.service';
import { CampaignsRepository } from './campaigns.repository';
import { CampaignsService } from './campaigns.service';

@Module({
  imports: [FollowUpsModule, AuditModule],
  providers: [
    ActionsRepository,
    ActionStatsRepository,
    CampaignsRepository,
    ActionsService,
    ActionStatsService,
    CampaignsService,
    CampaignActionsService,
  ],
  exports: [ActionsService, ActionStatsService, CampaignsService, CampaignActionsService],
})
export class AdvocacyModule {}
