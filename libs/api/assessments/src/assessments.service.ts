import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  AuditTrail,
  Clock,
  TenantDatabase,
  UserAccounts,
  hasRole,
  type Scope,
} from '@sunshine/api/core';
import {
  assessmentRates,
  chinaDateOf,
  Role,
  type AssessmentIssueStatus,
  type AssessmentLinkState,
  type AssessmentSeverity,
  type RoundDeadlineRule,
} from '@sunshine/shared/domain';
import { AssessmentDeadlinesService } from './assessment-deadlines.service';
import { AssessmentsException } from './assessments.exception';
import {
  AssessmentsRepository,
  type IndicatorInputRow,
  type IndicatorRow,
  type IssueRow,
  type NewIssue,
  type OrgRow,
  type RoundRow,
  type SystemRow,
} from './assessments.repository';
import { IssueLinkRegistrar } from './links/issue-link.registrar';

export interface CreateRoundCommand {
  title: string;
  assessorName: string;
  periodStart: string;
  periodEnd: string;
  indicatorSystemId?: string | null;
  /** A date, or (exclusive) N working days from publication. */
  defaultDeadline?: string | null;
  defaultDeadlineWorkingDays?: number | null;
  bureauIds: string[];
  assessorUserIds?: string[];
}

export interface AddIssueCommand {
  roundId: string;
  organizationId: string;
  indicatorId?: string | null;
  issueType: string;
  description: string;
  location?: string;
  severity?: AssessmentSeverity;
  pointsDeducted?: number;
  deadline?: string | null;
}

export interface IssueFilter {
  roundId?: string;
  organizationId?: string;
  statuses?: AssessmentIssueStatus[];
  issueType?: string;
  overdue?: boolean;
  linkStates?: AssessmentLinkState[];
  limit?: number;
}

export interface OverviewCounts {
  issues: number;
  rectified: number;
  verified: number;
  overdue: number;
  onTime: number;
  pointsDeducted: number;
}

export interface OverviewRow extends OverviewCounts {
  organization: OrgRow;
  rectificationRate: number;
  onTimeRate: number;
}

export interface Overview {
  round: RoundRow;
  organization: OrgRow;
  total: OverviewRow;
  rows: OverviewRow[];
  byType: Array<{ issueType: string } & OverviewCounts>;
}

export interface RoundWithScope {
  round: RoundRow;
  bureauIds: string[];
  assessorUserIds: string[];
}

const zero = (): OverviewCounts => ({
  issues: 0,
  rectified: 0,
  verified: 0,
  overdue: 0,
  onTime: 0,
  pointsDeducted: 0,
});

function addInto(a: OverviewCounts, b: OverviewCounts): void {
  a.issues += b.issues;
  a.rectified += b.rectified;
  a.verified += b.verified;
  a.overdue += b.overdue;
  a.onTime += b.onTime;
  a.pointsDeducted = Math.round((a.pointsDeducted + b.pointsDeducted) * 100) / 100;
}

function withRates(organization: OrgRow, c: OverviewCounts): OverviewRow {
  return { organization, ...c, ...assessmentRates(c) };
}

/** Rounds, indicator systems, issue entry and the reads of the third-party assessment. */
@Injectable()
export class AssessmentsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly accounts: UserAccounts,
    private readonly repo: AssessmentsRepository,
    private readonly deadlines: AssessmentDeadlinesService,
    private readonly links: IssueLinkRegistrar,
  ) {}

  /** Whether code-level tenant checks run (off only in the RLS-alone test mode). */
  private async inCode(scope: Scope): Promise<boolean> {
    return (await this.db.visibleOrgIds(scope)) !== null;
  }

  today(): string {
    return chinaDateOf(this.clock.now());
  }

  // ── rounds ──────────────────────────────────────────────────────────────────────────────

  async listRounds(scope: Scope): Promise<RoundRow[]> {
    return this.db.run(scope, async (m) => {
      return this.readableRounds(m, scope, await this.repo.listRounds(m));
    });
  }

  async getRound(scope: Scope, id: string): Promise<RoundRow> {
    return this.db.run(scope, (m) => this.loadRound(m, scope, id));
  }

  async scopeOf(scope: Scope, roundIds: readonly string[]): Promise<RoundWithScope[]> {
    return this.db.run(scope, async (m) => {
      const bureaus = await this.repo.bureausOf(m, roundIds);
      const assessors = await this.repo.assessorsOf(m, roundIds);
      const visible = await this.db.visibleOrgIds(scope);
      const rounds = await Promise.all(roundIds.map((id) => this.repo.findRound(m, id)));
      return rounds
        .filter((r): r is RoundRow => r !== null)
        .map((round) => ({
          round,
          bureauIds: (bureaus.get(round.id) ?? []).filter(
            (b) =>
              visible === null ||
              hasRole(scope, Role.ASSESSOR) ||
              visible.includes(b) ||
              visible.includes(round.organization_id),
          ),
          assessorUserIds: assessors.get(round.id) ?? [],
        }));
    });
  }

  /** Code-level read rule: the issuer's subtree, a bureau of a released round, or its assessor. */
  private async readable(m: EntityManager, scope: Scope, r: RoundRow): Promise<boolean> {
    return (await this.readableRounds(m, scope, [r])).length > 0;
  }

  /**
   * The rounds the caller may read, in their order: an assessor's assigned rounds; otherwise those
   * its subtree issued, and released rounds with a bureau in its subtree. At most one statement
   * whatever the number of rounds (a list of every year's rounds stays one read).
   */
  private async readableRounds(
    m: EntityManager,
    scope: Scope,
    rounds: readonly RoundRow[],
  ): Promise<RoundRow[]> {
    if (!(await this.inCode(scope))) return [...rounds];
    if (hasRole(scope, Role.ASSESSOR)) {
      const assessed = await this.repo.roundsAssessedBy(m, scope.userId);
      return rounds.filter((r) => assessed.has(r.id));
    }
    const readable = new Set<string>();
    const released: string[] = [];
    for (const r of rounds) {
      if (await this.db.canSee(scope, r.organization_id)) readable.add(r.id);
      else if (r.status !== 'DRAFT') released.push(r.id);
    }
    if (released.length > 0) {
      const bureaus = await this.repo.bureausOf(m, released);
      for (const id of released) {
        for (const b of bureaus.get(id) ?? []) {
          if (await this.db.canSee(scope, b)) {
            readable.add(id);
            break;
          }
        }
      }
    }
    return rounds.filter((r) => readable.has(r.id));
  }

  async loadRound(m: EntityManager, scope: Scope, id: string, lock = false): Promise<RoundRow> {
    const round = await this.repo.findRound(m, id, lock);
    if (!round || !(await this.readable(m, scope, round))) throw AssessmentsException.notFound();
    return round;
  }

  /** The round's issuer ADMIN (with code checks; RLS alone: an ADMIN who sees the issuer). */
  private assertRoundAdmin(scope: Scope, round: RoundRow): void {
    if (!hasRole(scope, Role.ADMIN))
      throw AssessmentsException.forbidden(
        'NOT_ROUND_ADMIN',
        '只有测评批次的发起单位管理员可以执行此操作',
      );
    this.db.assertOwnOrg(scope, round.organization_id, '只有测评批次的发起单位可以执行此操作');
  }

  async createRound(scope: Scope, c: CreateRoundCommand): Promise<RoundRow> {
    if (!hasRole(scope, Role.ADMIN))
      throw AssessmentsException.forbidden('NOT_ADMIN', '只有管理员可以新建测评批次');
    if (c.periodEnd < c.periodStart) throw AssessmentsException.badPeriod();
    const bureauIds = [...new Set(c.bureauIds)];
    if (bureauIds.length === 0) throw AssessmentsException.noBureaus();
    const days = c.defaultDeadlineWorkingDays ?? null;
    if ((days === null) === !c.defaultDeadline) throw AssessmentsException.deadlineRuleChoice();
    const rule: RoundDeadlineRule =
      days === null
        ? { kind: 'DATE', date: c.defaultDeadline! }
        : { kind: 'WORKING_DAYS', workingDays: days };
    const deadline = await this.deadlines.provisional(rule);
    return this.db.run(scope, async (m) => {
      for (const b of bureauIds) {
        if (!(await this.db.canSee(scope, b)) || b === scope.organizationId)
          throw AssessmentsException.badBureau();
      }
      const orgs = await this.repo.orgsByIds(m, bureauIds);
      if (orgs.length !== bureauIds.length || orgs.some((o) => o.id === scope.organizationId))
        throw AssessmentsException.badBureau();
      if (c.indicatorSystemId) {
        const sys = await this.repo.findSystem(m, c.indicatorSystemId);
        if (!sys) throw AssessmentsException.notFound();
      }
      const assessorIds = [...new Set(c.assessorUserIds ?? [])];
      for (const id of assessorIds) {
        const p = await this.accounts.profile(m, id);
        if (!p || !p.roles.includes(Role.ASSESSOR)) throw AssessmentsException.badAssessor();
      }
      const round = await this.repo.insertRound(m, {
        organizationId: scope.organizationId,
        title: c.title.trim(),
        assessorName: c.assessorName.trim(),
        periodStart: c.periodStart,
        periodEnd: c.periodEnd,
        indicatorSystemId: c.indicatorSystemId ?? null,
        defaultDeadline: deadline.date,
        createdBy: scope.userId,
      });
      await this.deadlines.storeRule(m, round.id, rule, deadline.warning);
      await this.repo.addBureaus(m, round.id, bureauIds);
      if (assessorIds.length)
        await this.repo.addAssessors(m, round.id, scope.organizationId, assessorIds);
      await this.audit.record(m, scope, {
        action: 'ASSESSMENT_ROUND_CREATE',
        targetType: 'AssessmentRound',
        targetId: round.id,
        changes: {
          after: { title: round.title, bureaus: bureauIds.length, assessors: assessorIds.length },
        },
      });
      return {
        ...round,
        default_deadline_working_days: days,
        deadline_warning: deadline.warning,
      };
    });
  }

  async publishRound(scope: Scope, id: string, version: number): Promise<RoundRow> {
    return this.setStatus(scope, id, version, 'PUBLISHED');
  }

  async closeRound(scope: Scope, id: string, version: number): Promise<RoundRow> {
    return this.setStatus(scope, id, version, 'CLOSED');
  }

  private async setStatus(
    scope: Scope,
    id: string,
    version: number,
    status: 'PUBLISHED' | 'CLOSED',
  ): Promise<RoundRow> {
    return this.db.run(scope, async (m) => {
      const round = await this.loadRound(m, scope, id, true);
      this.assertRoundAdmin(scope, round);
      if (round.version !== version) throw AssessmentsException.versionConflict(round.version);
      if (status === 'PUBLISHED' && round.status !== 'DRAFT')
        throw AssessmentsException.roundNotDraft();
      if (status === 'CLOSED' && round.status !== 'PUBLISHED')
        throw AssessmentsException.roundNotOpen();
      let saved = await this.repo.setRoundStatus(m, id, status);
      if (!saved) throw AssessmentsException.notFound();
      if (status === 'PUBLISHED') saved = await this.deadlines.onPublish(m, saved);
      await this.audit.record(m, scope, {
        action: status === 'PUBLISHED' ? 'ASSESSMENT_ROUND_PUBLISH' : 'ASSESSMENT_ROUND_CLOSE',
        targetType: 'AssessmentRound',
        targetId: id,
        changes: { before: { status: round.status }, after: { status } },
      });
      return saved;
    });
  }

  // ── indicator systems ───────────────────────────────────────────────────────────────────

  async createIndicatorSystem(
    scope: Scope,
    name: string,
    rows: IndicatorInputRow[],
  ): Promise<SystemRow> {
    if (!hasRole(scope, Role.ADMIN))
      throw AssessmentsException.forbidden('NOT_ADMIN', '只有管理员可以维护测评指标体系');
    const keys = new Set<string>();
    const levels = new Map<string, number>();
    for (const r of rows) {
      if (keys.has(r.key)) throw AssessmentsException.badIndicatorTree(`指标编号重复：${r.code}`);
      if (r.parentKey === null ? r.level !== 1 : levels.get(r.parentKey) !== r.level - 1)
        throw AssessmentsException.badIndicatorTree(`指标 ${r.code} 的层级与上级指标不符`);
      keys.add(r.key);
      levels.set(r.key, r.level);
    }
    return this.db.run(scope, async (m) => {
      const id = await this.repo.insertSystem(
        m,
        scope.organizationId,
        name.trim(),
        scope.userId,
        rows,
      );
      await this.audit.record(m, scope, {
        action: 'ASSESSMENT_INDICATORS_CREATE',
        targetType: 'IndicatorSystem',
        targetId: id,
        changes: { after: { name, indicators: rows.length } },
      });
      const sys = await this.repo.findSystem(m, id);
      if (!sys) throw AssessmentsException.notFound();
      return sys;
    });
  }

  async indicatorSystems(
    scope: Scope,
  ): Promise<Array<{ system: SystemRow; indicators: IndicatorRow[] }>> {
    return this.db.run(scope, async (m) => {
      const systems = await this.repo.listSystems(m);
      const visible: SystemRow[] = [];
      for (const s of systems)
        if (await this.db.canReadIssued(scope, s.organization_id, true)) visible.push(s);
      const indicators = await this.repo.indicatorsOf(
        m,
        visible.map((s) => s.id),
      );
      return visible.map((system) => ({
        system,
        indicators: indicators.filter((i) => i.system_id === system.id),
      }));
    });
  }

  // ── issues ──────────────────────────────────────────────────────────────────────────────

  /** The assessor of the round (assigned to it) or the round's ADMIN may enter issues. */
  async assertIssueEntry(m: EntityManager, scope: Scope, round: RoundRow): Promise<void> {
    if (hasRole(scope, Role.ASSESSOR)) {
      if (
        (await this.inCode(scope)) &&
        !(await this.repo.roundsAssessedBy(m, scope.userId)).has(round.id)
      )
        throw AssessmentsException.notFound();
      return;
    }
    this.assertRoundAdmin(scope, round);
  }

  /**
   * Issues checked against their round (bureau in scope, indicator of the round's system) and
   * inserted in the caller's transaction: the one insert path, also for an import.
   */
  async insertIssues(
    m: EntityManager,
    scope: Scope,
    round: RoundRow,
    commands: readonly AddIssueCommand[],
  ): Promise<IssueRow[]> {
    if (round.status === 'CLOSED') throw AssessmentsException.roundClosed();
    const rows: NewIssue[] = [];
    // Each bureau and indicator is checked once (an import names the same ones many times).
    const checkedOrgs = new Set<string>();
    const checkedIndicators = new Set<string>();
    for (const c of commands) {
      if (!checkedOrgs.has(c.organizationId)) {
        if (!(await this.repo.isBureauOf(m, round.id, c.organizationId)))
          throw AssessmentsException.notBureau();
        await this.db.assertVisible(scope, c.organizationId);
        checkedOrgs.add(c.organizationId);
      }
      if (c.indicatorId && !checkedIndicators.has(c.indicatorId)) {
        const ind = await this.repo.findIndicator(m, c.indicatorId);
        if (!ind || ind.system_id !== round.indicator_system_id)
          throw AssessmentsException.badIndicator();
        checkedIndicators.add(c.indicatorId);
      }
      rows.push({
        roundId: round.id,
        organizationId: c.organizationId,
        indicatorId: c.indicatorId ?? null,
        issueType: c.issueType,
        description: c.description.trim(),
        location: (c.location ?? '').trim(),
        severity: c.severity ?? 'MEDIUM',
        pointsDeducted: c.pointsDeducted ?? 0,
        deadline: c.deadline ?? round.default_deadline,
        createdBy: scope.userId,
      });
    }
    const inserted = await this.repo.insertIssues(m, rows);
    await this.links.issuesRaised(scope, inserted);
    return inserted;
  }

  async addIssue(scope: Scope, c: AddIssueCommand): Promise<IssueRow> {
    return this.db.run(scope, async (m) => {
      const round = await this.loadRound(m, scope, c.roundId);
      await this.assertIssueEntry(m, scope, round);
      const [issue] = await this.insertIssues(m, scope, round, [c]);
      if (!issue) throw AssessmentsException.notFound();
      await this.repo.insertEvent(m, {
        issue,
        step: 'CREATE',
        from: null,
        to: issue.status,
        actorId: scope.userId,
        actorName: scope.username,
        at: this.clock.now(),
        comment: '',
      });
      await this.audit.record(m, scope, {
        action: 'ASSESSMENT_ISSUE_ADD',
        targetType: 'AssessmentIssue',
        targetId: issue.id,
        organizationId: issue.organization_id,
        changes: { after: { type: issue.issue_type, description: issue.description.slice(0, 80) } },
      });
      return issue;
    });
  }

  async issues(scope: Scope, f: IssueFilter): Promise<IssueRow[]> {
    return this.db.run(scope, async (m) => {
      let organizationIds: string[] | undefined;
      if (f.organizationId) {
        await this.db.assertVisible(scope, f.organizationId);
        const units = await this.repo.orgUnits(m);
        organizationIds = [...descendants(units, f.organizationId)];
      }
      let assessorRounds: Set<string> | null = null;
      if ((await this.inCode(scope)) && hasRole(scope, Role.ASSESSOR))
        assessorRounds = await this.repo.roundsAssessedBy(m, scope.userId);
      if (f.roundId) await this.loadRound(m, scope, f.roundId);
      const rows = await this.repo.listIssues(m, {
        roundId: f.roundId,
        organizationIds,
        statuses: f.statuses,
        issueType: f.issueType,
        overdueOn: f.overdue ? this.today() : undefined,
        linkStates: f.linkStates,
        visibleOrgIds: await this.db.visibleOrgIds(scope),
        limit: Math.min(f.limit ?? 2000, 5000),
      });
      return assessorRounds ? rows.filter((r) => assessorRounds.has(r.round_id)) : rows;
    });
  }

  async issue(scope: Scope, id: string): Promise<IssueRow> {
    return this.db.run(scope, (m) => this.loadIssue(m, scope, id));
  }

  async loadIssue(m: EntityManager, scope: Scope, id: string, lock = false): Promise<IssueRow> {
    const issue = await this.repo.findIssue(m, id, lock);
    if (!issue || !(await this.db.canSee(scope, issue.organization_id)))
      throw AssessmentsException.notFound();
    if (
      (await this.inCode(scope)) &&
      hasRole(scope, Role.ASSESSOR) &&
      !(await this.repo.roundsAssessedBy(m, scope.userId)).has(issue.round_id)
    )
      throw AssessmentsException.notFound();
    return issue;
  }

  async eventsOf(scope: Scope, issueIds: readonly string[]) {
    return this.db.run(scope, (m) => this.repo.eventsOf(m, issueIds));
  }

  async orgs(scope: Scope, ids: readonly string[]): Promise<OrgRow[]> {
    return this.db.run(scope, (m) => this.repo.orgsByIds(m, ids));
  }

  // ── overview ────────────────────────────────────────────────────────────────────────────

  /**
   * Per child organisation of `organizationId` (default: the caller's own; an assessor's: the
   * round's issuer): issues of the bureau itself and of its descendants.
   */
  async overview(scope: Scope, roundId: string, organizationId?: string | null): Promise<Overview> {
    return this.db.run(scope, async (m) => {
      const round = await this.loadRound(m, scope, roundId);
      const rootId =
        organizationId ??
        (hasRole(scope, Role.ASSESSOR) ? round.organization_id : scope.organizationId);
      if (!hasRole(scope, Role.ASSESSOR) || organizationId)
        await this.db.assertVisible(scope, rootId);
      const units = await this.repo.orgUnits(m);
      const root = units.find((u) => u.id === rootId);
      if (!root) throw AssessmentsException.notFound();
      const visible = await this.db.visibleOrgIds(scope);
      const counts = (await this.repo.overviewCounts(m, round.id, this.today())).filter(
        (c) => visible === null || visible.includes(c.organization_id),
      );
      const parentOf = new Map(units.map((u) => [u.id, u.parent_id]));
      const children = units.filter((u) => u.parent_id === rootId);
      const childIds = new Set(children.map((c) => c.id));
      const perChild = new Map<string, OverviewCounts>(children.map((c) => [c.id, zero()]));
      const own = zero();
      const total = zero();
      const byType = new Map<string, OverviewCounts>();
      for (const c of counts) {
        // Walk up to the child of the root (or the root itself); skip bureaus outside the root.
        let at: string | null = c.organization_id;
        let child: string | null = null;
        while (at !== null && at !== rootId) {
          if (childIds.has(at)) child = at;
          at = parentOf.get(at) ?? null;
        }
        if (at === null) continue;
        const n: OverviewCounts = {
          issues: c.issues,
          rectified: c.rectified,
          verified: c.verified,
          overdue: c.overdue,
          onTime: c.on_time,
          pointsDeducted: c.points,
        };
        addInto(child ? perChild.get(child)! : own, n);
        addInto(total, n);
        const t = byType.get(c.issue_type) ?? zero();
        addInto(t, n);
        byType.set(c.issue_type, t);
      }
      const rows = children.map((c) => withRates(c, perChild.get(c.id) ?? zero()));
      if (own.issues > 0) rows.unshift(withRates(root, own));
      return {
        round,
        organization: root,
        total: withRates(root, total),
        rows,
        byType: [...byType.entries()]
          .map(([issueType, c]) => ({ issueType, ...c }))
          .sort((a, b) => b.issues - a.issues),
      };
    });
  }
}

function descendants(units: readonly OrgRow[], rootId: string): Set<string> {
  const kids = new Map<string, string[]>();
  for (const u of units)
    if (u.parent_id) kids.set(u.parent_id, [...(kids.get(u.parent_id) ?? []), u.id]);
  const out = new Set<string>([rootId]);
  const stack = [rootId];
  while (stack.length) {
    const id = stack.pop()!;
    for (const k of kids.get(id) ?? []) {
      if (out.has(k)) continue;
      out.add(k);
      stack.push(k);
    }
  }
  return out;
}
