import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AppError, attachment, Clock, CurrentScope, Roles, type Scope } from '@sunshine/api/core';
import { DOCX_MIME } from '@sunshine/api/official-docs';
import { Role } from '@sunshine/shared/domain';
import { letterPeriod } from './period-query';
import { ReminderLettersService } from './reminder-letters.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => AppError.notFound() });

/** The 催办函 to a bureau. Documented in docs/api-files.md. */
@Controller('files')
export class ReminderLettersController {
  constructor(
    private readonly letters: ReminderLettersService,
    private readonly clock: Clock,
  ) {}

  /** The bureau's overdue reports, rectifications and unmet training as an official letter. Audited. */
  @Roles(Role.ADMIN, Role.LEADER)
  @Get('reminder-letters/:organizationId.docx')
  async reminderLetter(
    @Param('organizationId', uuid) organizationId: string,
    @Query() query: { year?: unknown; quarter?: unknown },
    @CurrentScope() scope: Scope,
    @Res() res: Response,
  ): Promise<void> {
    const { year, quarter } = letterPeriod(query, this.clock.now());
    const { buffer, fileName } = await this.letters.render(scope, organizationId, year, quarter);
    res.setHeader('content-type', DOCX_MIME);
    res.setHeader('content-disposition', attachment(fileName));
    res.end(buffer);
  }
}
