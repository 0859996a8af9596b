import {
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  AppError,
  AuditTrail,
  Clock,
  logError,
  NotificationSink,
  OrgDirectory,
  TenantDatabase,
  systemScope,
  type NotificationInput,
  type Scope,
} from '@sunshine/api/core';
import {
  daysUntilDue,
  defaultDueDate,
  formatDateZh,
  formatQuarterZh,
  makeQuarter,
  previousQuarter,
  quarterOf,
  Role,
} from '@sunshine/shared/domain';

interface MissingRow {
  organization_id: string;
  missing: number;
}

const HOUR = 3_600_000;

/**
 * Deadline reminders (due in 7 days, due tomorrow, overdue) written hourly and deduplicated,
 * and the overseer's one-click 催办 to every bureau still missing reports.
 */
@Injectable()
export class RemindersService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: TenantDatabase,
    private readonly orgs: OrgDirectory,
    private readonly notifier: NotificationSink,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (process.env.NODE_ENV === 'test') return;
    this.timer = setInterval(
      () => void this.deadlineSweep().catch((e: unknown) => logError('[reminders]', e)),
      HOUR,
    );
    this.timer.unref();
    setTimeout(
      () => void this.deadlineSweep().catch((e: unknown) => logError('[reminders]', e)),
      5_000,
    ).unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Counts each bureau's assignments without a submitted report for the quarter, within a subtree. */
  private missingSql(): string {
    return `SELECT a.organization_id, count(*)::int AS missing
      FROM assignments a
      LEFT JOIN progress_reports r ON r.assignment_id = a.id AND r.year = $2 AND r.quarter = $3
      WHERE a.year = $2 AND a.active AND (r.id IS NULL OR r.status = 'DRAFT')
        AND a.organization_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = $1 AND depth > 0)
      GROUP BY a.organization_id`;
  }

  /**
   * Writes the deadline notifications due now, for the quarter whose reporting window is the
   * latest to close (the previous calendar quarter): due in 7 days, due tomorrow, or overdue
   * once its due date has passed. Idempotent: each kind once per bureau and quarter.
   */
  async deadlineSweep(): Promise<number> {
    const now = this.clock.now();
    const quarter = previousQuarter(quarterOf(now));
    const dueDate = defaultDueDate(quarter);
    const days = daysUntilDue(now, dueDate);
    const kind = days < 0 ? 'OVERDUE' : days <= 1 ? 'DUE_TOMORROW' : days <= 7 ? 'DUE_SOON' : null;
    if (!kind) return 0;
    const tops = await this.orgs.topIds();
    if (tops.length === 0) return 0;
    const scope = systemScope(tops);
    const label = formatQuarterZh(quarter);
    const title = {
      DUE_SOON: `${label}进展报送将于${formatDateZh(dueDate)}截止`,
      DUE_TOMORROW: days === 0 ? `${label}进展报送今天截止` : `${label}进展报送明天截止`,
      OVERDUE: `${label}进展报送已逾期（截止日期${formatDateZh(dueDate)}）`,
    }[kind];
    return this.db.run(scope, async (m) => {
      let written = 0;
      for (const top of tops) {
        const rows = (await m.query(this.missingSql(), [
          top,
          quarter.year,
          quarter.quarter,
        ])) as MissingRow[];
        written += await this.notifier.notify(
          m,
          rows.map((r): NotificationInput => ({
            organizationId: r.organization_id,
            kind,
            title,
            body: `本单位尚有 ${r.missing} 项任务未报送${label}进展。`,
            link: '/reporting',
            dedupeKey: `${kind}:${quarter.year}Q${quarter.quarter}`,
          })),
        );
      }
      return written;
    });
  }

  /** 催办: the overseeing ADMIN reminds every bureau below it that is still missing reports. */
  async sendReminders(
    scope: Scope,
    year: number,
    quarterNo: number,
    organizationId?: string,
    message?: string,
  ): Promise<{ organizations: number; missingReports: number }> {
    if (!scope.roles.includes(Role.ADMIN)) throw AppError.forbidden();
    const orgId = organizationId ?? scope.organizationId;
    await this.db.assertVisible(scope, orgId);
    const quarter = makeQuarter(year, quarterNo);
    const label = formatQuarterZh(quarter);
    return this.db.run(scope, async (m) => {
      const rows = (await m.query(this.missingSql(), [orgId, year, quarterNo])) as MissingRow[];
      const stamp = this.clock.now().toISOString();
      await this.notifier.notify(
        m,
        rows.map((r): NotificationInput => ({
          organizationId: r.organization_id,
          kind: 'REMINDER',
          title: `催办：请尽快报送${label}工作进展`,
          body: `${message?.trim() ? `${message.trim()}\n` : ''}本单位尚有 ${r.missing} 项任务未报送。`,
          link: '/reporting',
          dedupeKey: `REMINDER:${scope.organizationId}:${stamp}`,
        })),
      );
      const missingReports = rows.reduce((s, r) => s + r.missing, 0);
      await m.query(
        `INSERT INTO reminders(organization_id, year, quarter, sent_by, target_count, missing_reports) VALUES ($1, $2, $3, $4, $5, $6)`,
        [orgId, year, quarterNo, scope.userId, rows.length, missingReports],
      );
      await this.audit.record(m, scope, {
        action: 'REMINDERS_SEND',
        targetType: 'Organization',
        targetId: orgId,
        organizationId: orgId,
        changes: { year, quarter: quarterNo, organizations: rows.length, missingReports },
      });
      return { organizations: rows.length, missingReports };
    });
  }
}
