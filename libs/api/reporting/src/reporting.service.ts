import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  AppError,
  AuditTrail,
  Clock,
  NotificationSink,
  TenantDatabase,
  type Scope,
} from '@sunshine/api/core';
import {
  checkCompletion,
  CompletionState,
  compareQuarters,
  composeTitle,
  defaultDueDate,
  formatQuarterZh,
  isLate,
  makeQuarter,
  ProgressAction,
  quarterOf,
  ReportStatus,
  Role,
  transition,
  type ProgressWorkflowState,
} from '@sunshine/shared/domain';
import type { ReportActionInput, SaveProgressReportInput } from './dtos/report.inputs';
import { ProgressReportEntity } from './entities/progress-report.entity';
import { ReportQueriesService } from './report-queries.service';
import { ReportingException } from './reporting.exception';

interface AssignmentInfo {
  id: string;
  organization_id: string;
  plan_id: string;
  task_id: string;
  year: number;
  plan_status: string;
  due_days: number;
  task_number: string;
  task_title: string;
}

function workflowState(r: ProgressReportEntity): ProgressWorkflowState {
  return {
    status: r.status,
    submittedBy: r.submittedBy,
    approvedBy: r.approvedBy,
    acceptedBy: r.acceptedBy,
    returned: r.returnedStage
      ? { stage: r.returnedStage, userId: r.returnedBy ?? '', reason: r.returnedReason ?? '' }
      : null,
  };
}

function snapshot(r: ProgressReportEntity): Record<string, unknown> {
  return {
    status: r.status,
    completionState: r.completionState,
    percent: r.percent,
    actualValue: r.actualValue,
    narrative: r.narrative.slice(0, 500),
    version: r.version,
  };
}

/** Write side of quarterly reporting: drafts and the approval workflow. */
@Injectable()
export class ReportingService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditTrail,
    private readonly notifier: NotificationSink,
    private readonly clock: Clock,
    private readonly queries: ReportQueriesService,
  ) {}

  /** Creates or updates the draft for an assignment and quarter. Carries `version` to detect concurrent edits. */
  async save(scope: Scope, input: SaveProgressReportInput): Promise<string> {
    if (!scope.roles.includes(Role.EDITOR)) throw ReportingException.notEditor();
    const problem = checkCompletion(input.completionState, input.percent);
    if (problem) throw ReportingException.completionMismatch(problem);
    const quarter = makeQuarter(input.year, input.quarter);
    if (compareQuarters(quarter, quarterOf(this.clock.now())) > 0)
      throw ReportingException.quarterNotOpen(formatQuarterZh(quarter));
    return this.db.run(scope, async (m) => {
      const a = await this.assignment(m, input.assignmentId);
      this.db.assertOwnOrg(scope, a.organization_id, '只有本单位填报员可以填写季度进展');
      if (a.plan_status !== 'PUBLISHED') throw ReportingException.planNotOpen();
      if (a.year !== input.year)
        throw AppError.badInput('WRONG_YEAR', `该任务属于${a.year}年度计划`);
      const fields = {
        completion_state: input.completionState,
        percent: input.percent,
        actual_value: input.actualValue ?? null,
        narrative: input.narrative?.trim() ?? '',
        problems: input.problems?.trim() ?? '',
        next_steps: input.nextSteps?.trim() ?? '',
        evidence_urls: JSON.stringify(input.evidenceUrls ?? []),
      };
      const existing = await m.getRepository(ProgressReportEntity).findOne({
        where: { assignmentId: a.id, year: input.year, quarter: input.quarter },
        lock: { mode: 'pessimistic_write' },
      });
      if (!existing) {
        if (input.version !== undefined && input.version !== null && input.version !== 0) {
          throw ReportingException.versionConflict({ version: null });
        }
        const [row] = (await m.query(
          `INSERT INTO progress_reports(assignment_id, organization_id, plan_id, task_id, year, quarter, due_date,
             completion_state, percent, actual_value, narrative, problems, next_steps, evidence_urls)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb)
           ON CONFLICT (assignment_id, year, quarter) DO NOTHING RETURNING id`,
          [
            a.id,
            a.organization_id,
            a.plan_id,
            a.task_id,
            input.year,
            input.quarter,
            defaultDueDate(quarter, a.due_days),
            fields.completion_state,
            fields.percent,
            fields.actual_value,
            fields.narrative,
            fields.problems,
            fields.next_steps,
            fields.evidence_urls,
          ],
        )) as Array<{ id: string }>;
        if (!row) throw ReportingException.versionConflict({ version: 1 }); // another editor created it first
        await this.event(
          m,
          scope,
          row.id,
          a.organization_id,
          'CREATE',
          null,
          ReportStatus.DRAFT,
          null,
        );
        await this.audit.record(m, scope, {
          action: 'REPORT_CREATE',
          targetType: 'ProgressReport',
          targetId: row.id,
          organizationId: a.organization_id,
          changes: { after: { ...fields, evidence_urls: input.evidenceUrls ?? [] } },
        });
        return row.id;
      }
      if (existing.status !== ReportStatus.DRAFT) throw ReportingException.notEditable();
      if (input.version !== existing.version)
        throw ReportingException.versionConflict(snapshot(existing));
      await m.query(
        `UPDATE progress_reports SET completion_state = $2, percent = $3, actual_value = $4, narrative = $5, problems = $6,
           next_steps = $7, evidence_urls = $8::jsonb, version = version + 1, updated_at = now() WHERE id = $1`,
        [
          existing.id,
          fields.completion_state,
          fields.percent,
          fields.actual_value,
          fields.narrative,
          fields.problems,
          fields.next_steps,
          fields.evidence_urls,
        ],
      );
      await this.audit.record(m, scope, {
        action: 'REPORT_SAVE',
        targetType: 'ProgressReport',
        targetId: existing.id,
        organizationId: existing.organizationId,
        changes: {
          before: snapshot(existing),
          after: { ...fields, evidence_urls: input.evidenceUrls ?? [] },
        },
      });
      return existing.id;
    });
  }

  submit(scope: Scope, input: ReportActionInput): Promise<string> {
    return this.act(scope, input, ProgressAction.SUBMIT);
  }

  approve(scope: Scope, input: ReportActionInput): Promise<string> {
    return this.act(scope, input, ProgressAction.APPROVE);
  }

  accept(scope: Scope, input: ReportActionInput): Promise<string> {
    return this.act(scope, input, ProgressAction.ACCEPT);
  }

  /** Sends a report back to draft: the bureau's reviewer before approval, the overseer after it. */
  async sendBack(
    scope: Scope,
    input: { id: string; version: number; reason: string },
  ): Promise<string> {
    const relation = await this.db.run(scope, async (m) => {
      const r = await m.getRepository(ProgressReportEntity).findOne({ where: { id: input.id } });
      if (!r) throw AppError.notFound();
      return { status: r.status };
    });
    const action =
      relation.status === ReportStatus.SUBMITTED
        ? ProgressAction.REJECT_BY_REVIEWER
        : ProgressAction.RETURN;
    return this.act(scope, { id: input.id, version: input.version, comment: input.reason }, action);
  }

  private async act(
    scope: Scope,
    input: ReportActionInput,
    action: ProgressAction,
  ): Promise<string> {
    return this.db.run(scope, async (m) => {
      const report = await m
        .getRepository(ProgressReportEntity)
        .findOne({ where: { id: input.id }, lock: { mode: 'pessimistic_write' } });
      if (!report || !(await this.db.canSee(scope, report.organizationId)))
        throw AppError.notFound();
      if (report.version !== input.version)
        throw ReportingException.versionConflict(snapshot(report));
      const relation = await this.queries.relation(scope, report.organizationId);
      const result = transition(
        workflowState(report),
        action,
        { userId: scope.userId, roles: scope.roles, relation },
        { comment: input.comment },
      );
      if (!result.ok) throw ReportingException.transition(result.code, result.message);
      const now = this.clock.now();
      const next = result.next;
      const late =
        action === ProgressAction.SUBMIT ? report.late || isLate(now, report.dueDate) : report.late;
      const returned = next.returned;
      const res = (await m.query(
        `UPDATE progress_reports SET status = $2, late = $3,
           submitted_by = $4, submitted_at = CASE WHEN $9 = 'SUBMIT' THEN $8::timestamptz WHEN $4::uuid IS NULL THEN NULL ELSE submitted_at END,
           approved_by = $5, approved_at = CASE WHEN $9 = 'APPROVE' THEN $8::timestamptz WHEN $5::uuid IS NULL THEN NULL ELSE approved_at END,
           accepted_by = $6, accepted_at = CASE WHEN $9 = 'ACCEPT' THEN $8::timestamptz WHEN $6::uuid IS NULL THEN NULL ELSE accepted_at END,
           returned_stage = $7, returned_reason = $10, returned_by = $11,
           returned_at = CASE WHEN $7::varchar IS NOT NULL AND $9 IN ('RETURN', 'REJECT_BY_REVIEWER') THEN $8::timestamptz WHEN $7::varchar IS NULL THEN NULL ELSE returned_at END,
           version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $12`,
        [
          report.id,
          next.status,
          late,
          next.submittedBy,
          next.approvedBy,
          next.acceptedBy,
          returned?.stage ?? null,
          now,
          action,
          returned?.reason ?? null,
          returned?.userId ?? null,
          report.version,
        ],
      )) as [unknown[], number];
      if (res[1] === 0) throw AppError.notFound();
      if (
        action === ProgressAction.ACCEPT &&
        report.completionState === CompletionState.COMPLETED
      ) {
        await m.query(
          `UPDATE assignments SET completed_key = LEAST(coalesce(completed_key, 2147483647), $2) WHERE id = $1`,
          [report.assignmentId, report.year * 10 + report.quarter],
        );
      }
      await this.event(
        m,
        scope,
        report.id,
        report.organizationId,
        action,
        report.status,
        next.status,
        result.event.comment,
      );
      await this.audit.record(m, scope, {
        action: `REPORT_${action}`,
        targetType: 'ProgressReport',
        targetId: report.id,
        organizationId: report.organizationId,
        changes: {
          before: { status: report.status },
          after: { status: next.status, late },
          comment: result.event.comment,
        },
      });
      if (returned) {
        const [task] = (await m.query('SELECT number, title FROM plan_tasks WHERE id = $1', [
          report.taskId,
        ])) as Array<{ number: string; title: string }>;
        await this.notifier.notify(m, [
          {
            organizationId: report.organizationId,
            kind: 'RETURNED',
            title: composeTitle(
              '季度进展被退回：',
              `${task.number} ${task.title}`,
              `（${formatQuarterZh(makeQuarter(report.year, report.quarter))}）`,
            ),
            body: returned.reason,
            link: `/reporting/reports/${report.id}`,
          },
        ]);
      }
      return report.id;
    });
  }

  private async assignment(m: EntityManager, id: string): Promise<AssignmentInfo> {
    const [a] = (await m.query(
      `SELECT a.id, a.organization_id, a.plan_id, a.task_id, a.year, p.status AS plan_status, p.due_days_after_quarter AS due_days,
              t.number AS task_number, t.title AS task_title
       FROM assignments a JOIN plans p ON p.id = a.plan_id JOIN plan_tasks t ON t.id = a.task_id
       WHERE a.id = $1 AND a.active`,
      [id],
    )) as AssignmentInfo[];
    if (!a) throw AppError.notFound();
    return a;
  }

  private async event(
    m: EntityManager,
    scope: Scope,
    reportId: string,
    orgId: string,
    action: string,
    from: string | null,
    to: string,
    comment: string | null,
  ): Promise<void> {
    await m.query(
      `INSERT INTO report_events(report_id, organization_id, action, from_status, to_status, user_id, username, actor_organization_id, comment)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        reportId,
        orgId,
        action,
        from,
        to,
        scope.userId,
        scope.username,
        scope.organizationId,
        comment,
      ],
    );
  }
}
