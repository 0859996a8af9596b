import { Injectable } from '@nestjs/common';
import { AppError, AuditTrail, Clock, TenantDatabase, type Scope } from '@sunshine/api/core';
import {
  compareQuarters,
  formatQuarterZh,
  makeQuarter,
  quarterOf,
  ReportingCalendar,
  ReportStatus,
  Role,
} from '@sunshine/shared/domain';
import type { ProgressReportDto } from './dtos/report.dto';
import type { CopyPreviousReportInput } from './dtos/report.inputs';
import { EvidenceFilesRepository } from './evidence-files.repository';
import { ProgressReportsRepository, type ReportContentRow } from './progress-reports.repository';
import { ReportQueriesService } from './report-queries.service';
import { ReportingException } from './reporting.exception';
import { ReportingService } from './reporting.service';

/** 沿用上季度 (issue 8): this quarter's draft started from the latest earlier report. */
@Injectable()
export class ReportCopyService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly queries: ReportQueriesService,
    private readonly reporting: ReportingService,
    private readonly reports: ProgressReportsRepository,
    private readonly evidence: EvidenceFilesRepository,
  ) {}

  /**
   * 沿用上季度: the latest earlier report of the same assignment (same year) becomes this
   * quarter's new draft, content, links and files, for a task done and accepted earlier that
   * goes on (已完成-持续). The editor then reviews and submits it as usual.
   */
  async copyPrevious(scope: Scope, input: CopyPreviousReportInput): Promise<ProgressReportDto> {
    if (!scope.roles.includes(Role.EDITOR)) throw ReportingException.notEditor();
    const quarter = makeQuarter(input.year, input.quarter);
    if (compareQuarters(quarter, quarterOf(this.clock.now())) > 0)
      throw ReportingException.quarterNotOpen(formatQuarterZh(quarter));
    return this.db.run(scope, async (m) => {
      const a = await this.reports.activeAssignment(m, input.assignmentId);
      if (!a) throw AppError.notFound();
      this.db.assertOwnOrg(scope, a.organization_id, '只有本单位填报员可以填写季度进展');
      if (a.plan_status !== 'PUBLISHED') throw ReportingException.planNotOpen();
      if (a.year !== input.year)
        throw AppError.badInput('WRONG_YEAR', `该任务属于${a.year}年度计划`);
      // The latest earlier quarter of the year with a report (usually the previous one).
      const source = await this.reports.latestBefore(m, a.id, input.year, input.quarter);
      if (!source) throw ReportingException.noPreviousReport();
      const previous = makeQuarter(source.year, source.quarter);
      if (await this.reports.lockForPeriod(m, a.id, input.year, input.quarter))
        throw ReportingException.versionConflict({ version: 1 });
      const content: ReportContentRow = {
        completionState: source.completionState,
        percent: source.percent,
        actualValue: source.actualValue,
        narrative: source.narrative,
        problems: source.problems,
        nextSteps: source.nextSteps,
        evidenceUrls: source.evidenceUrls,
      };
      const id = await this.reports.create(
        m,
        a,
        {
          ...quarter,
          dueDate: ReportingCalendar.forPlan({ dueDaysAfterQuarter: a.due_days }).dueDate(quarter),
        },
        content,
      );
      if (!id) throw ReportingException.versionConflict({ version: 1 });
      const files = await this.evidence.copyAll(m, source.id, id, scope.userId);
      const note = `沿用${formatQuarterZh(previous)}进展`;
      await this.reporting.event(
        m,
        scope,
        id,
        a.organization_id,
        'CREATE',
        null,
        ReportStatus.DRAFT,
        note,
      );
      await this.audit.record(m, scope, {
        action: 'REPORT_CREATE',
        targetType: 'ProgressReport',
        targetId: id,
        organizationId: a.organization_id,
        changes: {
          after: { ...this.reporting.auditFields(content), evidence_urls: content.evidenceUrls },
          copiedFrom: source.id,
          evidenceFiles: files,
        },
      });
      return this.queries.reportIn(m, scope, id);
    });
  }
}
