import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AppError, attachment, CurrentScope, Roles, type Scope } from '@sunshine/api/core';
import { DOCX_MIME } from '@sunshine/api/official-docs';
import { Role } from '@sunshine/shared/domain';
import { TrainingCertificatesService } from './training-certificates.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => AppError.notFound() });

/** 学时证明 downloads (.docx). Documented in docs/api-files.md. */
@Controller('files')
export class TrainingCertificatesController {
  constructor(private readonly certificates: TrainingCertificatesService) {}

  /** One person's certificate for the year of the attendance given. */
  @Roles(Role.ADMIN, Role.ASSESSOR)
  @Get('trainings/attendances/:id/certificate.docx')
  async person(
    @Param('id', uuid) id: string,
    @CurrentScope() scope: Scope,
    @Res() res: Response,
  ): Promise<void> {
    const { buffer, fileName } = await this.certificates.person(scope, id);
    res.setHeader('content-type', DOCX_MIME);
    res.setHeader('content-disposition', attachment(fileName));
    res.setHeader('cache-control', 'private, no-store');
    res.end(buffer);
  }

  /** A bureau's certificate for `?year=`. */
  @Roles(Role.ADMIN)
  @Get('trainings/bureaus/:organizationId/certificate.docx')
  async bureau(
    @Param('organizationId', uuid) organizationId: string,
    @Query('year') year: unknown,
    @CurrentScope() scope: Scope,
    @Res() res: Response,
  ): Promise<void> {
    const y = typeof year === 'string' && /^\d{4}$/.test(year) ? Number(year) : NaN;
    if (!(y >= 2000 && y <= 2100)) throw AppError.badInput('BAD_QUERY', '年度不正确');
    const { buffer, fileName } = await this.certificates.bureau(scope, organizationId, y);
    res.setHeader('content-type', DOCX_MIME);
    res.setHeader('content-disposition', attachment(fileName));
    res.setHeader('cache-control', 'private, no-store');
    res.end(buffer);
  }
}
