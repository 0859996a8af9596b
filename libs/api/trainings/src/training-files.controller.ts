import { Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
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
import { Role } from '@sunshine/shared/domain';
import { TrainingFilesService } from './training-files.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
const uuid = new ParseUUIDPipe({ exceptionFactory: () => AppError.notFound() });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The units chosen in the preview for names the sheet writes loosely, sent as `x-unit-choices`:
 * URL-encoded JSON `{"庐阳审计": "<organisation id>"}`.
 */
function choicesFrom(req: Request): Record<string, string> {
  const raw = req.headers['x-unit-choices'];
  if (raw === undefined || raw === '') return {};
  const bad = (): AppError =>
    AppError.badInput('IMPORT_UNIT_CHOICES', '单位对应关系格式不正确，请重新预览');
  if (typeof raw !== 'string' || raw.length > 20_000) throw bad();
  let value: unknown;
  try {
    value = JSON.parse(decodeURIComponent(raw));
  } catch {
    throw bad();
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad();
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string' || !UUID.test(v) || k.length > 100) throw bad();
    out[k] = v;
  }
  return out;
}

function intParam(raw: unknown, min: number, max: number, message: string): number {
  const n = typeof raw === 'string' && /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw AppError.badInput('BAD_QUERY', message);
  return n;
}

/** Sign-in sheets in and attendance lists out. Documented in docs/api-files.md. */
@Controller('files')
export class TrainingFilesController {
  constructor(private readonly files: TrainingFilesService) {}

  /** Reads a sign-in sheet without writing: the people, per-row errors and warnings, unknown units with the closest match. */
  @Roles(Role.ADMIN, Role.ASSESSOR)
  @Post('trainings/:id/sign-in/preview')
  async previewSignIn(
    @Param('id', uuid) id: string,
    @CurrentScope() scope: Scope,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const body = await readBody(req, MAX_IMPORT_BYTES);
    const choices = choicesFrom(req);
    res.json(await this.files.previewSignIn(scope, id, body, choices));
  }

  /** Imports a sign-in sheet, all or nothing: `{ ok: true, imported }` or `{ ok: false, errors }` with nothing written. */
  @Roles(Role.ADMIN, Role.ASSESSOR)
  @Post('trainings/:id/sign-in')
  async importSignIn(
    @Param('id', uuid) id: string,
    @CurrentScope() scope: Scope,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const body = await readBody(req, MAX_IMPORT_BYTES);
    const choices = choicesFrom(req);
    res.json(
      await this.files.importSignIn(scope, id, body, choices, fileNameFrom(req, 'sign-in.xlsx')),
    );
  }

  /** The coverage table (as on the page) and the untrained bureaus; no personal data. Audited. */
  @Get('trainings/coverage.xlsx')
  async exportCoverage(
    @Query('year') year: unknown,
    @Query('quarter') quarter: unknown,
    @Query('organizationId') organizationId: unknown,
    @CurrentScope() scope: Scope,
    @Res() res: Response,
  ): Promise<void> {
    const y = intParam(year, 2000, 2100, '年度不正确');
    const q =
      quarter === undefined || quarter === ''
        ? undefined
        : intParam(quarter, 1, 4, '季度只能是 1 到 4');
    if (
      organizationId !== undefined &&
      (typeof organizationId !== 'string' || !UUID.test(organizationId))
    )
      throw AppError.notFound();
    const { buffer, fileName } = await this.files.exportCoverage(
      scope,
      y,
      q,
      organizationId as string | undefined,
    );
    res.setHeader('content-type', XLSX);
    res.setHeader('content-disposition', attachment(fileName));
    res.end(buffer);
  }

  /** The attendance list; phones whole only where the caller may see them. Audited. */
  @Roles(Role.ADMIN, Role.LEADER, Role.ASSESSOR)
  @Get('trainings/:id/attendance.xlsx')
  async exportAttendance(
    @Param('id', uuid) id: string,
    @CurrentScope() scope: Scope,
    @Res() res: Response,
  ): Promise<void> {
    const { buffer, fileName } = await this.files.exportAttendance(scope, id);
    res.setHeader('content-type', XLSX);
    res.setHeader('content-disposition', attachment(fileName));
    res.end(buffer);
  }
}
