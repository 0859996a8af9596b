import { Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  AppError,
  attachment,
  Clock,
  CurrentScope,
  fileNameFrom,
  readBody,
  Roles,
  streamNdjson,
  throttledProgress,
  type Scope,
} from '@sunshine/api/core';
import {
  buildChecklistTemplate,
  buildSampleChecklist,
  type ColumnMapping,
} from '@sunshine/api/plan-excel';
import { Role } from '@sunshine/shared/domain';
import { PlanExportService } from './plan-export.service';
import { PlanImportService } from './plan-import.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
const uuid = new ParseUUIDPipe({ exceptionFactory: () => AppError.notFound() });
const MAX_MAPPING_LENGTH = 4000;

/**
 * The column mapping chosen in the import dialog, sent as `x-checklist-mapping`: URL-encoded JSON
 * `{"headerRow":3,"columns":{"1":"category","2":"number","3":"title"}}`. Undefined without the
 * header; the field values themselves are checked by the parser (BAD_MAPPING).
 */
function mappingFrom(req: Request): ColumnMapping | undefined {
  const raw = req.headers['x-checklist-mapping'];
  if (raw === undefined || raw === '') return undefined;
  const bad = (): AppError =>
    AppError.badInput('IMPORT_MAPPING', '列对应关系格式不正确，请重新选择文件后再试');
  if (typeof raw !== 'string' || raw.length > MAX_MAPPING_LENGTH) throw bad();
  let value: unknown;
  try {
    value = JSON.parse(decodeURIComponent(raw));
  } catch {
    throw bad();
  }
  if (typeof value !== 'object' || value === null) throw bad();
  const { headerRow, columns } = value as { headerRow?: unknown; columns?: unknown };
  if (typeof headerRow !== 'number' || typeof columns !== 'object' || columns === null) throw bad();
  if (Array.isArray(columns)) throw bad();
  return { headerRow, columns: columns as ColumnMapping['columns'] };
}

/** Excel in and out for plans. Documented in docs/api-files.md. */
@Controller('files')
export class PlanFilesController {
  constructor(
    private readonly importer: PlanImportService,
    private readonly exporter: PlanExportService,
    private readonly clock: Clock,
  ) {}

  /**
   * Reads a checklist for the import dialog without writing anything: the detected header row and
   * columns with their guessed fields, the categories and tasks the import would create, and every
   * warning or error. Optional `x-checklist-mapping` (see `mappingFrom`) replaces the guesses. The
   * answer streams as NDJSON: progress lines, then `{"type":"preview","ok":…,"layout":…,
   * "categories":[…],"taskCount":…,"tasks":[…],"warnings":[…],"errors":[…]}` or an error line.
   */
  @Roles(Role.ADMIN)
  @Post('plans/:id/checklist/preview')
  async previewChecklist(
    @Param('id', uuid) id: string,
    @CurrentScope() scope: Scope,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const body = await readBody(req, MAX_IMPORT_BYTES);
    await streamNdjson(res, async (write) => {
      const mapping = mappingFrom(req);
      const preview = await this.importer.previewChecklist(
        scope,
        id,
        body,
        mapping,
        throttledProgress(write),
      );
      return { type: 'preview', ...preview };
    });
  }

  /**
   * Imports a checklist into a draft plan, all or nothing, with the dialog's column mapping
   * (`x-checklist-mapping`) if given. The answer streams as NDJSON: progress lines
   * `{"type":"progress","phase":"PARSE","done":1000,"total":5000}` then one
   * `{"type":"result","ok":true,"warnings":[...],...}` or `{"type":"result","ok":false,"errors":[...]}` or `{"type":"error",...}`.
   */
  @Roles(Role.ADMIN)
  @Post('plans/:id/checklist')
  async importChecklist(
    @Param('id', uuid) id: string,
    @CurrentScope() scope: Scope,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const body = await readBody(req, MAX_IMPORT_BYTES);
    await streamNdjson(res, async (write) => {
      const mapping = mappingFrom(req);
      const outcome = await this.importer.importChecklist(
        scope,
        id,
        body,
        fileNameFrom(req, 'checklist.xlsx'),
        throttledProgress(write),
        mapping,
      );
      return { type: 'result', ...outcome };
    });
  }

  @Roles(Role.ADMIN, Role.LEADER)
  @Get('plans/:id/export.xlsx')
  async exportPlan(
    @Param('id', uuid) id: string,
    @CurrentScope() scope: Scope,
    @Res() res: Response,
  ): Promise<void> {
    const { buffer, fileName } = await this.exporter.export(scope, id);
    res.setHeader('content-type', XLSX);
    res.setHeader('content-disposition', attachment(fileName));
    res.end(buffer);
  }

  @Get('templates/checklist.xlsx')
  async template(@Res() res: Response): Promise<void> {
    res.setHeader('content-type', XLSX);
    res.setHeader('content-disposition', attachment('重点工作任务清单导入模板.xlsx'));
    res.end(await buildChecklistTemplate());
  }

  @Get('templates/checklist-sample.xlsx')
  async sample(@CurrentScope() _scope: Scope, @Res() res: Response): Promise<void> {
    const year = this.clock.now().getFullYear();
    res.setHeader('content-type', XLSX);
    res.setHeader('content-disposition', attachment(`${year}年重点工作任务分工示例.xlsx`));
    res.end(await buildSampleChecklist(year));
  }
}
