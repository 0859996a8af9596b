import { Injectable } from '@nestjs/common';
import { AppError, Clock, OrgDirectory, TenantDatabase, type Scope } from '@sunshine/api/core';
import {
  availableActions,
  type ActorRelation,
  type ProgressWorkflowState,
} from '@sunshine/shared/domain';
import type {
  AssignmentDto,
  AssignmentPageDto,
  ProgressReportDto,
  ProgressReportPageDto,
  WorklistDto,
} from './dtos/report.dto';
import type { AssignmentsFilterInput, ProgressReportsFilterInput } from './dtos/report.inputs';
import {
  ORG_TASK_COLUMNS,
  orgFromRow,
  REPORT_COLUMNS,
  reportFromRow,
  taskFromRow,
  type OrgTaskRow,
  type ReportRow,
} from './report-views';
import { reportingQuarter } from './reporting-period';

/** A tiny SQL builder for parameterised WHERE clauses. */
class Where {
  readonly params: unknown[] = [];
  private readonly parts: string[] = [];
  add(sql: string, ...values: unknown[]): this {
    let text = sql;
    for (const v of values) {
      this.params.push(v);
      text = text.replace('?', `$${this.params.length}`);
    }
    this.parts.push(text);
    return this;
  }
  next(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }
  toString(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}

/** Read side of reporting: worklists, assignments with their quarter's report, report lists. */
@Injectable()
export class ReportQueriesService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly orgs: OrgDirectory,
    private readonly clock: Clock,
  ) {}

  async relation(scope: Scope, organizationId: string): Promise<ActorRelation> {
    if (organizationId === scope.organizationId) return 'SAME_ORG';
    return (await this.orgs.isStrictAncestor(scope.organizationId, organizationId))
      ? 'OVERSEER'
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

  private async orgScope(
    scope: Scope,
    w: Where,
    column: string,
    organizationId: string | undefined,
    includeDescendants: boolean,
  ): Promise<void> {
    const orgId = organizationId ?? scope.organizationId;
    await this.db.assertVisible(scope, orgId);
    if (includeDescendants)
      w.add(`${column} IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = ?)`, orgId);
    else w.add(`${column} = ?`, orgId);
    const visible = await this.db.visibleOrgIds(scope);
    if (visible) w.add(`${column} = ANY(?)`, visible);
  }

  async assignments(scope: Scope, f: AssignmentsFilterInput): Promise<AssignmentPageDto> {
    const w = new Where();
    await this.orgScope(
      scope,
      w,
      'a.organization_id',
      f.organizationId,
      f.includeDescendants ?? false,
    );
    w.add('a.year = ?', f.year).add('a.active');
    if (f.planId) w.add('a.plan_id = ?', f.planId);
    if (f.taskId) w.add('a.task_id = ?', f.taskId);
    if (f.missingOnly) w.add("(r.id IS NULL OR r.status = 'DRAFT')");
    if (f.status === 'RETURNED') w.add("r.status = 'DRAFT' AND r.returned_stage IS NOT NULL");
    else if (f.status === 'DRAFT')
      w.add("(r.id IS NULL OR (r.status = 'DRAFT' AND r.returned_stage IS NULL))");
    else if (f.status) w.add('r.status = ?', f.status);
    const q = w.next(f.quarter);
    const limit = w.next(f.limit ?? 100);
    const offset = w.next(f.offset ?? 0);
    const rows = (await this.db.run(scope, (m) =>
      m.query(
        `SELECT a.id AS a_id, a.year AS a_year, a.active AS a_active, a.change_reason AS a_change_reason,
                ${ORG_TASK_COLUMNS}, ${REPORT_COLUMNS}, count(*) OVER () AS total
         FROM assignments a
         JOIN organizations o ON o.id = a.organization_id
         JOIN plan_tasks t ON t.id = a.task_id
         JOIN plan_categories c ON c.id = t.category_id
         LEFT JOIN progress_reports r ON r.assignment_id = a.id AND r.year = a.year AND r.quarter = ${q}
         ${w}
         ORDER BY o.code, t.sort_order, t.number
         LIMIT ${limit} OFFSET ${offset}`,
        w.params,
      ),
    )) as Array<
      OrgTaskRow &
        ReportRow & {
          a_id: string;
          a_year: number;
          a_active: boolean;
          a_change_reason: string | null;
          total: string;
        }
    >;
    const items: AssignmentDto[] = rows.map((row) => ({
      id: row.a_id,
      organization: orgFromRow(row),
      task: taskFromRow(row),
      year: row.a_year,
      active: row.a_active,
      changeReason: row.a_change_reason,
      report: row.r_id ? reportFromRow(row) : null,
    }));
    await this.withActions(
      scope,
      items.flatMap((i) => (i.report ? [i.report] : [])),
    );
    return { items, total: rows.length ? Number(rows[0].total) : 0 };
  }

  async reports(scope: Scope, f: ProgressReportsFilterInput): Promise<ProgressReportPageDto> {
    const w = new Where();
    await this.orgScope(
      scope,
      w,
      'r.organization_id',
      f.organizationId,
      f.includeDescendants ?? !f.organizationId,
    );
    if (f.assignmentId) w.add('r.assignment_id = ?', f.assignmentId);
    if (f.year) w.add('r.year = ?', f.year);
    if (f.quarter) w.add('r.quarter = ?', f.quarter);
    if (f.status) w.add('r.status = ?', f.status);
    if (f.returnedOnly) w.add("r.status = 'DRAFT' AND r.returned_stage IS NOT NULL");
    if (f.belowOnly) w.add('r.organization_id <> ?', f.organizationId ?? scope.organizationId);
    const limit = w.next(f.limit ?? 100);
    const offset = w.next(f.offset ?? 0);
    const rows = (await this.db.run(scope, (m) =>
      m.query(
        `SELECT ${ORG_TASK_COLUMNS}, ${REPORT_COLUMNS}, count(*) OVER () AS total
         FROM progress_reports r
         JOIN organizations o ON o.id = r.organization_id
         JOIN plan_tasks t ON t.id = r.task_id
         JOIN plan_categories c ON c.id = t.category_id
         ${w}
         ORDER BY r.year DESC, r.quarter DESC, o.code, t.sort_order
         LIMIT ${limit} OFFSET ${offset}`,
        w.params,
      ),
    )) as Array<OrgTaskRow & ReportRow & { total: string }>;
    const items = await this.withActions(
      scope,
      rows.map((r) => reportFromRow(r)),
    );
    return { items, total: rows.length ? Number(rows[0].total) : 0 };
  }

  async report(scope: Scope, id: string): Promise<ProgressReportDto> {
    const rows = (await this.db.run(scope, (m) =>
      m.query(
        `SELECT ${ORG_TASK_COLUMNS}, ${REPORT_COLUMNS}
         FROM progress_reports r
         JOIN organizations o ON o.id = r.organization_id
         JOIN plan_tasks t ON t.id = r.task_id
         JOIN plan_categories c ON c.id = t.category_id
         WHERE r.id = $1`,
        [id],
      ),
    )) as Array<OrgTaskRow & ReportRow>;
    if (!rows[0] || !(await this.db.canSee(scope, rows[0].o_id))) throw AppError.notFound();
    const [dto] = await this.withActions(scope, [reportFromRow(rows[0])]);
    return dto;
  }

  /** Counts for the menu, for the reporting quarter of today. */
  async worklist(scope: Scope): Promise<WorklistDto> {
    const { quarter, dueDate } = reportingQuarter(this.clock.now(), 10);
    const counts = (await this.db.run(scope, (m) =>
      m.query(
        `SELECT
           (SELECT count(*) FROM assignments a
              LEFT JOIN progress_reports r ON r.assignment_id = a.id AND r.year = $2 AND r.quarter = $3
              WHERE a.organization_id = $1 AND a.year = $2 AND a.active AND (r.id IS NULL OR r.status = 'DRAFT'))::int AS to_fill,
           (SELECT count(*) FROM progress_reports WHERE organization_id = $1 AND status = 'SUBMITTED')::int AS to_review,
           (SELECT count(*) FROM progress_reports r
              JOIN org_closure c ON c.descendant_id = r.organization_id AND c.ancestor_id = $1 AND c.depth > 0
              WHERE r.status = 'APPROVED')::int AS to_accept,
           (SELECT count(*) FROM progress_reports WHERE organization_id = $1 AND status = 'DRAFT' AND returned_stage IS NOT NULL)::int AS returned,
           (SELECT count(*) FROM notifications WHERE organization_id = $1 AND read_at IS NULL)::int AS unread`,
        [scope.organizationId, quarter.year, quarter.quarter],
      ),
    )) as Array<{
      to_fill: number;
      to_review: number;
      to_accept: number;
      returned: number;
      unread: number;
    }>;
    const c = counts[0];
    return {
      toFill: c.to_fill,
      toReview: c.to_review,
      toAccept: c.to_accept,
      returned: c.returned,
      unreadNotifications: c.unread,
      year: quarter.year,
      quarter: quarter.quarter,
      dueDate,
    };
  }
}
