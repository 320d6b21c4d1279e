import { Module } from '@nestjs/common';
import { ReferenceDataService } from './reference-data.service';
import { StatesService } from './states.service';
import { StatusCountsService } from './status-counts.service';

@Module({
  providers: [StatesService, StatusCountsService, ReferenceDataService],
  exports: [StatesService, StatusCountsService, ReferenceDataService],
})
export class StatesModule {}
