import { Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  AppError,
  attachment,
  CurrentScope,
  fileNameFrom,
  readBody,
  Roles,
  type Scope,
} from '@sunshine/api/core';
import { DOCX_MIME } from '@sunshine/api/official-docs';
import { Role } from '@sunshine/shared/domain';
import { AnnualReportFilesService } from './annual-report-files.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
const uuid = new ParseUUIDPipe({ exceptionFactory: () => AppError.notFound() });
const READERS = [Role.ADMIN, Role.LEADER, Role.EDITOR, Role.REVIEWER, Role.ASSESSOR];

function yearOf(raw: string): number {
  const year = Number(raw);
  if (!/^\d{4}$/.test(raw) || year < 2000 || year > 2100)
    throw AppError.badInput('ANNUAL_REPORT_YEAR', '年度应为 2000—2100 之间的四位数字');
  return year;
}

/** The version of the draft the import replaces (`x-report-version`, 0 before the first save). */
function versionOf(req: Request): number {
  const raw = req.headers['x-report-version'];
  if (typeof raw !== 'string' || !/^\d{1,9}$/.test(raw))
    throw AppError.badInput('ANNUAL_REPORT_VERSION', '缺少年度报告的版本号，请刷新页面后重新导入');
  return Number(raw);
}

/** Annual reports in and out: Excel template and import, .docx, ZIP. Documented in docs/api-files.md. */
@Controller('files/annual-reports')
export class AnnualReportFilesController {
  constructor(private readonly files: AnnualReportFilesService) {}

  /** The blank Excel template (表二、表三、表四 as the national template). */
  @Roles(...READERS)
  @Get('template.xlsx')
  async template(@Res() res: Response): Promise<void> {
    res.setHeader('content-type', XLSX);
    res.setHeader('content-disposition', attachment('政府信息公开工作年度报告表格模板.xlsx'));
    res.end(await this.files.template());
  }

  /** Every stored report of the year in the caller's subtree, one .docx per bureau; streamed. */
  @Roles(Role.ADMIN, Role.LEADER)
  @Get(':year/all.zip')
  async zip(
    @Param('year') year: string,
    @CurrentScope() scope: Scope,
    @Res() res: Response,
  ): Promise<void> {
    const { stream, fileName, count } = await this.files.zip(scope, yearOf(year));
    res.setHeader('content-type', 'application/zip');
    res.setHeader('content-disposition', attachment(fileName));
    res.setHeader('x-report-count', String(count));
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  }

  /** One bureau's report as .docx in the official form. */
  @Roles(...READERS)
  @Get(':year/:organizationId.docx')
  async docx(
    @Param('year') year: string,
    @Param('organizationId', uuid) organizationId: string,
    @CurrentScope() scope: Scope,
    @Res() res: Response,
  ): Promise<void> {
    const { buffer, fileName } = await this.files.docx(scope, yearOf(year), organizationId);
    res.setHeader('content-type', DOCX_MIME);
    res.setHeader('content-disposition', attachment(fileName));
    res.end(buffer);
  }

  /** Reads the tables from a workbook and checks them; writes nothing. */
  @Roles(Role.EDITOR)
  @Post(':year/:organizationId/import/preview')
  async preview(
    @Param('year') year: string,
    @Param('organizationId', uuid) organizationId: string,
    @CurrentScope() scope: Scope,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const y = yearOf(year);
    const body = await readBody(req, MAX_IMPORT_BYTES);
    res.json(await this.files.preview(scope, y, organizationId, body));
  }

  /** Replaces the draft's tables with the workbook's, all or nothing. */
  @Roles(Role.EDITOR)
  @Post(':year/:organizationId/import')
  async import(
    @Param('year') year: string,
    @Param('organizationId', uuid) organizationId: string,
    @CurrentScope() scope: Scope,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const y = yearOf(year);
    const version = versionOf(req);
    const body = await readBody(req, MAX_IMPORT_BYTES);
    res.json(
      await this.files.import(
        scope,
        y,
        organizationId,
        version,
        body,
        fileNameFrom(req, 'annual-report.xlsx'),
      ),
    );
  }
}
