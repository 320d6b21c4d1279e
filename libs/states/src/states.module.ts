import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { ReferenceDataService } from './reference-data.service';
import { StatesService } from './states.service';
import { StatusCountsService } from './status-counts.service';

@Module({
  imports: [AuditModule],
  providers: [StatesService, StatusCountsService, ReferenceDataService],
  exports: [StatesService, StatusCountsService, ReferenceDataService],
})
export class StatesModule {}
