import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { SignInModule } from '@app/accounts';
import { AdvocacyModule } from '@app/advocacy';
import { FollowUpsModule } from '@app/follow-ups';
import { AppConfigModule, DatabaseModule, LoggingModule, QueueModule, RedisHealthIndicator } from '@app/platform';
import { StatesModule } from '@app/states';
import { ActionsController } from './advocacy/actions.controller';
import { CampaignsController } from './advocacy/campaigns.controller';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { ErrorFilter } from './common/domain-error.filter';
import { FollowUpsController } from './follow-ups/follow-ups.controller';
import { HealthController } from './health/health.controller';
import { StatesController } from './states/states.controller';
import { UsersController } from './users/users.controller';

@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    DatabaseModule,
    QueueModule,
    TerminusModule,
    SignInModule,
    StatesModule,
    FollowUpsModule,
    AdvocacyModule,
  ],
  controllers: [
    HealthController,
    AuthController,
    UsersController,
    StatesController,
    FollowUpsController,
    ActionsController,
    CampaignsController,
  ],
  providers: [
    RedisHealthIndicator,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_FILTER, useClass: ErrorFilter },
  ],
})
export class AppModule {}
