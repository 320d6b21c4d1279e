import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { ContactsRepository } from './contacts.repository';
import { ContactsService } from './contacts.service';
import { OrganisationsRepository } from './organisations.repository';
import { OrganisationsService } from './organisations.service';

@Module({
  imports: [AuditModule],
  providers: [OrganisationsRepository, ContactsRepository, OrganisationsService, ContactsService],
  exports: [OrganisationsService, ContactsService],
})
export class PeopleModule {}
