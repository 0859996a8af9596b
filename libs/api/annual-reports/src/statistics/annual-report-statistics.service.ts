import { Injectable } from '@nestjs/common';
import { AppError, TenantDatabase, type Scope } from '@sunshine/api/core';
import {
  annualReportFormat,
  CURRENT_ANNUAL_FORMAT_VERSION,
  isAnnualReportSubmitted,
  sumAnnualValues,
  type AnnualReportFormat,
} from '@sunshine/shared/domain';
import { AnnualReportsRepository, type OrgRow, type ReportRow } from '../annual-reports.repository';
import { orgDto } from '../annual-reports.service';
import type {
  AnnualReportStatisticsDto,
  AnnualReportSumsDto,
} from './annual-report-statistics.dto';

/** Cells of every table in the printed order, summed (blank as 0). */
function cellsOf(format: AnnualReportFormat, reports: readonly ReportRow[]) {
  const sums = sumAnnualValues(
    format,
    reports.map((r) => r.cells),
  );
  return format.cells.map((c) => ({ key: c.key, value: sums[c.key] ?? 0 }));
}

/**
 * The province's (or a city's) view of the year: for each direct child, the sum of its subtree's
 * submitted reports this year and last year; and the reports to look at (failing identities,
 * returned). Reads the same rows as `annualReportSummary`, for two years.
 */
@Injectable()
export class AnnualReportStatisticsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly repo: AnnualReportsRepository,
  ) {}

  statistics(
    scope: Scope,
    year: number,
    organizationId?: string,
  ): Promise<AnnualReportStatisticsDto> {
    return this.db.run(scope, async (m) => {
      const rootId = organizationId ?? scope.organizationId;
      await this.db.assertVisible(scope, rootId);
      const orgs = await this.repo.subtree(m, rootId);
      const root = orgs.find((o) => o.id === rootId);
      if (!root) throw AppError.notFound();
      const ids = orgs.map((o) => o.id);
      const [now, before] = await Promise.all([
        this.repo.ofYear(m, ids, year),
        this.repo.ofYear(m, ids, year - 1),
      ]);
      const format = annualReportFormat(CURRENT_ANNUAL_FORMAT_VERSION);
      const summed = (rs: readonly ReportRow[]) =>
        rs.filter((r) => isAnnualReportSubmitted(r.status) && r.format_version === format.version);
      const byId = new Map(orgs.map((o) => [o.id, o]));
      /** The direct child of the root whose subtree holds the organisation (null: the root). */
      const childOf = (id: string): OrgRow | null => {
        let cur = byId.get(id);
        while (cur && cur.parent_id !== rootId)
          cur = cur.parent_id ? byId.get(cur.parent_id) : undefined;
        return cur ?? null;
      };
      const sums = (org: OrgRow, keep: (r: ReportRow) => boolean): AnnualReportSumsDto => {
        const a = summed(now).filter(keep);
        const b = summed(before).filter(keep);
        return {
          organization: orgDto(org),
          reports: a.length,
          cells: cellsOf(format, a),
          previousReports: b.length,
          previousCells: cellsOf(format, b),
        };
      };
      const children = orgs.filter((o) => o.parent_id === rootId);
      const attention = now
        .filter((r) => r.failing_rules.length > 0 || r.status === 'RETURNED')
        .map((r) => ({ r, org: byId.get(r.organization_id) }))
        .filter((x): x is { r: ReportRow; org: OrgRow } => x.org !== undefined)
        .sort((a, b) => a.org.code.localeCompare(b.org.code))
        .map(({ r, org }) => ({
          organization: orgDto(org),
          cityName: org.id === rootId ? null : (childOf(org.id)?.name ?? null),
          status: r.status,
          failingRules: r.failing_rules,
          returnReason: r.status === 'RETURNED' ? r.return_reason : null,
        }));
      return {
        year,
        total: sums(root, () => true),
        rows: children.map((c) => sums(c, (r) => childOf(r.organization_id)?.id === c.id)),
        attention,
      };
    });
  }
}
