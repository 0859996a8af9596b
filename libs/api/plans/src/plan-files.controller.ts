import { Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  AppError,
  attachment,
  Clock,
  CurrentScope,
  fileNameFrom,
  httpErrorBody,
  readBody,
  Roles,
  type Scope,
} from '@sunshine/api/core';
import { buildChecklistTemplate, buildSampleChecklist } from '@sunshine/api/plan-excel';
import { Role } from '@sunshine/shared/domain';
import { PlanExportService } from './plan-export.service';
import { PlanImportService } from './plan-import.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
const uuid = new ParseUUIDPipe({ exceptionFactory: () => AppError.notFound() });

/** Excel in and out for plans. Documented in docs/api-files.md. */
@Controller('files')
export class PlanFilesController {
  constructor(
    private readonly importer: PlanImportService,
    private readonly exporter: PlanExportService,
    private readonly clock: Clock,
  ) {}

  /**
   * Imports a checklist into a draft plan. The answer streams as NDJSON: progress lines
   * `{"type":"progress","phase":"PARSE","done":1000,"total":5000}` then one
   * `{"type":"result","ok":true,...}` or `{"type":"result","ok":false,"errors":[...]}` or `{"type":"error",...}`.
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
    res.status(200).setHeader('content-type', 'application/x-ndjson; charset=utf-8');
    res.setHeader('cache-control', 'no-store');
    const write = (line: Record<string, unknown>): void => {
      res.write(`${JSON.stringify(line)}\n`);
    };
    let last = 0;
    try {
      const outcome = await this.importer.importChecklist(
        scope,
        id,
        body,
        fileNameFrom(req, 'checklist.xlsx'),
        (phase, done, total) => {
          if (done === total || Date.now() - last > 100) {
            last = Date.now();
            write({ type: 'progress', phase, done, total });
          }
        },
      );
      write({ type: 'result', ...outcome });
    } catch (error) {
      const { status, body: err } = httpErrorBody(error);
      write({ type: 'error', status, ...err });
    }
    res.end();
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
