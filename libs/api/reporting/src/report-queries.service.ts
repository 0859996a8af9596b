import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppError, Clock, OrgDirectory, TenantDatabase, type Scope } from '@sunshine/api/core';
import {
  availableActions,
  isVisibleAbove,
  previousQuarter,
  quarterOf,
  ReportingCalendar,
  receivesNotifications,
  reportingPeriodAt,
  type ActorRelation,
  type ProgressWorkflowState,
} from '@sunshine/shared/domain';
import type {
  AssignmentDto,
  AssignmentPageDto,
  EvidenceFileDto,
  ProgressReportDto,
  ProgressReportPageDto,
  ReportEventDto,
  WorklistDto,
} from './dtos/report.dto';
import {
  SubordinateDepth,
  type AssignmentsFilterInput,
  type ProgressReportsFilterInput,
} from './dtos/report.inputs';
import { EvidenceFilesRepository } from './evidence-files.repository';
import { ReportEventsRepository } from './report-events.repository';
import { ReportReadsRepository } from './report-reads.repository';
import { evidenceDto, eventDto, orgFromRow, reportFromRow, taskFromRow } from './report-views';

/** Read side of reporting: worklists, assignments with their quarter's report, report lists. */
@Injectable()
export class ReportQueriesService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly orgs: OrgDirectory,
    private readonly clock: Clock,
    private readonly reads: ReportReadsRepository,
    private readonly events: ReportEventsRepository,
    private readonly files: EvidenceFilesRepository,
  ) {}

  /** The caller's organisation to the report's: itself, its parent (the acceptor), above, or other. */
  async relation(scope: Scope, organizationId: string): Promise<ActorRelation> {
    if (organizationId === scope.organizationId) return 'SAME_ORG';
    if ((await this.orgs.parentOf(organizationId)) === scope.organizationId) return 'OVERSEER';
    return (await this.orgs.isStrictAncestor(scope.organizationId, organizationId))
      ? 'ANCESTOR'
      : 'OTHER';
  }

  async withActions(scope: Scope, reports: ProgressReportDto[]): Promise<ProgressReportDto[]> {
    for (const r of reports) {
      if (!r.id) continue;
      const state: ProgressWorkflowState = {
        status: r.status,
        submittedBy: r.submittedBy,
        approvedBy: null,
        acceptedBy: null,
        returned: r.returnedStage
          ? {
              stage: r.returnedStage as 'REVIEWER' | 'OVERSEER',
              userId: '',
              reason: r.returnedReason ?? '',
            }
          : null,
      };
      r.availableActions = availableActions(state, {
        userId: scope.userId,
        roles: scope.roles,
        relation: await this.relation(scope, r.organization.id),
      });
    }
    return reports;
  }

  /**
   * The organisations a list covers: the requested one (default: the caller's), with its
   * subtree when asked, within what the caller may see (the code-level tenancy check).
   */
  private async listedOrgs(
    scope: Scope,
    organizationId: string | undefined,
    includeDescendants: boolean,
  ): Promise<string[]> {
    const orgId = organizationId ?? scope.organizationId;
    await this.db.assertVisible(scope, orgId);
    const listed = includeDescendants ? [...(await this.orgs.subtree([orgId]))] : [orgId];
    const visible = await this.db.visibleOrgIds(scope);
    if (!visible) return listed;
    const allowed = new Set(visible);
    return listed.filter((id) => allowed.has(id));
  }

  async assignments(scope: Scope, f: AssignmentsFilterInput): Promise<AssignmentPageDto> {
    const orgIds = await this.listedOrgs(scope, f.organizationId, f.includeDescendants ?? false);
    const rows = await this.db.run(scope, (m) =>
      this.reads.assignmentsPage(m, {
        orgIds,
        year: f.year,
        quarter: f.quarter,
        ownOrgId: scope.organizationId,
        planId: f.planId ?? null,
        taskId: f.taskId ?? null,
        status: f.status ?? null,
        missingOnly: f.missingOnly ?? false,
        limit: f.limit ?? 100,
        offset: f.offset ?? 0,
      }),
    );
    const items: AssignmentDto[] = rows.map(({ row, report }) => ({
      id: row.a_id,
      organization: orgFromRow(row),
      task: taskFromRow(row),
      year: row.a_year,
      active: row.a_active,
      changeReason: row.a_change_reason,
      report: report ? reportFromRow(report) : null,
      completedEarlier: row.a_completed_earlier,
    }));
    await this.withActions(
      scope,
      items.flatMap((i) => (i.report ? [i.report] : [])),
    );
    return { items, total: rows[0]?.row.total ?? 0 };
  }

  async reports(scope: Scope, f: ProgressReportsFilterInput): Promise<ProgressReportPageDto> {
    const listed = await this.listedOrgs(
      scope,
      f.organizationId,
      f.includeDescendants ?? !f.organizationId,
    );
    const orgIds = await this.bySubordinateDepth(scope, listed, f.subordinates ?? null);
    const { rows, total } = await this.db.run(scope, (m) =>
      this.reads.reportsPage(m, {
        orgIds,
        ownOrgId: scope.organizationId,
        assignmentId: f.assignmentId ?? null,
        year: f.year ?? null,
        quarter: f.quarter ?? null,
        status: f.status ?? null,
        returnedOnly: f.returnedOnly ?? false,
        // The caller's own reports wait for its parent, whichever unit below is chosen.
        excludeOrgId: f.belowOnly ? scope.organizationId : null,
        limit: f.limit ?? 100,
        offset: f.offset ?? 0,
      }),
    );
    const items = await this.withActions(scope, rows.map(reportFromRow));
    return { items, total };
  }

  /**
   * Keeps the caller's direct subordinates (DIRECT: the reports it accepts) or those further
   * down (DEEPER: accepted by their own parents, read-only here); all when no depth is asked.
   */
  private async bySubordinateDepth(
    scope: Scope,
    orgIds: string[],
    depth: SubordinateDepth | null,
  ): Promise<string[]> {
    if (!depth) return orgIds;
    const direct = new Set(await this.orgs.childrenOf(scope.organizationId));
    return depth === SubordinateDepth.DIRECT
      ? orgIds.filter((id) => direct.has(id))
      : orgIds.filter((id) => id !== scope.organizationId && !direct.has(id));
  }

  report(scope: Scope, id: string): Promise<ProgressReportDto> {
    return this.db.run(scope, (m) => this.reportIn(m, scope, id));
  }

  /** One report, read in the caller's transaction (a mutation reads back what it wrote). */
  async reportIn(m: EntityManager, scope: Scope, id: string): Promise<ProgressReportDto> {
    const row = await this.reads.reportById(m, id);
    if (!row || !(await this.db.canSee(scope, row.o_id))) throw AppError.notFound();
    // A draft never submitted stays with its bureau (leaders and overseers see it from submission on).
    const visible =
      row.o_id === scope.organizationId ||
      isVisibleAbove({
        status: row.r_status,
        returned: row.r_returned_stage
          ? { stage: row.r_returned_stage, userId: '', reason: '' }
          : null,
      });
    if (!visible) throw AppError.notFound();
    const [dto] = await this.withActions(scope, [reportFromRow(row)]);
    if (!dto) throw new Error('withActions dropped the report');
    return dto;
  }

  /** How a report is named in a message: bureau, task number and title (or nothing when unseen). */
  async labelOf(m: EntityManager, id: string): Promise<string> {
    const row = await this.reads.reportById(m, id);
    return row ? `${row.o_name} ${row.t_number} ${row.t_title}` : '对象不存在或无权访问';
  }

  /** Histories of many reports at once (DataLoader). */
  async historyFor(scope: Scope, reportIds: readonly string[]): Promise<ReportEventDto[][]> {
    const rows = await this.db.run(scope, (m) => this.events.listFor(m, reportIds));
    return reportIds.map((id) => rows.filter((r) => r.report_id === id).map(eventDto));
  }

  /** Evidence file lists of many reports at once (DataLoader). */
  async evidenceFor(scope: Scope, reportIds: readonly string[]): Promise<EvidenceFileDto[][]> {
    const rows = await this.db.run(scope, (m) => this.files.listFor(m, reportIds));
    return reportIds.map((id) => rows.filter((r) => r.report_id === id).map(evidenceDto));
  }

  /**
   * Counts for the menu, for the quarter the caller's bureau is reporting on today: the calendar
   * of the plans it reports under decides when the previous quarter's window closes.
   */
  async worklist(scope: Scope): Promise<WorklistDto> {
    const now = this.clock.now();
    const current = quarterOf(now);
    const years = [...new Set([previousQuarter(current).year, current.year])];
    const children = await this.orgs.childrenOf(scope.organizationId);
    return this.db.run(scope, async (m) => {
      const windows = await this.reads.planWindows(m, scope.organizationId, years);
      const { quarter, dueDate } = reportingPeriodAt(now, (year) =>
        ReportingCalendar.forPlans(
          windows.filter((w) => w.year === year).map((w) => ({ dueDaysAfterQuarter: w.due_days })),
        ),
      );
      const c = await this.reads.worklistCounts(m, scope.organizationId, quarter, children);
      return {
        toFill: c.to_fill,
        toReview: c.to_review,
        toAccept: c.to_accept,
        returned: c.returned,
        // Notifications are the business roles' (a leader, assessor or auditor has none).
        unreadNotifications: receivesNotifications(scope.roles) ? c.unread : 0,
        year: quarter.year,
        quarter: quarter.quarter,
        dueDate,
      };
    });
  }
}
