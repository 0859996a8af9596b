import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  AppError,
  AuditTrail,
  Clock,
  NotificationSink,
  TenantDatabase,
  UserAccounts,
  type Scope,
} from '@sunshine/api/core';
import {
  BATCH_DECISION_MAX,
  checkSavable,
  checkSubmittable,
  CompletionState,
  compareQuarters,
  composeTitle,
  formatQuarterZh,
  makeQuarter,
  ProgressAction,
  quarterKey,
  quarterOf,
  ReportingCalendar,
  ReportStatus,
  Role,
  transition,
  type ProgressWorkflowState,
} from '@sunshine/shared/domain';
import type { ProgressReportDto } from './dtos/report.dto';
import {
  BatchDecision,
  type DecideProgressReportsInput,
  type ReportActionInput,
  type SaveProgressReportInput,
} from './dtos/report.inputs';
import type { ProgressReportEntity } from './entities/progress-report.entity';
import {
  ProgressReportsRepository,
  type AssignmentInfo,
  type ReportContentRow,
} from './progress-reports.repository';
import { ReportEventsRepository } from './report-events.repository';
import { ReportQueriesService } from './report-queries.service';
import { ReportingException } from './reporting.exception';
import { isActionReplay, isSaveReplay } from './replay';

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

/** The reporting calendar of an assignment's plan. */
function calendarOf(a: AssignmentInfo): ReportingCalendar {
  return ReportingCalendar.forPlan({ dueDaysAfterQuarter: a.due_days });
}

/**
 * Write side of quarterly reporting: drafts and the approval workflow. Each operation writes and
 * reads its result back in one tenant transaction.
 */
@Injectable()
export class ReportingService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditTrail,
    private readonly notifier: NotificationSink,
    private readonly clock: Clock,
    private readonly queries: ReportQueriesService,
    private readonly reports: ProgressReportsRepository,
    private readonly events: ReportEventsRepository,
    private readonly accounts: UserAccounts,
  ) {}

  /** Creates or updates the draft for an assignment and quarter. Carries `version` to detect concurrent edits. */
  async save(scope: Scope, input: SaveProgressReportInput): Promise<ProgressReportDto> {
    if (!scope.roles.includes(Role.EDITOR)) throw ReportingException.notEditor();
    const [problem] = checkSavable(input);
    if (problem) throw ReportingException.completionMismatch(problem.message);
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
      const content: ReportContentRow = {
        completionState: input.completionState,
        percent: input.percent,
        actualValue: input.actualValue ?? null,
        narrative: input.narrative?.trim() ?? '',
        problems: input.problems?.trim() ?? '',
        nextSteps: input.nextSteps?.trim() ?? '',
        evidenceUrls: input.evidenceUrls ?? [],
      };
      const after = { ...this.auditFields(content), evidence_urls: content.evidenceUrls };
      const existing = await this.reports.lockForPeriod(m, a.id, input.year, input.quarter);
      // A retry of a save that already took effect answers the saved draft, not a conflict.
      if (existing && isSaveReplay(existing, input.version, content)) {
        return this.queries.reportIn(m, scope, existing.id);
      }
      if (!existing) {
        if (input.version !== undefined && input.version !== null && input.version !== 0) {
          throw ReportingException.versionConflict({ version: null });
        }
        const id = await this.reports.create(
          m,
          a,
          { ...quarter, dueDate: calendarOf(a).dueDate(quarter) },
          content,
        );
        if (!id) throw ReportingException.versionConflict({ version: 1 }); // another editor created it first
        await this.event(m, scope, id, a.organization_id, 'CREATE', null, ReportStatus.DRAFT, null);
        await this.audit.record(m, scope, {
          action: 'REPORT_CREATE',
          targetType: 'ProgressReport',
          targetId: id,
          organizationId: a.organization_id,
          changes: { after },
        });
        return this.queries.reportIn(m, scope, id);
      }
      if (existing.status !== ReportStatus.DRAFT) throw ReportingException.notEditable();
      if (input.version !== existing.version)
        throw ReportingException.versionConflict(snapshot(existing));
      await this.reports.updateContent(m, existing.id, content);
      await this.audit.record(m, scope, {
        action: 'REPORT_SAVE',
        targetType: 'ProgressReport',
        targetId: existing.id,
        organizationId: existing.organizationId,
        changes: { before: snapshot(existing), after },
      });
      return this.queries.reportIn(m, scope, existing.id);
    });
  }

  submit(scope: Scope, input: ReportActionInput): Promise<ProgressReportDto> {
    return this.act(scope, input, () => ProgressAction.SUBMIT, [ProgressAction.SUBMIT]);
  }

  approve(scope: Scope, input: ReportActionInput): Promise<ProgressReportDto> {
    return this.act(scope, input, () => ProgressAction.APPROVE, [ProgressAction.APPROVE]);
  }

  accept(scope: Scope, input: ReportActionInput): Promise<ProgressReportDto> {
    return this.act(scope, input, () => ProgressAction.ACCEPT, [ProgressAction.ACCEPT]);
  }

  /** Sends a report back to draft: the bureau's reviewer before approval, the overseer after it. */
  sendBack(
    scope: Scope,
    input: { id: string; version: number; reason: string },
  ): Promise<ProgressReportDto> {
    return this.act(
      scope,
      { id: input.id, version: input.version, comment: input.reason },
      (r) =>
        r.status === ReportStatus.SUBMITTED
          ? ProgressAction.REJECT_BY_REVIEWER
          : ProgressAction.RETURN,
      [ProgressAction.REJECT_BY_REVIEWER, ProgressAction.RETURN],
    );
  }

  /**
   * 批量验收 / 退回: the overseer's decision on many approved reports of its direct subordinates,
   * in the operation's one transaction. All or nothing: the first report that cannot take the
   * decision (changed meanwhile, not the caller's to decide, no reason…) refuses the whole batch,
   * named by its place and its bureau and task, so that nothing is half done and a retry after a
   * refresh is safe. Each report gets its own history entry, audit event and notification.
   */
  async decide(scope: Scope, input: DecideProgressReportsInput): Promise<ProgressReportDto[]> {
    if (!scope.roles.includes(Role.ADMIN)) throw AppError.forbidden();
    const ids = input.items.map((i) => i.id);
    if (ids.length === 0 || ids.length > BATCH_DECISION_MAX || new Set(ids).size !== ids.length)
      throw ReportingException.batchSize(BATCH_DECISION_MAX);
    const action =
      input.decision === BatchDecision.ACCEPT ? ProgressAction.ACCEPT : ProgressAction.RETURN;
    return this.db.run(scope, async (m) => {
      const out: ProgressReportDto[] = [];
      for (const [index, item] of input.items.entries()) {
        try {
          out.push(
            await this.act(
              scope,
              { id: item.id, version: item.version, comment: input.comment },
              () => action,
              [action],
            ),
          );
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          throw ReportingException.batchItem(e, index, await this.queries.labelOf(m, item.id));
        }
      }
      return out;
    });
  }

  /** The content fields as the audit trail records them. */
  auditFields(c: ReportContentRow): Record<string, unknown> {
    return {
      completion_state: c.completionState,
      percent: c.percent,
      actual_value: c.actualValue,
      narrative: c.narrative,
      problems: c.problems,
      next_steps: c.nextSteps,
    };
  }

  private async act(
    scope: Scope,
    input: ReportActionInput,
    actionFor: (report: ProgressReportEntity) => ProgressAction,
    replayable: readonly ProgressAction[],
  ): Promise<ProgressReportDto> {
    return this.db.run(scope, async (m) => {
      const report = await this.reports.lock(m, input.id);
      if (!report || !(await this.db.canSee(scope, report.organizationId)))
        throw AppError.notFound();
      if (report.version !== input.version) {
        // A retry of this very action, which already took effect, answers the report as it is.
        const last = await this.events.latest(m, report.id);
        if (isActionReplay(report.version, input.version, last, replayable, scope.userId)) {
          return this.queries.reportIn(m, scope, report.id);
        }
        throw ReportingException.versionConflict(snapshot(report));
      }
      const action = actionFor(report);
      const a = await this.reports.assignment(m, report.assignmentId);
      if (!a) throw AppError.notFound();
      const relation = await this.queries.relation(scope, report.organizationId);
      const result = transition(
        workflowState(report),
        action,
        { userId: scope.userId, roles: scope.roles, relation },
        { comment: input.comment },
      );
      if (!result.ok) throw ReportingException.transition(result.code, result.message);
      if (action === ProgressAction.SUBMIT) {
        const problems = checkSubmittable(report, { targetValue: a.target_value });
        if (problems.length > 0) throw ReportingException.notSubmittable(problems);
      }
      const now = this.clock.now();
      const quarter = makeQuarter(report.year, report.quarter);
      // A submission is judged against the plan's calendar, and the report keeps that due date.
      const submitting = action === ProgressAction.SUBMIT;
      const dueDate = submitting ? calendarOf(a).dueDate(quarter) : report.dueDate;
      const late = submitting ? report.late || calendarOf(a).isLate(quarter, now) : report.late;
      const next = result.next;
      const changed = await this.reports.applyTransition(m, {
        id: report.id,
        expectedVersion: report.version,
        action,
        status: next.status,
        late,
        dueDate,
        at: now,
        submittedBy: next.submittedBy,
        approvedBy: next.approvedBy,
        acceptedBy: next.acceptedBy,
        returned: next.returned,
      });
      if (changed === 0) throw AppError.notFound();
      if (
        action === ProgressAction.ACCEPT &&
        report.completionState === CompletionState.COMPLETED
      ) {
        await this.reports.recordCompletion(
          m,
          report.assignmentId,
          report.organizationId,
          quarterKey(quarter),
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
      if (next.returned) {
        const task = await this.reports.taskRef(m, report.taskId);
        await this.notifier.notify(m, [
          {
            organizationId: report.organizationId,
            kind: 'RETURNED',
            title: composeTitle(
              '季度进展被退回：',
              `${task?.number ?? ''} ${task?.title ?? ''}`,
              `（${formatQuarterZh(quarter)}）`,
            ),
            body: next.returned.reason,
            link: `/reporting/reports/${report.id}`,
          },
        ]);
      }
      return this.queries.reportIn(m, scope, report.id);
    });
  }

  /** Appends a history entry for the caller, with the person's display name at the time. */
  async event(
    m: EntityManager,
    scope: Scope,
    reportId: string,
    orgId: string,
    action: string,
    from: string | null,
    to: string,
    comment: string | null,
  ): Promise<void> {
    await this.events.append(m, {
      reportId,
      organizationId: orgId,
      action,
      from,
      to,
      userId: scope.userId,
      username: scope.username,
      displayName: (await this.accounts.profile(m, scope.userId))?.displayName ?? null,
      actorOrganizationId: scope.organizationId,
      comment,
    });
  }
}
