import { Injectable } from '@nestjs/common';
import { AuditTrail, Clock, TenantDatabase, type Scope } from '@sunshine/api/core';
import { formatDateZh, isAssessmentIssueOpen } from '@sunshine/shared/domain';
import { AssessmentDeadlinesService } from './assessment-deadlines.service';
import { AssessmentLoopRepository } from './assessment-loop.repository';
import { AssessmentsException } from './assessments.exception';
import { AssessmentsRepository, type IssueRow } from './assessments.repository';
import { AssessmentsService } from './assessments.service';

/** One issue's rectification deadline set by hand (整改期限调整). */
@Injectable()
export class IssueDeadlineService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly deadlines: AssessmentDeadlinesService,
    private readonly loop: AssessmentLoopRepository,
    private readonly repo: AssessmentsRepository,
    private readonly assessments: AssessmentsService,
  ) {}

  /**
   * One issue's deadline set by hand by the round's assessor or issuer ADMIN (the ones who enter
   * issues): kept by publication, its reminders start again; recorded, audited.
   */
  async setIssueDeadline(
    scope: Scope,
    id: string,
    version: number,
    deadline: string,
  ): Promise<{ issue: IssueRow; warning: string | null }> {
    const calendar = await this.deadlines.calendar();
    if (deadline < this.deadlines.today()) throw AssessmentsException.deadlinePast();
    return this.db.run(scope, async (m) => {
      const issue = await this.assessments.loadIssue(m, scope, id, true);
      const round = await this.repo.findRound(m, issue.round_id);
      if (!round) throw AssessmentsException.notFound();
      await this.assessments.assertIssueEntry(m, scope, round);
      if (round.status === 'CLOSED') throw AssessmentsException.roundClosed();
      if (issue.version !== version) throw AssessmentsException.versionConflict(issue.version);
      if (!isAssessmentIssueOpen(issue.status)) throw AssessmentsException.wrongStatus();
      const saved = await this.repo.updateIssue(m, issue.id, { status: issue.status, deadline });
      await this.loop.markDeadlineOverridden(m, issue.id);
      const comment = `整改期限由 ${formatDateZh(issue.deadline)} 调整为 ${formatDateZh(deadline)}`;
      await this.repo.insertEvent(m, {
        issue: saved,
        step: 'DEADLINE',
        from: issue.status,
        to: issue.status,
        actorId: scope.userId,
        actorName: scope.username,
        at: this.clock.now(),
        comment,
      });
      await this.audit.record(m, scope, {
        action: 'ASSESSMENT_ISSUE_DEADLINE',
        targetType: 'AssessmentIssue',
        targetId: issue.id,
        organizationId: issue.organization_id,
        changes: { before: { deadline: issue.deadline }, after: { deadline } },
      });
      return { issue: saved, warning: calendar.coverageWarning(deadline) };
    });
  }
}
