import { Module } from '@nestjs/common';
import { ReferenceDataService } from './reference-data.service';
import { StatesService } from './states.service';

@Module({
  providers: [StatesService, ReferenceDataService],
  exports: [StatesService, ReferenceDataService],
})
export class StatesModule {}
