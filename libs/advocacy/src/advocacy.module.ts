import { Module } from '@nestjs/common';
import { FollowUpsModule } from '@app/follow-ups';
import { ActionStatsService } from './action-stats.service';
import { ActionsService } from './actions.service';
import { CampaignsService } from './campaigns.service';

@Module({
  imports: [FollowUpsModule],
  providers: [ActionsService, ActionStatsService, CampaignsService],
  exports: [ActionsService, ActionStatsService, CampaignsService],
})
export class AdvocacyModule {}
