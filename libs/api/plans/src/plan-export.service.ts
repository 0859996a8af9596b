import { Injectable } from '@nestjs/common';
import { TenantDatabase, type Scope } from '@sunshine/api/core';
import { buildPlanExport, type PlanExportInput } from '@sunshine/api/plan-excel';
import { CompletionState, ReportStatus } from '@sunshine/shared/domain';
import { AssignmentsRepository } from './assignments.repository';
import { PlansService } from './plans.service';

/** A plan with its visible assignments and each one's latest report, as an Excel workbook. */
@Injectable()
export class PlanExportService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly plans: PlansService,
    private readonly assignments: AssignmentsRepository,
  ) {}

  async export(scope: Scope, planId: string): Promise<{ buffer: Buffer; fileName: string }> {
    const plan = await this.plans.get(scope, planId);
    const content = (await this.plans.contentOf(scope, [planId])).get(planId) ?? [];
    const rows = await this.db.run(scope, (m) => this.assignments.exportRows(m, planId));
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
