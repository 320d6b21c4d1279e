import { Module } from '@nestjs/common';
import { AdvocacyModule } from '@app/advocacy';
import { AuditModule } from '@app/audit';
import { FollowUpsModule } from '@app/follow-ups';
import { StatesModule } from '@app/states';
import { CampaignProgressRepository } from './campaign-progress.repository';
import { CampaignProgressService } from './campaign-progress.service';
import { InsightsService } from './insights.service';
import { PlaybookRepository } from './playbook.repository';
import { PledgesRepository } from './pledges.repository';
import { StalledRepository } from './stalled.repository';
import { OutcomesRepository } from './outcomes.repository';
import { PledgesService } from './pledges.service';

/** Campaigns' progress, pledges and insight: what the actions and the treaty events say together. */
@Module({
  imports: [StatesModule, AdvocacyModule, FollowUpsModule, AuditModule],
  providers: [
    CampaignProgressRepository,
    CampaignProgressService,
    PledgesRepository,
    PledgesService,
    PlaybookRepository,
    StalledRepository,
    OutcomesRepository,
    InsightsService,
  ],
  exports: [CampaignProgressService, PledgesService, InsightsService],
})
export class InsightModule {}
