import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { DepositaryImportsRepository } from './depositary-imports.repository';
import { DepositaryProposalsRepository } from './depositary-proposals.repository';
import { DepositaryService } from './depositary.service';
import { ImplementationRepository } from './implementation.repository';
import { InstrumentsRepository } from './instruments.repository';
import { ReferenceDataRepository } from './reference-data.repository';
import { ReferenceDataService } from './reference-data.service';
import { StatesRepository } from './states.repository';
import { StatesService } from './states.service';
import { StatusCountsRepository } from './status-counts.repository';
import { StatusCountsService } from './status-counts.service';
import { StatusRevision } from './status-revision';
import { StatusRevisionRepository } from './status-revision.repository';
import { TreatyEventsRepository } from './treaty-events.repository';

@Module({
  imports: [AuditModule],
  providers: [
    StatesService,
    DepositaryService,
    DepositaryImportsRepository,
    DepositaryProposalsRepository,
    StatusCountsService,
    ReferenceDataService,
    StatusRevision,
    StatesRepository,
    StatusCountsRepository,
    StatusRevisionRepository,
    TreatyEventsRepository,
    ImplementationRepository,
    InstrumentsRepository,
    ReferenceDataRepository,
  ],
  exports: [StatesService, DepositaryService, StatusCountsService, ReferenceDataService, StatusRevision],
})
export class StatesModule {}
