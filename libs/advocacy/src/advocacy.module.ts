import { Module } from '@nestjs/common';
import { ActionsService } from './actions.service';
import { CampaignsService } from './campaigns.service';

@Module({
  providers: [ActionsService, CampaignsService],
  exports: [ActionsService, CampaignsService],
})
export class AdvocacyModule {}
