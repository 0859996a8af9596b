import { Injectable } from '@nestjs/common';
import { TenantDatabase, type Scope } from '@sunshine/api/core';
import { buildPlanExport, type PlanExportInput } from '@sunshine/api/plan-excel';
import {
  CompletionState,
  OrgLevel,
  ReportStatus,
  type QuarterNumber,
} from '@sunshine/shared/domain';
import { PlansService } from './plans.service';

interface AssignmentRow {
  task_number: string;
  code: string;
  name: string;
  level: OrgLevel;
  year: number | null;
  quarter: QuarterNumber | null;
  completion_state: CompletionState | null;
  percent: number | null;
  status: ReportStatus | null;
  late: boolean | null;
}

/** A plan with its visible assignments and each one's latest report, as an Excel workbook. */
@Injectable()
export class PlanExportService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly plans: PlansService,
  ) {}

  async export(scope: Scope, planId: string): Promise<{ buffer: Buffer; fileName: string }> {
    const plan = await this.plans.get(scope, planId);
    const content = (await this.plans.contentOf(scope, [planId])).get(planId) ?? [];
    const rows = (await this.db.run(scope, (m) =>
      m.query(
        `SELECT t.number AS task_number, o.code, o.name, o.level, r.year, r.quarter, r.completion_state, r.percent, r.status, r.late
         FROM assignments a
         JOIN plan_tasks t ON t.id = a.task_id
         JOIN organizations o ON o.id = a.organization_id
         LEFT JOIN LATERAL (
           SELECT year, quarter, completion_state, percent, status, late FROM report_quarters
           WHERE assignment_id = a.id ORDER BY year DESC, quarter DESC LIMIT 1
         ) r ON true
         WHERE a.plan_id = $1 AND a.active
         ORDER BY t.sort_order, o.code`,
        [planId],
      ),
    )) as AssignmentRow[];
    const input: PlanExportInput = {
      plan: { year: plan.year, title: plan.title, status: plan.status },
      categories: content.map(({ category, tasks }) => ({
        name: category.name,
        order: category.sortOrder,
        tasks: tasks.map((t) => ({
          deadline: t.deadline,
          number: t.number,
          title: t.title,
          description: t.description,
          leadDepartments: t.leadDepartments,
          cooperatingDepartments: t.cooperatingDepartments,
          deadlineText: t.deadlineText,
          levels: t.levels,
          weight: t.weight,
          evidence: t.evidence,
          target:
            t.targetValue === null
              ? null
              : { value: t.targetValue, unit: t.targetUnit ?? '', comparator: 'GTE' },
        })),
      })),
      assignments: rows.map((r) => ({
        taskNumber: r.task_number,
        organization: { code: r.code, name: r.name, level: r.level },
        latest:
          r.year === null || r.quarter === null
            ? null
            : {
                quarter: { year: r.year, quarter: r.quarter },
                completionState: r.completion_state ?? CompletionState.NOT_STARTED,
                percent: r.percent ?? 0,
                reportStatus: r.status ?? ReportStatus.DRAFT,
                late: r.late ?? false,
              },
      })),
    };
    return { buffer: await buildPlanExport(input), fileName: `${plan.title}-任务分解及进展.xlsx` };
  }
}
