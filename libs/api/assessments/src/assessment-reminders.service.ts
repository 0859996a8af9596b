import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  AuditTrail,
  Clock,
  JobQueue,
  NotificationSink,
  OrgDirectory,
  TenantDatabase,
  hasRole,
  systemScope,
  type NotificationInput,
  type NotificationKind,
  type Scope,
} from '@sunshine/api/core';
import {
  ASSESSMENT_ISSUE_TYPES,
  assessmentDeadlineReminder,
  chinaDateOf,
  formatDateZh,
  loadChineseWorkingDays,
  Role,
  workingDayDeadline,
  type WorkingDayCalendar,
} from '@sunshine/shared/domain';
import { AssessmentLoopRepository, type OwedRow } from './assessment-loop.repository';
import { AssessmentsException } from './assessments.exception';
import { AssessmentsRepository } from './assessments.repository';

/** The reminders queue: hourly (Asia/Shanghai), and right after an issue is returned. */
export const ASSESSMENT_REMINDERS_QUEUE = 'assessments.reminders';

type ReminderKind = 'DUE_SOON' | 'DUE_TOMORROW' | 'OVERDUE' | 'RETURNED';

interface Pending {
  organizationId: string;
  kind: ReminderKind;
  issues: OwedRow[];
}

const LINK = '/assessments';

/**
 * Reminders of the rectification loop, written as in-app notifications to the bureau through the
 * `NotificationSink` port (no personal data: counts, deadlines and issue types only):
 * due within 3 working days, due tomorrow (the next working day), overdue, returned. Each kind is
 * sent once per issue (`assessment_issues.reminders_sent`, written in the transaction that writes
 * the notification; a return clears it, since the issue is owed again), so a job that runs twice
 * sends nothing twice (the sweep locks the rows it reminds about, so two runs at once skip each
 * other's issues). And the round issuer's 催办 to every bureau with overdue problems.
 */
@Injectable()
export class AssessmentRemindersService implements OnModuleInit {
  constructor(
    private readonly db: TenantDatabase,
    private readonly orgs: OrgDirectory,
    private readonly notifier: NotificationSink,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly jobs: JobQueue,
    private readonly loop: AssessmentLoopRepository,
    private readonly repo: AssessmentsRepository,
  ) {}

  onModuleInit(): void {
    this.jobs.register<{ reason?: string }>({
      name: ASSESSMENT_REMINDERS_QUEUE,
      handler: async () => {
        await this.sweep();
      },
      cron: '7 * * * *',
      tz: 'Asia/Shanghai',
      retryLimit: 3,
    });
  }

  /** After a return (in the returning transaction): its reminders start again, sent soon. */
  async returned(m: EntityManager, issueId: string): Promise<void> {
    await this.loop.clearReminders(m, issueId);
    if (this.jobs.running)
      await this.jobs.send(
        ASSESSMENT_REMINDERS_QUEUE,
        { reason: 'returned' },
        { manager: m, singletonKey: 'returned', startAfterSeconds: 5 },
      );
  }

  /** Writes the reminders due today; answers how many notifications were written. */
  async sweep(): Promise<number> {
    const tops = await this.orgs.topIds();
    if (tops.length === 0) return 0;
    const calendar = await loadChineseWorkingDays();
    const today = chinaDateOf(this.clock.now());
    const until = calendar.addWorkingDays(today, 3);
    return this.db.run(systemScope(tops), async (m) => {
      const owed = await this.loop.owedIssues(m, until);
      const pending = new Map<string, Pending>();
      const sent = new Map<string, string[]>();
      for (const issue of owed) {
        const kinds: ReminderKind[] = [];
        if (issue.status === 'RETURNED') kinds.push('RETURNED');
        const due = assessmentDeadlineReminder(calendar, today, issue.deadline, issue.status);
        if (due) kinds.push(due);
        for (const kind of kinds) {
          if (issue.reminders_sent.includes(kind)) continue;
          const key = `${issue.organization_id}:${kind}`;
          const p = pending.get(key) ?? { organizationId: issue.organization_id, kind, issues: [] };
          p.issues.push(issue);
          pending.set(key, p);
          sent.set(issue.id, [...(sent.get(issue.id) ?? []), kind]);
        }
      }
      const written = await this.notifier.notify(
        m,
        [...pending.values()].map((p) => notice(p, calendar, today)),
      );
      await this.loop.markReminded(
        m,
        [...sent].map(([id, kinds]) => ({ id, kinds })),
      );
      return written;
    });
  }

  /**
   * 催办: the round issuer's ADMIN reminds every bureau of the round (or of `organizationId`'s
   * subtree) that has overdue problems it still owes; audited with the counts.
   */
  async remindOverdue(
    scope: Scope,
    roundId: string,
    organizationId?: string | null,
  ): Promise<{ organizations: number; issues: number }> {
    if (!hasRole(scope, Role.ADMIN))
      throw AssessmentsException.forbidden('NOT_ROUND_ADMIN', '只有测评批次的发起单位可以催办');
    if (organizationId) await this.db.assertVisible(scope, organizationId);
    const today = chinaDateOf(this.clock.now());
    return this.db.run(scope, async (m) => {
      const round = await this.repo.findRound(m, roundId);
      if (!round || !(await this.db.canSee(scope, round.organization_id)))
        throw AssessmentsException.notFound();
      this.db.assertOwnOrg(scope, round.organization_id, '只有测评批次的发起单位可以催办');
      if (organizationId && !(await this.repo.findOrg(m, organizationId)))
        throw AssessmentsException.notFound();
      if (round.status !== 'PUBLISHED') throw AssessmentsException.roundNotOpen();
      const within = organizationId ? [...(await this.orgs.subtree([organizationId]))] : null;
      const rows = await this.loop.overdueByBureau(m, round.id, today, within);
      const stamp = this.clock.now().toISOString();
      await this.notifier.notify(
        m,
        rows.map((r): NotificationInput => ({
          organizationId: r.organization_id,
          kind: 'REMINDER',
          title: `催办：请尽快完成测评问题整改（${round.title}）`,
          body: `本单位有 ${r.overdue} 个测评问题已超过整改期限，请尽快整改并报送复核。`,
          link: LINK,
          dedupeKey: `ASSESSMENT_REMIND:${round.id}:${stamp}`,
        })),
      );
      const issues = rows.reduce((s, r) => s + r.overdue, 0);
      await this.audit.record(m, scope, {
        action: 'ASSESSMENT_REMINDERS_SEND',
        targetType: 'AssessmentRound',
        targetId: round.id,
        organizationId: organizationId ?? round.organization_id,
        changes: { organizations: rows.length, issues, ...(organizationId && { organizationId }) },
      });
      return { organizations: rows.length, issues };
    });
  }
}

const TITLES: Record<ReminderKind, (n: number) => string> = {
  DUE_SOON: (n) => `${n} 个测评问题将在 3 个工作日内到期`,
  DUE_TOMORROW: (n) => `${n} 个测评问题明天（下一个工作日）到期`,
  OVERDUE: (n) => `${n} 个测评问题已逾期`,
  RETURNED: (n) => `${n} 个测评问题的整改情况被退回`,
};

/** One notification per bureau and kind per run, naming deadlines and issue types, no people. */
function notice(p: Pending, calendar: WorkingDayCalendar, today: string): NotificationInput {
  const lines = p.issues.slice(0, 5).map((i) => {
    const d = workingDayDeadline(calendar, today, i.deadline);
    const by =
      p.kind === 'RETURNED'
        ? i.last_action === 'SEND_BACK'
          ? '（本单位审核退回）'
          : '（复核退回）'
        : '';
    const type = (ASSESSMENT_ISSUE_TYPES as Record<string, string>)[i.issue_type] ?? '其他';
    return `· ${type}：整改期限 ${formatDateZh(i.deadline)}，${d.label}${by}`;
  });
  if (p.issues.length > 5) lines.push(`等共 ${p.issues.length} 个问题`);
  return {
    organizationId: p.organizationId,
    kind: p.kind as NotificationKind,
    title: TITLES[p.kind](p.issues.length),
    body: lines.join('\n'),
    link: LINK,
  };
}
