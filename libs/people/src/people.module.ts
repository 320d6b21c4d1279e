import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { ContactsRepository } from './contacts.repository';
import { ContactsService } from './contacts.service';
import { OrganisationsRepository } from './organisations.repository';
import { OrganisationsService } from './organisations.service';
import { PeopleImportService } from './people-import.service';

@Module({
  imports: [AuditModule],
  providers: [OrganisationsRepository, ContactsRepository, OrganisationsService, ContactsService, PeopleImportService],
  exports: [OrganisationsService, ContactsService, PeopleImportService],
})
export class PeopleModule {}
