import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { FollowUpsModule } from '@app/follow-ups';
import { ActionStatsService } from './action-stats.service';
import { ActionsService } from './actions.service';
import { CampaignsService } from './campaigns.service';

@Module({
  imports: [FollowUpsModule, AuditModule],
  providers: [ActionsService, ActionStatsService, CampaignsService],
  exports: [ActionsService, ActionStatsService, CampaignsService],
})
export class AdvocacyModule {}
