import { Module } from '@nestjs/common';
import { FollowUpsModule } from '@app/follow-ups';
import { ActionsService } from './actions.service';
import { CampaignsService } from './campaigns.service';

@Module({
  imports: [FollowUpsModule],
  providers: [ActionsService, CampaignsService],
  exports: [ActionsService, CampaignsService],
})
export class AdvocacyModule {}
