import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { FollowUpsModule } from '@app/follow-ups';
import { ActionsService } from './actions.service';
import { CampaignsService } from './campaigns.service';

@Module({
  imports: [FollowUpsModule, AuditModule],
  providers: [ActionsService, CampaignsService],
  exports: [ActionsService, CampaignsService],
})
export class AdvocacyModule {}
