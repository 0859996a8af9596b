import { Injectable } from '@nestjs/common';
import { AppError, Clock, TenantDatabase, type Scope } from '@sunshine/api/core';
import {
  annualReportDeadline,
  annualReportFormat,
  CURRENT_ANNUAL_FORMAT_VERSION,
  isAnnualReportLate,
  isAnnualReportSubmitted,
  sumAnnualValues,
} from '@sunshine/shared/domain';
import type { AnnualReportSummaryDto, AnnualReportSummaryRowDto } from './dtos/annual-report.dto';
import { AnnualReportsRepository, type OrgRow, type ReportRow } from './annual-reports.repository';
import { orgDto, tableCells } from './annual-reports.service';

/**
 * The year's reports over a subtree: completion per direct child (the child and everything below
 * it) and the cell-by-cell sum of the submitted reports (SUBMITTED, APPROVED or ACCEPTED; drafts
 * and returned reports are not summed) written in the year's current format.
 */
@Injectable()
export class AnnualReportSummaryService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly clock: Clock,
    private readonly repo: AnnualReportsRepository,
  ) {}

  summary(scope: Scope, year: number, organizationId?: string): Promise<AnnualReportSummaryDto> {
    return this.db.run(scope, async (m) => {
      const rootId = organizationId ?? scope.organizationId;
      await this.db.assertVisible(scope, rootId);
      const orgs = await this.repo.subtree(m, rootId);
      const root = orgs.find((o) => o.id === rootId);
      if (!root) throw AppError.notFound();
      const reports = await this.repo.ofYear(
        m,
        orgs.map((o) => o.id),
        year,
      );
      const byOrg = new Map(reports.map((r) => [r.organization_id, r]));
      const parent = new Map(orgs.map((o) => [o.id, o.parent_id]));
      const childOf = (id: string): string | null => {
        let cur: string | null = id;
        while (cur) {
          const up: string | null = parent.get(cur) ?? null;
          if (up === rootId) return cur;
          cur = up;
        }
        return null;
      };
      const now = this.clock.now();
      const children = orgs.filter((o) => o.parent_id === rootId);
      const members = new Map<string, OrgRow[]>(children.map((c) => [c.id, []]));
      for (const o of orgs) {
        const child = o.id === rootId ? null : childOf(o.id);
        if (child) members.get(child)?.push(o);
      }
      const row = (org: OrgRow, units: OrgRow[]): AnnualReportSummaryRowDto =>
        this.row(org, units, byOrg, year, now);
      const format = annualReportFormat(CURRENT_ANNUAL_FORMAT_VERSION);
      const summed = reports.filter(
        (r) => isAnnualReportSubmitted(r.status) && r.format_version === format.version,
      );
      const sums = sumAnnualValues(
        format,
        summed.map((r) => r.cells),
      );
      return {
        year,
        organization: orgDto(root),
        deadline: annualReportDeadline(year),
        rows: children.map((c) => row(c, members.get(c.id) ?? [])),
        total: row(root, orgs),
        summedReports: summed.length,
        table2: tableCells(format, 'table2', sums),
        table3: tableCells(format, 'table3', sums),
        table4: tableCells(format, 'table4', sums),
      };
    });
  }

  private row(
    org: OrgRow,
    units: readonly OrgRow[],
    byOrg: Map<string, ReportRow>,
    year: number,
    now: Date,
  ): AnnualReportSummaryRowDto {
    let submitted = 0;
    let accepted = 0;
    let late = 0;
    let failing = 0;
    let returned = 0;
    for (const u of units) {
      const r = byOrg.get(u.id);
      if (r && isAnnualReportSubmitted(r.status)) submitted++;
      if (r?.status === 'ACCEPTED') accepted++;
      if (r?.status === 'RETURNED') returned++;
      if (r && r.failing_rules.length > 0) failing++;
      if (isAnnualReportLate(year, r?.first_submitted_at ?? null, now)) late++;
    }
    return {
      organization: orgDto(org),
      expected: units.length,
      submitted,
      accepted,
      late,
      failingChecks: failing,
      returned,
    };
  }
}
