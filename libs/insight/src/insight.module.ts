import { Module } from '@nestjs/common';
import { AdvocacyModule } from '@app/advocacy';
import { FollowUpsModule } from '@app/follow-ups';
import { CampaignProgressRepository } from './campaign-progress.repository';
import { CampaignProgressService } from './campaign-progress.service';

/** Campaigns' progress, pledges and insight: what the actions and the treaty events say together. */
@Module({
  imports: [AdvocacyModule, FollowUpsModule],
  providers: [CampaignProgressRepository, CampaignProgressService],
  exports: [CampaignProgressService],
})
export class InsightModule {}
