import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditTrail, Clock, TenantDatabase, hasRole, type Scope } from '@sunshine/api/core';
import type { AuditAction } from '@sunshine/shared/domain';
import {
  answeredLate,
  assessmentTransition,
  chinaDateOf,
  Role,
  type AssessmentAction,
  type AssessmentActor,
} from '@sunshine/shared/domain';
import { AssessmentsException } from './assessments.exception';
import { AssessmentsRepository, type IssueRow, type RoundRow } from './assessments.repository';
import { AssessmentsService } from './assessments.service';
import { AssessmentRemindersService } from './assessment-reminders.service';
import { IssueLinkRegistrar } from './links/issue-link.registrar';

export interface RectificationCommand {
  id: string;
  version: number;
  /** GraphQL passes null for an explicit null: both mean "unchanged". */
  measure?: string | null;
  links?: string[] | null;
}

type IssuePatch = Omit<Parameters<AssessmentsRepository['updateIssue']>[2], 'status'>;

const LINK = /^https?:\/\/\S+$/i;

const AUDIT: Record<AssessmentAction, { action: AuditAction }> = {
  SAVE: { action: 'ASSESSMENT_RECTIFICATION_SAVE' },
  SUBMIT: { action: 'ASSESSMENT_RECTIFICATION_SUBMIT' },
  DISPUTE: { action: 'ASSESSMENT_DISPUTE' },
  APPROVE: { action: 'ASSESSMENT_RECTIFICATION_APPROVE' },
  SEND_BACK: { action: 'ASSESSMENT_RECTIFICATION_SEND_BACK' },
  VERIFY: { action: 'ASSESSMENT_ISSUE_VERIFY' },
  RETURN: { action: 'ASSESSMENT_ISSUE_RETURN' },
  UPHOLD_DISPUTE: { action: 'ASSESSMENT_DISPUTE_DECIDE' },
  REJECT_DISPUTE: { action: 'ASSESSMENT_DISPUTE_DECIDE' },
};

/**
 * The rectification loop of one issue: the bureau's editor answers (measure and links, or
 * 无需整改 with a reason), its reviewer approves (never their own), the assessor or the round's
 * ADMIN verifies (销号) or returns, the round's ADMIN decides disputes. Every transition is
 * checked against the version the caller saw, recorded as an event and audited.
 */
@Injectable()
export class RectificationService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly repo: AssessmentsRepository,
    private readonly assessments: AssessmentsService,
    private readonly reminders: AssessmentRemindersService,
    private readonly links: IssueLinkRegistrar,
  ) {}

  /** Whether code-level tenant checks run (off only in the RLS-alone test mode). */
  private async inCode(scope: Scope): Promise<boolean> {
    return (await this.db.visibleOrgIds(scope)) !== null;
  }

  save(scope: Scope, c: RectificationCommand): Promise<IssueRow> {
    const links = cleanLinks(c.links);
    return this.act(scope, c.id, c.version, 'SAVE', '', (issue) => ({
      measure: (c.measure ?? issue.measure).trim(),
      links: links ?? issue.rectification_links,
      dispute: false,
      disputeReason: '',
    }));
  }

  submit(scope: Scope, c: RectificationCommand): Promise<IssueRow> {
    const links = cleanLinks(c.links);
    return this.act(scope, c.id, c.version, 'SUBMIT', '', (issue) => {
      const measure = (c.measure ?? issue.measure).trim();
      const l = links ?? issue.rectification_links;
      if (!measure && l.length === 0) throw AssessmentsException.emptyAnswer();
      return { measure, links: l, dispute: false, disputeReason: '', submittedBy: scope.userId };
    });
  }

  dispute(scope: Scope, id: string, version: number, reason: string): Promise<IssueRow> {
    if (!reason.trim()) throw AssessmentsException.reasonRequired();
    return this.act(scope, id, version, 'DISPUTE', reason.trim(), () => ({
      dispute: true,
      disputeReason: reason.trim(),
      submittedBy: scope.userId,
    }));
  }

  approve(scope: Scope, id: string, version: number, comment = ''): Promise<IssueRow> {
    return this.act(scope, id, version, 'APPROVE', comment.trim(), (issue) => {
      const now = this.clock.now();
      return {
        answeredAt: now,
        late: answeredLate(issue.late, issue.deadline, chinaDateOf(now)),
      };
    });
  }

  /** The bureau's reviewer sends the editor's answer back with a reason (never their own). */
  sendBack(scope: Scope, id: string, version: number, reason: string): Promise<IssueRow> {
    if (!reason.trim()) throw AssessmentsException.reasonRequired();
    return this.act(scope, id, version, 'SEND_BACK', reason.trim(), () => ({ submittedBy: null }));
  }

  verify(scope: Scope, id: string, version: number, comment = ''): Promise<IssueRow> {
    return this.act(scope, id, version, 'VERIFY', comment.trim(), () => ({
      verifiedAt: this.clock.now(),
    }));
  }

  returnIssue(
    scope: Scope,
    id: string,
    version: number,
    reason: string,
    newDeadline?: string | null,
  ): Promise<IssueRow> {
    if (!reason.trim()) throw AssessmentsException.reasonRequired();
    return this.act(scope, id, version, 'RETURN', reason.trim(), () => ({
      submittedBy: null,
      ...(newDeadline ? { deadline: newDeadline } : {}),
    }));
  }

  decideDispute(
    scope: Scope,
    id: string,
    version: number,
    upheld: boolean,
    comment: string,
    newDeadline?: string | null,
  ): Promise<IssueRow> {
    if (!upheld && !comment.trim()) throw AssessmentsException.reasonRequired('comment');
    return this.act(
      scope,
      id,
      version,
      upheld ? 'UPHOLD_DISPUTE' : 'REJECT_DISPUTE',
      comment.trim(),
      () =>
        upheld ? {} : { submittedBy: null, ...(newDeadline ? { deadline: newDeadline } : {}) },
    );
  }

  private async actorFor(
    m: EntityManager,
    scope: Scope,
    action: AssessmentAction,
    issue: IssueRow,
    round: RoundRow,
  ): Promise<AssessmentActor> {
    const bureauSide = ['SAVE', 'SUBMIT', 'DISPUTE', 'APPROVE', 'SEND_BACK'].includes(action);
    if (bureauSide) {
      this.db.assertOwnOrg(scope, issue.organization_id, '只有被测评单位本单位可以整改');
      if (action === 'APPROVE' || action === 'SEND_BACK') {
        if (!hasRole(scope, Role.REVIEWER))
          throw AssessmentsException.forbidden('NOT_REVIEWER', '只有本单位审核人可以审核整改情况');
        return 'BUREAU_REVIEWER';
      }
      if (!hasRole(scope, Role.EDITOR))
        throw AssessmentsException.forbidden('NOT_EDITOR', '只有本单位填报员可以填写整改情况');
      return 'BUREAU_EDITOR';
    }
    if (hasRole(scope, Role.ASSESSOR)) {
      if (
        (await this.inCode(scope)) &&
        !(await this.repo.roundsAssessedBy(m, scope.userId)).has(round.id)
      )
        throw AssessmentsException.notFound();
      return 'ASSESSOR';
    }
    if (!hasRole(scope, Role.ADMIN))
      throw AssessmentsException.forbidden(
        'NOT_ROUND_ADMIN',
        '只有测评机构或测评批次发起单位可以复核',
      );
    this.db.assertOwnOrg(scope, round.organization_id, '只有测评批次的发起单位可以执行此操作');
    return 'ROUND_ADMIN';
  }

  private async act(
    scope: Scope,
    id: string,
    version: number,
    action: AssessmentAction,
    comment: string,
    patch: (issue: IssueRow) => IssuePatch,
  ): Promise<IssueRow> {
    return this.db.run(scope, async (m) => {
      const issue = await this.assessments.loadIssue(m, scope, id, true);
      const round = await this.repo.findRound(m, issue.round_id);
      if (!round) throw AssessmentsException.notFound();
      if (round.status !== 'PUBLISHED') throw AssessmentsException.roundNotOpen();
      const actor = await this.actorFor(m, scope, action, issue, round);
      if (issue.version !== version) throw AssessmentsException.versionConflict(issue.version);
      const t = assessmentTransition({
        status: issue.status,
        action,
        actor,
        dispute: issue.dispute,
        ownSubmission: issue.submitted_by === scope.userId,
        reason: comment,
      });
      if (!t.ok) {
        if (t.reason === 'OWN_SUBMISSION') throw AssessmentsException.ownSubmission();
        if (t.reason === 'REASON_REQUIRED') throw AssessmentsException.reasonRequired();
        if (t.reason === 'WRONG_ACTOR')
          throw AssessmentsException.forbidden('WRONG_ACTOR', '没有执行此操作的权限');
        throw AssessmentsException.wrongStatus();
      }
      const saved = await this.repo.updateIssue(m, issue.id, { ...patch(issue), status: t.to });
      if (t.to === 'RETURNED') await this.reminders.returned(m, saved.id);
      if (action === 'SAVE' || action === 'SUBMIT')
        await this.links.rectificationSaved(scope, saved);
      await this.repo.insertEvent(m, {
        issue: saved,
        step: action,
        from: issue.status,
        to: t.to,
        actorId: scope.userId,
        actorName: scope.username,
        at: this.clock.now(),
        comment,
      });
      await this.audit.record(m, scope, {
        action: AUDIT[action].action,
        targetType: 'AssessmentIssue',
        targetId: issue.id,
        organizationId: issue.organization_id,
        changes: {
          before: { status: issue.status },
          after: { status: t.to, ...(comment ? { comment: comment.slice(0, 200) } : {}) },
        },
      });
      return saved;
    });
  }
}

/** The links as given (null or absent: unchanged), trimmed, checked and without repeats. */
function cleanLinks(links: string[] | null | undefined): string[] | undefined {
  if (links === undefined || links === null) return undefined;
  const out = links.map((l) => l.trim()).filter((l) => l !== '');
  for (const l of out) if (!LINK.test(l)) throw AssessmentsException.badLink(l);
  return [...new Set(out)];
}
