import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { SignInModule } from '@app/accounts';
import { AdvocacyModule } from '@app/advocacy';
import { AuditModule } from '@app/audit';
import { DigestModule } from '@app/digest';
import { FollowUpsModule } from '@app/follow-ups';
import { DashboardsModule } from '@app/dashboards';
import { InsightModule } from '@app/insight';
import { AppConfigModule, DatabaseModule, LoggingModule, QueueModule, RedisHealthIndicator } from '@app/platform';
import { PeopleModule } from '@app/people';
import { StatesModule } from '@app/states';
import { ActionsController } from './advocacy/actions.controller';
import { AuditController } from './audit/audit.controller';
import { CampaignsController } from './advocacy/campaigns.controller';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { ErrorFilter } from './common/domain-error.filter';
import { DigestsController } from './digests/digests.controller';
import { DashboardsController } from './dashboards/dashboards.controller';
import { FollowUpsController } from './follow-ups/follow-ups.controller';
import { HealthController } from './health/health.controller';
import { ContactsController } from './people/contacts.controller';
import { OrganisationsController } from './people/organisations.controller';
import { DashboardPagesController } from './pages/dashboard-pages.controller';
import { FollowUpsPageController } from './pages/follow-ups-page.controller';
import { FollowUpPageController } from './pages/follow-up-page.controller';
import { MePageController } from './pages/me-page.controller';
import { PeoplePagesController } from './pages/people-pages.controller';
import { PlaybookPageController } from './pages/playbook-page.controller';
import { SessionPagesController } from './pages/session-pages.controller';
import { CampaignPagesController } from './pages/campaign-pages.controller';
import { ActionPagesController } from './pages/action-pages.controller';
import { SearchPageController } from './pages/search-page.controller';
import { InsightsController } from './insight/insights.controller';
import { PledgesController } from './insight/pledges.controller';
import { StatePagesController } from './pages/state-pages.controller';
import { DepositaryPageController } from './pages/depositary-page.controller';
import { StatesController } from './states/states.controller';
import { DepositaryController } from './depositary/depositary.controller';
import { UsersController } from './users/users.controller';
import { OutboxController } from './mail/outbox.controller';
import { AdminPagesController } from './pages/admin-pages.controller';
import { RecordPagesController } from './pages/record-pages.controller';

import { CsvExports } from './exports/csv-exports';
import { ExportsController } from './exports/exports.controller';
import { SpreadsheetPagesController } from './pages/spreadsheet-pages.controller';
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
    AuditModule,
    DigestModule,
    DashboardsModule,
    PeopleModule,
    InsightModule,
  ],
  controllers: [
    HealthController,
    AuthController,
    UsersController,
    StatesController,
    DepositaryController,
    FollowUpsController,
    ActionsController,
    CampaignsController,
    OrganisationsController,
    ContactsController,
    PledgesController,
    InsightsController,
    AuditController,
    DigestsController,
    DashboardsController,
    SessionPagesController,
    DashboardPagesController,
    StatePagesController,
    DepositaryPageController,
    FollowUpsPageController,
    FollowUpPageController,
    MePageController,
    PeoplePagesController,
    PlaybookPageController,
    CampaignPagesController,
    ActionPagesController,
    SearchPageController,
    OutboxController,
    AdminPagesController,
    RecordPagesController,
    ExportsController,
    SpreadsheetPagesController,
  ],
  providers: [
    RedisHealthIndicator,
    CsvExports,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_FILTER, useClass: ErrorFilter },
  ],
})
export class AppModule {}
