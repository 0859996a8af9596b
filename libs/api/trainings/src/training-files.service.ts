import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { AppError, AuditTrail, OrgDirectory, TenantDatabase, type Scope } from '@sunshine/api/core';
import { neutraliseFormulaText, readWorkbook, WorkbookReadError } from '@sunshine/api/plan-excel';
import { maskPhone, TRAINING_STATUS_LABEL } from '@sunshine/shared/domain';
import { coverageWorkbook, periodLabel } from './coverage-workbook';
import { parseSignInSheets, type SignInParse } from './sign-in-sheet';
import { TrainingCoverageService } from './training-coverage.service';
import { TrainingsException } from './trainings.exception';
import { TrainingsRepository, type SessionRow } from './trainings.repository';
import { TrainingsService } from './trainings.service';

export interface SignInPreview {
  ok: boolean;
  rows: Array<{
    sheet: string;
    row: number;
    unitWritten: string;
    organizationName: string;
    loose: boolean;
    traineeName: string;
    post: string;
    phone: string;
    attended: boolean;
    hours: number;
  }>;
  errors: SignInParse['errors'];
  warnings: SignInParse['warnings'];
  unknownUnits: SignInParse['unknownUnits'];
  counts: { people: number; attended: number; bureaus: number; replaced: number };
}

const days = (s: SessionRow): number =>
  (Date.parse(s.end_date) - Date.parse(s.start_date)) / 86_400_000 + 1;

/** Sign-in sheets in (preview, all-or-nothing import) and attendance lists out. */
@Injectable()
export class TrainingFilesService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditTrail,
    private readonly orgs: OrgDirectory,
    private readonly sessions: TrainingsService,
    private readonly repo: TrainingsRepository,
    private readonly coverage: TrainingCoverageService,
  ) {}

  /** The coverage table as Excel (what the caller's coverage query answers), audited. */
  async exportCoverage(
    scope: Scope,
    year: number,
    quarter: number | undefined,
    organizationId: string | undefined,
  ): Promise<{ buffer: Buffer; fileName: string }> {
    const c = await this.coverage.coverage(scope, year, organizationId, quarter);
    const buffer = await coverageWorkbook(c);
    await this.db.run(scope, (m) =>
      this.audit.record(m, scope, {
        action: 'TRAINING_COVERAGE_EXPORT',
        targetType: 'Organization',
        targetId: c.organization.id,
        changes: { year, quarter: quarter ?? null, rows: c.rows.length },
      }),
    );
    return {
      buffer,
      fileName: `${c.organization.name}${periodLabel(year, quarter ?? null)}培训覆盖情况.xlsx`,
    };
  }

  previewSignIn(
    scope: Scope,
    id: string,
    bytes: Uint8Array,
    choices: Record<string, string>,
  ): Promise<SignInPreview> {
    return this.db.run(
      scope,
      async (m) => (await this.parse(m, scope, id, bytes, choices)).preview,
    );
  }

  importSignIn(
    scope: Scope,
    id: string,
    bytes: Uint8Array,
    choices: Record<string, string>,
    fileName: string,
  ): Promise<SignInPreview & { imported: number }> {
    return this.db.run(scope, async (m) => {
      const { preview, parsed, session } = await this.parse(m, scope, id, bytes, choices);
      if (!preview.ok) return { ...preview, imported: 0 };
      const result = await this.repo.importAttendances(
        m,
        session.id,
        session.organization_id,
        parsed.rows,
        scope.userId,
      );
      await this.audit.record(m, scope, {
        action: 'TRAINING_IMPORT',
        targetType: 'TrainingSession',
        targetId: session.id,
        // Counts only: names and phones stay out of the trail.
        changes: {
          fileName,
          people: result.inserted,
          replaced: result.replaced,
          warnings: preview.warnings.length,
        },
      });
      return { ...preview, imported: result.inserted };
    });
  }

  /** The attendance list as Excel; whole phones only where the caller may see them, and audited. */
  exportAttendance(scope: Scope, id: string): Promise<{ buffer: Buffer; fileName: string }> {
    return this.db.run(scope, async (m) => {
      const s = await this.sessions.load(m, scope, id);
      const rows = await this.sessions.visibleAttendances(m, scope, s);
      const orgs = new Map(
        (await this.repo.orgs(m, [...new Set(rows.map((r) => r.organization_id))])).map((o) => [
          o.id,
          o,
        ]),
      );
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('参训名单');
      ws.addRow([
        `${s.title}（${s.start_date}${s.end_date !== s.start_date ? ` 至 ${s.end_date}` : ''}，${TRAINING_STATUS_LABEL[s.status]}）`,
      ]);
      ws.addRow(['序号', '单位', '姓名', '职务', '联系电话', '报名', '参训', '学时', '备注']);
      let whole = 0;
      rows.forEach((a, i) => {
        const full = this.sessions.seesPhone(scope, s, a);
        if (full && a.phone !== '') whole++;
        ws.addRow([
          i + 1,
          orgs.get(a.organization_id)?.name ?? '',
          a.trainee_name,
          a.post,
          full ? a.phone : maskPhone(a.phone),
          a.planned ? '是' : '否',
          a.attended ? '是' : '否',
          a.hours,
          a.note,
        ]);
      });
      ws.columns.forEach((c, i) => (c.width = [6, 24, 10, 16, 16, 6, 6, 6, 20][i] ?? 12));
      neutraliseFormulaText(wb);
      await this.audit.record(m, scope, {
        action: 'TRAINING_EXPORT',
        targetType: 'TrainingSession',
        targetId: s.id,
        changes: { rows: rows.length, wholePhones: whole },
      });
      return {
        buffer: Buffer.from(await wb.xlsx.writeBuffer()),
        fileName: `${s.title}-参训名单.xlsx`,
      };
    });
  }

  private async parse(
    m: Parameters<Parameters<TenantDatabase['run']>[1]>[0],
    scope: Scope,
    id: string,
    bytes: Uint8Array,
    choices: Record<string, string>,
  ): Promise<{ preview: SignInPreview; parsed: SignInParse; session: SessionRow }> {
    const session = await this.sessions.load(m, scope, id);
    if (!this.sessions.isHost(scope, session))
      throw AppError.forbidden('TRAINING_NOT_HOST', '只有举办单位可以导入签到表');
    this.db.assertOwnOrg(scope, session.organization_id, '只有举办单位可以导入签到表');
    if (session.status === 'ARCHIVED') throw TrainingsException.archived();
    let grid;
    try {
      grid = await readWorkbook(bytes);
    } catch (error) {
      if (error instanceof WorkbookReadError)
        throw AppError.badInput(`IMPORT_${error.code}`, error.message);
      throw error;
    }
    const subtree = [...(await this.orgs.subtree([session.organization_id]))];
    const units = (await this.repo.orgs(m, subtree)).map((o) => ({
      id: o.id,
      name: o.name,
      level: o.level,
    }));
    const parsed = parseSignInSheets(grid.sheets, {
      units,
      hours: session.hours,
      days: days(session),
      choices,
    });
    const existing = await this.repo.attendancesOf(m, [session.id]);
    const have = new Set(existing.map((a) => `${a.organization_id}|${a.trainee_name}`));
    const replaced = parsed.rows.filter((r) =>
      have.has(`${r.organizationId}|${r.traineeName}`),
    ).length;
    const warnings = [...parsed.warnings];
    if (replaced > 0)
      warnings.push({
        sheet: '',
        row: 0,
        message: `${replaced} 人已在名单中，导入后以签到表为准更新`,
      });
    return {
      session,
      parsed,
      preview: {
        ok: parsed.errors.length === 0,
        rows: parsed.rows.slice(0, 500).map((r) => ({
          sheet: r.sheet,
          row: r.row,
          unitWritten: r.unitWritten,
          organizationName: r.organizationName,
          loose: r.loose,
          traineeName: r.traineeName,
          post: r.post,
          phone: maskPhone(r.phone),
          attended: r.attended,
          hours: r.hours,
        })),
        errors: parsed.errors.slice(0, 200),
        warnings: warnings.slice(0, 200),
        unknownUnits: parsed.unknownUnits,
        counts: {
          people: parsed.rows.length,
          attended: parsed.rows.filter((r) => r.attended).length,
          bureaus: new Set(parsed.rows.map((r) => r.organizationId)).size,
          replaced,
        },
      },
    };
  }
}
