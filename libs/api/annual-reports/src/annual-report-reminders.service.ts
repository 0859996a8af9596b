import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  AppError,
  AuditTrail,
  Clock,
  JobQueue,
  NotificationSink,
  OrgDirectory,
  systemScope,
  TenantDatabase,
  type NotificationInput,
  type Scope,
} from '@sunshine/api/core';
import {
  annualReportDeadline,
  annualReportReminder,
  chinaDateOf,
  isAnnualReportSubmitted,
} from '@sunshine/shared/domain';
import { AnnualReportsRepository, type OrgRow } from './annual-reports.repository';

export const ANNUAL_REPORT_SWEEP_JOB = 'annual-report-deadline-sweep';

const TITLES = {
  DUE_SOON: (y: number) => `${y}年政府信息公开工作年度报告将于 ${annualReportDeadline(y)} 截止`,
  DUE_TOMORROW: (y: number) => `${y}年政府信息公开工作年度报告明天截止`,
  OVERDUE: (y: number) => `${y}年政府信息公开工作年度报告已逾期未报送`,
} as const;

/**
 * Reminders of the annual report's deadline (31 January): a daily sweep notifies every bureau
 * whose report is not submitted a week ahead, the day before and once overdue (each once, by
 * dedupe key), counted on the shared reporting calendar's reminder windows; and 催办, an
 * overseer's reminder to the bureaus below it that have not submitted.
 */
@Injectable()
export class AnnualReportRemindersService implements OnModuleInit {
  constructor(
    private readonly db: TenantDatabase,
    private readonly orgs: OrgDirectory,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
    private readonly notifications: NotificationSink,
    private readonly repo: AnnualReportsRepository,
  ) {}

  onModuleInit(): void {
    this.jobs.register<object>({
      name: ANNUAL_REPORT_SWEEP_JOB,
      cron: '0 9 * * *',
      retryLimit: 2,
      handler: async () => {
        await this.sweep();
      },
    });
  }

  /** Notifies the bureaus without a submitted report of the years whose deadline is near or past. */
  async sweep(): Promise<number> {
    const tops = await this.orgs.topIds();
    if (tops.length === 0) return 0;
    const scope = systemScope(tops);
    const now = this.clock.now();
    const thisYear = Number(chinaDateOf(now).slice(0, 4));
    let sent = 0;
    for (const year of [thisYear - 1, thisYear]) {
      const kind = annualReportReminder(year, now);
      if (!kind) continue;
      sent += await this.db.run(scope, async (m) => {
        const units = (await Promise.all(tops.map((t) => this.repo.subtree(m, t)))).flat();
        const missing = await this.unsent(m, units, year);
        return this.notifications.notify(
          m,
          missing.map((o): NotificationInput => ({
            organizationId: o.id,
            kind,
            title: TITLES[kind](year),
            link: `/annual-reports?year=${year}`,
            dedupeKey: `ANNUAL_REPORT:${kind}:${year}`,
          })),
        );
      });
    }
    return sent;
  }

  /** 催办: the overseer reminds every bureau below `organizationId` whose report is not submitted. */
  remind(scope: Scope, year: number, organizationId?: string, message?: string): Promise<number> {
    const rootId = organizationId ?? scope.organizationId;
    return this.db.run(scope, async (m) => {
      await this.db.assertVisible(scope, rootId);
      const units = (await this.repo.subtree(m, rootId)).filter((o) => o.id !== rootId);
      if (units.length === 0 && !(await this.repo.orgs(m, [rootId])).length)
        throw AppError.notFound();
      const missing = await this.unsent(m, units, year);
      const stamp = this.clock.now().toISOString();
      const text = message?.trim();
      const sent = await this.notifications.notify(
        m,
        missing.map((o): NotificationInput => ({
          organizationId: o.id,
          kind: 'REMINDER',
          title: `催办：请尽快报送${year}年政府信息公开工作年度报告`,
          body: `${text ? `${text}\n` : ''}截止日期 ${annualReportDeadline(year)}。`,
          link: `/annual-reports?year=${year}`,
          dedupeKey: `ANNUAL_REPORT:REMINDER:${scope.organizationId}:${stamp}`,
        })),
      );
      await this.audit.record(m, scope, {
        action: 'ANNUAL_REPORT_REMIND',
        targetType: 'Organization',
        targetId: rootId,
        organizationId: rootId,
        changes: { year, organizations: missing.length },
      });
      return sent;
    });
  }

  private async unsent(
    m: Parameters<AnnualReportsRepository['ofYear']>[0],
    units: readonly OrgRow[],
    year: number,
  ): Promise<OrgRow[]> {
    const reports = await this.repo.ofYear(
      m,
      units.map((u) => u.id),
      year,
    );
    const done = new Set(
      reports.filter((r) => isAnnualReportSubmitted(r.status)).map((r) => r.organization_id),
    );
    return units.filter((u) => !done.has(u.id));
  }
}
