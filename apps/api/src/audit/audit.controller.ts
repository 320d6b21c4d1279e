import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuditService } from '@app/audit';
import { Requires } from '../auth/auth.guard';
import { AuditPageDto, AuditQueryDto } from './audit.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Requires('audit.read')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** Every change to treaty events, implementation, actions, follow-ups, campaigns and users: who, when, what. */
  @Get()
  @ApiOkResponse({ type: AuditPageDto, description: 'Newest first' })
  @ApiBadRequestResponse({ description: 'A filter, limit or cursor is not valid, or from is after to' })
  @ApiForbiddenResponse({ description: 'Only admins and the steering committee read the audit trail' })
  list(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
    return this.audit.list({
      entity: query.entity,
      entityId: query.id,
      actor: query.actor?.toLowerCase(),
      from: query.from,
      to: query.to,
      limit: query.limit,
      cursor: query.cursor,
    });
  }
}
