import { Module } from '@nestjs/common';
import { AdvocacyModule } from '@app/advocacy';
import { FollowUpsModule } from '@app/follow-ups';
import { StatesModule } from '@app/states';
import { DashboardsService } from './dashboards.service';

@Module({
  imports: [StatesModule, AdvocacyModule, FollowUpsModule],
  providers: [DashboardsService],
  exports: [DashboardsService],
})
export class DashboardsModule {}
