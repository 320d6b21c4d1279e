import { Body, Controller, Get, Header, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { SignedInUser } from '@app/accounts';
import { DigestService } from '@app/digest';
import { CurrentUser, Requires } from '../auth/auth.guard';
import { DigestPreviewQueryDto, DigestSendResultDto, SendDigestDto } from './digest.dto';

@ApiTags('digests')
@ApiBearerAuth()
@Controller('digests')
export class DigestsController {
  constructor(private readonly digest: DigestService) {}

  /** The weekly digest's HTML for a week, as the steering committee gets it; every signed-in user may read it. */
  @Get('preview')
  @Requires('read')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'private, no-cache')
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The digest as an HTML email body', schema: { type: 'string' } })
  @ApiBadRequestResponse({ description: 'weekOf is not a real date, or falls in a week that has not started' })
  preview(@Query() query: DigestPreviewQueryDto): Promise<string> {
    return this.digest.previewHtml(query.weekOf);
  }

  /** Sends a week's digest now to every recipient who has not had it; the emails go out through the outbox. */
  @Post('send')
  @Requires('digest.send')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: DigestSendResultDto, description: 'Composed; the emails are on their way' })
  @ApiBadRequestResponse({ description: 'weekOf is not a real date, or its week has not ended yet' })
  @ApiForbiddenResponse({ description: 'Only an admin may send the digest' })
  send(@CurrentUser() user: SignedInUser, @Body() body: SendDigestDto): Promise<DigestSendResultDto> {
    return this.digest.send(this.digest.weekToSend(body.weekOf), 'manual', user.id);
  }
}
