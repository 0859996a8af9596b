import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AppError, attachment, CurrentScope, Roles, type Scope } from '@sunshine/api/core';
import { DOCX_MIME } from '@sunshine/api/official-docs';
import { Role } from '@sunshine/shared/domain';
import { parseQuarter, parseYear } from './period-query';
import { ScorecardFilesService } from './scorecard-files.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface PeriodQuery {
  quarter?: unknown;
  organizationId?: unknown;
}

function organizationOf(q: PeriodQuery): string | null {
  if (q.organizationId === undefined || q.organizationId === '') return null;
  if (typeof q.organizationId !== 'string' || !UUID.test(q.organizationId))
    throw AppError.notFound();
  return q.organizationId;
}

/** The 通报 and the Excel export of a scorecard. Documented in docs/api-files.md. */
@Controller('files')
export class ScorecardFilesController {
  constructor(private readonly files: ScorecardFilesService) {}

  /** The bulletin (通报) of the caller's subordinates' results, in the official layout. Audited. */
  @Roles(Role.ADMIN, Role.LEADER)
  @Get('scorecards/:year/bulletin.docx')
  async bulletin(
    @Param('year') year: string,
    @Query() query: PeriodQuery,
    @CurrentScope() scope: Scope,
    @Res() res: Response,
  ): Promise<void> {
    const { buffer, fileName } = await this.files.bulletin(
      scope,
      parseYear(year),
      parseQuarter(query.quarter, null),
      organizationOf(query),
    );
    res.setHeader('content-type', DOCX_MIME);
    res.setHeader('content-disposition', attachment(fileName));
    res.end(buffer);
  }

  /** The ranking and every bureau's breakdown as a workbook. Audited. */
  @Roles(Role.ADMIN, Role.LEADER)
  @Get('scorecards/:year/scorecard.xlsx')
  async workbook(
    @Param('year') year: string,
    @Query() query: PeriodQuery,
    @CurrentScope() scope: Scope,
    @Res() res: Response,
  ): Promise<void> {
    const { buffer, fileName } = await this.files.workbook(
      scope,
      parseYear(year),
      parseQuarter(query.quarter, null),
      organizationOf(query),
    );
    res.setHeader('content-type', XLSX);
    res.setHeader('content-disposition', attachment(fileName));
    res.end(buffer);
  }
}
