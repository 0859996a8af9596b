import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppError, AuditTrail, Clock, TenantDatabase, type Scope } from '@sunshine/api/core';
import { renderOfficialDocument } from '@sunshine/api/official-docs';
import { readWorkbook, WorkbookReadError } from '@sunshine/api/plan-excel';
import {
  annualReportFormat,
  checkAnnualReport,
  CURRENT_ANNUAL_FORMAT_VERSION,
  isAnnualReportSubmitted,
  type AnnualCheck,
} from '@sunshine/shared/domain';
import { AnnualReportsRepository, type OrgRow, type ReportRow } from '../annual-reports.repository';
import { AnnualReportImportSeam } from './annual-report-import.seam';
import { annualReportDocument, annualReportFileName } from './annual-report-document';
import { readAnnualReportSheets, type SheetProblem } from './annual-report-sheet';
import { buildAnnualReportTemplate } from './annual-report-template';
import { lazyZip, type LazyZipEntry } from './lazy-zip';

export interface AnnualImportPreview {
  ok: boolean;
  /** Sheet problems: unreadable cells (ERROR) and what was assumed (WARNING), in Chinese. */
  problems: SheetProblem[];
  /** The identity checks (勾稽关系) of the tables as read, as the form would show them. */
  checks: AnnualCheck[];
  /** Cells read, keyed by the format's cell keys. */
  cells: Array<{ key: string; value: number }>;
  found: Record<string, { sheet: string; at: string }>;
  counts: {
    cells: number;
    nonZero: number;
    errors: number;
    warnings: number;
    failingRules: number;
  };
  /** Set by the import: the draft's new version. */
  version?: number;
}

/** Draft, submitted or returned: the file says which, so nobody mistakes a draft for the report. */
const STATUS_SUFFIX: Record<string, string> = {
  DRAFT: '（草稿）',
  RETURNED: '（已退回）',
  SUBMITTED: '',
  APPROVED: '',
  ACCEPTED: '',
};

/** The annual report's files: Excel template and import, the .docx, and the ZIP of a subtree. */
@Injectable()
export class AnnualReportFilesService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly repo: AnnualReportsRepository,
    private readonly seam: AnnualReportImportSeam,
  ) {}

  /** The blank template of the current format. */
  template(): Promise<Buffer> {
    return buildAnnualReportTemplate(annualReportFormat(CURRENT_ANNUAL_FORMAT_VERSION));
  }

  /** Reads the workbook and checks it; writes nothing. */
  preview(
    scope: Scope,
    year: number,
    organizationId: string,
    bytes: Uint8Array,
  ): Promise<AnnualImportPreview> {
    return this.db.run(scope, async (m) => {
      await this.seam.assertCanImport(m, scope, year, organizationId);
      return this.read(m, year, organizationId, bytes);
    });
  }

  /**
   * All or nothing: with any sheet error nothing is written (`ok: false`); otherwise the draft's
   * tables are replaced by the file's (its text sections kept) at the version the caller read.
   * Identity failures do not block the import: the draft shows them, and submitting refuses them.
   */
  import(
    scope: Scope,
    year: number,
    organizationId: string,
    version: number,
    bytes: Uint8Array,
    fileName: string,
  ): Promise<AnnualImportPreview> {
    return this.db.run(scope, async (m) => {
      await this.seam.assertCanImport(m, scope, year, organizationId);
      const preview = await this.read(m, year, organizationId, bytes);
      if (!preview.ok) return preview;
      const saved = await this.seam.replaceTables(
        m,
        scope,
        year,
        organizationId,
        version,
        Object.fromEntries(preview.cells.map((c) => [c.key, c.value])),
      );
      await this.audit.record(m, scope, {
        action: 'ANNUAL_REPORT_IMPORT',
        targetType: 'AnnualReport',
        targetId: saved.id,
        organizationId,
        changes: {
          year,
          fileName,
          nonZero: preview.counts.nonZero,
          warnings: preview.counts.warnings,
          failingRules: preview.counts.failingRules,
        },
      });
      return { ...preview, version: saved.version };
    });
  }

  private async read(
    m: EntityManager,
    year: number,
    organizationId: string,
    bytes: Uint8Array,
  ): Promise<AnnualImportPreview> {
    let grid;
    try {
      grid = await readWorkbook(bytes);
    } catch (error) {
      if (error instanceof WorkbookReadError)
        throw AppError.badInput(`IMPORT_${error.code}`, error.message);
      throw error;
    }
    const current = await this.repo.find(m, organizationId, year);
    const format = annualReportFormat(current?.format_version ?? CURRENT_ANNUAL_FORMAT_VERSION);
    const read = readAnnualReportSheets(format, grid.sheets);
    const previous = await this.repo.find(m, organizationId, year - 1);
    const checks = checkAnnualReport({
      format,
      values: read.values,
      sections: current
        ? { overview: current.overview, problems: current.problems, other: current.other }
        : null,
      previous: previous?.cells ?? null,
    });
    const errors = read.problems.filter((p) => p.severity === 'ERROR').length;
    const cells = format.cells
      .filter((c) => read.values[c.key] !== undefined)
      .map((c) => ({ key: c.key, value: read.values[c.key] as number }));
    return {
      ok: errors === 0,
      problems: read.problems.slice(0, 500),
      checks,
      cells,
      found: read.found,
      counts: {
        cells: cells.length,
        nonZero: cells.filter((c) => c.value !== 0).length,
        errors,
        warnings: read.problems.length - errors,
        failingRules: checks.filter((c) => c.severity === 'ERROR').length,
      },
    };
  }

  /** One bureau's report as .docx (GB/T 9704). Audited. */
  docx(
    scope: Scope,
    year: number,
    organizationId: string,
  ): Promise<{ buffer: Buffer; fileName: string }> {
    return this.db.run(scope, async (m) => {
      await this.db.assertVisible(scope, organizationId);
      const report = await this.repo.find(m, organizationId, year);
      const [org] = await this.repo.orgs(m, [organizationId]);
      if (!report || !org)
        throw AppError.notFound('ANNUAL_REPORT_NOT_FOUND', '该单位尚未填写本年度的年度报告');
      await this.audit.record(m, scope, {
        action: 'ANNUAL_REPORT_DOWNLOAD',
        targetType: 'AnnualReport',
        targetId: report.id,
        organizationId,
        changes: { year, status: report.status },
      });
      return {
        buffer: await this.render(org, report),
        fileName: this.fileName(org, report),
      };
    });
  }

  /**
   * Every stored report of the year in the caller's subtree, one .docx per bureau in a folder per
   * city, streamed: reports are read in the transaction (their rows only), rendered one at a
   * time while the archive is sent. Audited once, with the count.
   */
  async zip(
    scope: Scope,
    year: number,
  ): Promise<{ stream: NodeJS.ReadableStream; fileName: string; count: number }> {
    const { root, entries } = await this.db.run(scope, async (m) => {
      const orgs = await this.repo.subtree(m, scope.organizationId);
      const root = orgs.find((o) => o.id === scope.organizationId);
      if (!root) throw AppError.notFound();
      const visible = new Set((await this.db.visibleOrgIds(scope)) ?? orgs.map((o) => o.id));
      const byId = new Map(orgs.map((o) => [o.id, o]));
      const reports = (
        await this.repo.ofYear(
          m,
          orgs.filter((o) => visible.has(o.id)).map((o) => o.id),
          year,
        )
      ).sort((a, b) =>
        (byId.get(a.organization_id)?.code ?? '').localeCompare(
          byId.get(b.organization_id)?.code ?? '',
        ),
      );
      await this.audit.record(m, scope, {
        action: 'ANNUAL_REPORT_ZIP',
        targetType: 'Organization',
        targetId: root.id,
        changes: {
          year,
          reports: reports.length,
          submitted: reports.filter((r) => isAnnualReportSubmitted(r.status)).length,
        },
      });
      const entries: LazyZipEntry[] = [];
      for (const r of reports) {
        const org = byId.get(r.organization_id);
        if (!org) continue;
        entries.push({
          path: `${this.folder(org, root, byId)}${this.fileName(org, r)}`,
          render: () => this.render(org, r),
        });
      }
      return { root, entries };
    });
    return {
      stream: lazyZip(entries, this.clock.now()),
      fileName: `${root.name}${year}年政府信息公开工作年度报告.zip`,
      count: entries.length,
    };
  }

  /** The city's folder for a county (and for the city bureau itself); none at the root. */
  private folder(org: OrgRow, root: OrgRow, byId: Map<string, OrgRow>): string {
    if (org.id === root.id) return '';
    let top = org;
    while (top.parent_id && top.parent_id !== root.id) {
      const parent = byId.get(top.parent_id);
      if (!parent) break;
      top = parent;
    }
    return `${top.name}/`;
  }

  private fileName(org: OrgRow, report: ReportRow): string {
    return annualReportFileName(org.name, report.year).replace(
      /\.docx$/,
      `${STATUS_SUFFIX[report.status] ?? ''}.docx`,
    );
  }

  private render(org: OrgRow, report: ReportRow): Promise<Buffer> {
    return renderOfficialDocument(
      annualReportDocument({
        organizationName: org.name,
        year: report.year,
        format: annualReportFormat(report.format_version),
        sections: { overview: report.overview, problems: report.problems, other: report.other },
        values: report.cells,
        date: report.submitted_at,
      }),
    );
  }
}
