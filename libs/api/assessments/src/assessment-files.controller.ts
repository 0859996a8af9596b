import { Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  AppError,
  attachment,
  CurrentScope,
  fileNameFrom,
  readBody,
  Roles,
  streamNdjson,
  throttledProgress,
  type Scope,
} from '@sunshine/api/core';
import {
  buildSampleIndicatorSystem,
  buildSampleIssueList,
  writeIndicatorSystemTemplate,
  writeIssueListTemplate,
} from '@sunshine/api/assessment-excel';
import { Role } from '@sunshine/shared/domain';
import { AssessmentImportService, type IssueImportChoices } from './assessment-import.service';
import { IndicatorImportService } from './indicator-import.service';
import { RectificationExportService } from './rectification-export.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const MAX_ASSESSMENT_IMPORT_BYTES = 10 * 1024 * 1024;
const uuid = new ParseUUIDPipe({ exceptionFactory: () => AppError.notFound() });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_CHOICES_LENGTH = 60_000;

/**
 * The preview's decisions, sent as `x-import-choices`: URL-encoded JSON
 * `{"units":{"高新区审计局":"<organisation id>"},"keepWhole":[{"sheet":"问题清单","row":7}]}`.
 */
export function importChoicesFrom(req: Request): IssueImportChoices {
  const raw = req.headers['x-import-choices'];
  const none: IssueImportChoices = { units: {}, keepWhole: [] };
  if (raw === undefined || raw === '') return none;
  const bad = (): AppError =>
    AppError.badInput('IMPORT_CHOICES', '单位选择或拆分确认的格式不正确，请重新预览');
  if (typeof raw !== 'string' || raw.length > MAX_CHOICES_LENGTH) throw bad();
  let value: unknown;
  try {
    value = JSON.parse(decodeURIComponent(raw));
  } catch {
    throw bad();
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad();
  const { units, keepWhole } = value as { units?: unknown; keepWhole?: unknown };
  const out: IssueImportChoices = { units: {}, keepWhole: [] };
  if (units !== undefined) {
    if (typeof units !== 'object' || units === null || Array.isArray(units)) throw bad();
    for (const [k, v] of Object.entries(units)) {
      if (typeof v !== 'string' || !UUID.test(v) || k.length > 200) throw bad();
      out.units[k] = v;
    }
  }
  if (keepWhole !== undefined) {
    if (!Array.isArray(keepWhole) || keepWhole.length > 5000) throw bad();
    for (const k of keepWhole) {
      const { sheet, row } = (k ?? {}) as { sheet?: unknown; row?: unknown };
      if (typeof sheet !== 'string' || sheet.length > 100 || !Number.isInteger(row)) throw bad();
      out.keepWhole.push({ sheet, row: row as number });
    }
  }
  return out;
}

/** The name of an imported indicator system: `x-system-name` (URL-encoded), else the file's. */
function systemNameFrom(req: Request, fileName: string): string {
  const raw = req.headers['x-system-name'];
  let name = fileName.replace(/\.xlsx$/i, '');
  if (typeof raw === 'string' && raw !== '') {
    try {
      name = decodeURIComponent(raw);
    } catch {
      throw AppError.badInput('SYSTEM_NAME', '指标体系名称格式不正确');
    }
  }
  name = name.trim();
  if ([...name].length < 2 || [...name].length > 200)
    throw AppError.badInput('SYSTEM_NAME', '指标体系名称应为 2 到 200 字', [
      { field: 'name', message: '指标体系名称应为 2 到 200 字' },
    ]);
  return name;
}

/** Made-up bureaus for the sample list: real Anhui names, so that it imports into a demo round. */
const SAMPLE_UNITS = [
  { code: '340102', name: '瑶海区审计局', cityName: '合肥市' },
  { code: '340103', name: '庐阳区审计局', cityName: '合肥市' },
  { code: '340104', name: '蜀山区审计局', cityName: '合肥市' },
  { code: '341003', name: '黄山区审计局', cityName: '黄山市' },
  { code: '340202', name: '镜湖区审计局', cityName: '芜湖市' },
];

function sendXlsx(res: Response, fileName: string, buffer: Buffer): void {
  res.setHeader('content-type', XLSX);
  res.setHeader('content-disposition', attachment(fileName));
  res.end(buffer);
}

/** Third-party assessment files: issue lists and indicator systems in, 整改链接表 out. See docs/api-files.md. */
@Controller('files')
export class AssessmentFilesController {
  constructor(
    private readonly issues: AssessmentImportService,
    private readonly indicators: IndicatorImportService,
    private readonly exporter: RectificationExportService,
  ) {}

  /**
   * Reads an assessor's issue list without writing: NDJSON progress lines, then
   * `{"type":"preview","ok":…,"layout":…,"summary":…,"issues":[…],"splitRows":[…],"questions":[…],"errors":[…],"warnings":[…]}`.
   */
  @Roles(Role.ASSESSOR, Role.ADMIN)
  @Post('assessment-rounds/:id/issues/preview')
  async previewIssues(
    @Param('id', uuid) id: string,
    @CurrentScope() scope: Scope,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const choices = importChoicesFrom(req);
    const body = await readBody(req, MAX_ASSESSMENT_IMPORT_BYTES);
    await streamNdjson(res, async (write) => ({
      type: 'preview',
      ...(await this.issues.preview(scope, id, body, choices, throttledProgress(write))),
    }));
  }

  /** Imports an issue list, all or nothing: progress lines, then `{"type":"result","ok":…}`. */
  @Roles(Role.ASSESSOR, Role.ADMIN)
  @Post('assessment-rounds/:id/issues')
  async importIssues(
    @Param('id', uuid) id: string,
    @CurrentScope() scope: Scope,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const choices = importChoicesFrom(req);
    const body = await readBody(req, MAX_ASSESSMENT_IMPORT_BYTES);
    const fileName = fileNameFrom(req, 'issues.xlsx');
    await streamNdjson(res, async (write) => ({
      type: 'result',
      ...(await this.issues.import(scope, id, body, fileName, choices, throttledProgress(write))),
    }));
  }

  /** The 整改链接表 of a round: one sheet per bureau the caller may see. Audited. */
  @Get('assessment-rounds/:id/rectification.xlsx')
  async exportRound(
    @Param('id', uuid) id: string,
    @CurrentScope() scope: Scope,
    @Res() res: Response,
  ): Promise<void> {
    const { buffer, fileName } = await this.exporter.export(scope, id, null);
    sendXlsx(res, fileName, buffer);
  }

  /** The 整改链接表 of one bureau of a round (with the bureaus below it, a sheet each). Audited. */
  @Get('assessment-rounds/:id/organizations/:organizationId/rectification.xlsx')
  async exportBureau(
    @Param('id', uuid) id: string,
    @Param('organizationId', uuid) organizationId: string,
    @CurrentScope() scope: Scope,
    @Res() res: Response,
  ): Promise<void> {
    const { buffer, fileName } = await this.exporter.export(scope, id, organizationId);
    sendXlsx(res, fileName, buffer);
  }

  /** Reads an indicator system without writing: JSON `{ ok, indicators (tree), total, errors, warnings }`. */
  @Roles(Role.ADMIN)
  @Post('indicator-systems/preview')
  async previewIndicators(
    @CurrentScope() scope: Scope,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const body = await readBody(req, MAX_ASSESSMENT_IMPORT_BYTES);
    res.json(await this.indicators.preview(scope, body));
  }

  /** Creates an indicator system of the caller's organisation from Excel, all or nothing. */
  @Roles(Role.ADMIN)
  @Post('indicator-systems')
  async importIndicators(
    @CurrentScope() scope: Scope,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const fileName = fileNameFrom(req, 'indicators.xlsx');
    const name = systemNameFrom(req, fileName);
    const body = await readBody(req, MAX_ASSESSMENT_IMPORT_BYTES);
    res.json(await this.indicators.import(scope, body, name, fileName));
  }

  @Get('templates/assessment-issues.xlsx')
  async issueTemplate(@Res() res: Response): Promise<void> {
    sendXlsx(res, '第三方评估问题清单导入模板.xlsx', await writeIssueListTemplate());
  }

  @Get('templates/assessment-issues-sample.xlsx')
  async issueSample(@Res() res: Response): Promise<void> {
    const { buffer } = await buildSampleIssueList({
      units: SAMPLE_UNITS,
      layout: 'ONE_SHEET',
      cityColumn: true,
      seed: 2025,
    });
    sendXlsx(res, '第三方评估问题清单示例.xlsx', buffer);
  }

  @Get('templates/indicator-system.xlsx')
  async indicatorTemplate(@Res() res: Response): Promise<void> {
    sendXlsx(res, '测评指标体系导入模板.xlsx', await writeIndicatorSystemTemplate());
  }

  @Get('templates/indicator-system-sample.xlsx')
  async indicatorSample(@Res() res: Response): Promise<void> {
    sendXlsx(res, '测评指标体系示例.xlsx', await buildSampleIndicatorSystem());
  }
}
