import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { ReferenceDataService } from './reference-data.service';
import { StatesService } from './states.service';

@Module({
  imports: [AuditModule],
  providers: [StatesService, ReferenceDataService],
  exports: [StatesService, ReferenceDataService],
})
export class StatesModule {}
