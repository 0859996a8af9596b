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
  UserAccounts,
  type NotificationInput,
  type Scope,
} from '@sunshine/api/core';
import {
  formatDateZh,
  formatQuarterZh,
  makeQuarter,
  nextReminderAllowedAt,
  ReportingCalendar,
  Role,
  type Quarter,
  type ReminderKind,
} from '@sunshine/shared/domain';
import type { LastReminderDto } from './dtos/overview.dto';
import { RemindersRepository, type MissingRow } from './reminders.repository';
import { ReportingException } from './reporting.exception';

/** 2025年5月20日 10:00 (China time), for messages. */
function formatDateTimeZh(d: Date): string {
  const local = new Date(d.getTime() + 8 * 3_600_000).toISOString();
  return `${formatDateZh(local.slice(0, 10))} ${local.slice(11, 16)}`;
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
    private readonly reminders: RemindersRepository,
    private readonly accounts: UserAccounts,
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

  /** The strict descendants of the given organisations (the bureaus they oversee). */
  private async below(roots: readonly string[]): Promise<string[]> {
    const top = new Set(roots);
    return [...(await this.orgs.subtree(roots))].filter((id) => !top.has(id));
  }

  /**
   * Writes the deadline notifications due now. Each bureau's missing reports are judged by the
   * calendar of their plan: the quarter whose window closes next or closed last (the previous
   * calendar quarter), due in 7 days, due tomorrow (or today), or overdue once the plan's due
   * date has passed. Idempotent: each kind once per bureau and quarter.
   */
  async deadlineSweep(): Promise<number> {
    const now = this.clock.now();
    const quarter = ReportingCalendar.forPlan(null).reminderQuarter(now);
    const tops = await this.orgs.topIds();
    if (tops.length === 0) return 0;
    const bureaus = await this.below(tops);
    const scope = systemScope(tops);
    return this.db.run(scope, async (m) => {
      const rows = await this.reminders.missingByBureau(m, bureaus, quarter);
      // One notice per bureau and kind; a bureau under plans with different windows may get two.
      const due = new Map<string, Notice>();
      for (const r of rows) {
        const calendar = ReportingCalendar.forPlan({ dueDaysAfterQuarter: r.due_days });
        const kind = calendar.reminder(quarter, now);
        if (!kind) continue;
        const key = `${r.organization_id}:${kind}`;
        const notice = due.get(key) ?? {
          organizationId: r.organization_id,
          kind,
          calendar,
          missing: 0,
        };
        notice.missing += r.missing;
        due.set(key, notice);
      }
      return this.notifier.notify(
        m,
        [...due.values()].map((n) => deadlineNotice(n, quarter, now)),
      );
    });
  }

  /** The latest 催办 the organisation sent for the quarter, and when the next one may go. */
  async lastReminder(
    scope: Scope,
    organizationId: string,
    year: number,
    quarterNo: number,
  ): Promise<LastReminderDto | null> {
    await this.db.assertVisible(scope, organizationId);
    const last = await this.db.run(scope, (m) =>
      this.reminders.last(m, organizationId, makeQuarter(year, quarterNo)),
    );
    return (
      last && {
        sentAt: last.sent_at,
        sentByName: last.sent_by_name,
        organizations: last.target_count,
        missingReports: last.missing_reports,
        nextAllowedAt: nextReminderAllowedAt(last.sent_at, this.clock.now()),
      }
    );
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
      // One 催办 per organisation and quarter within the interval (REMINDER_INTERVAL_HOURS).
      const now = this.clock.now();
      const last = await this.reminders.last(m, orgId, quarter);
      const next = nextReminderAllowedAt(last?.sent_at ?? null, now);
      if (last && next) {
        const who = last.sent_by_name ? `（${last.sent_by_name}）` : '';
        throw ReportingException.reminderTooSoon(
          `${formatDateTimeZh(last.sent_at)}${who}`,
          formatDateTimeZh(next),
        );
      }
      const rows = perBureau(
        await this.reminders.missingByBureau(m, await this.below([orgId]), quarter),
      );
      const stamp = now.toISOString();
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
      await this.reminders.record(m, {
        organizationId: orgId,
        quarter,
        sentBy: scope.userId,
        sentByName: (await this.accounts.profile(m, scope.userId))?.displayName ?? null,
        sentAt: now,
        targetCount: rows.length,
        missingReports,
      });
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

/** Missing counts per bureau, whatever the plan. */
function perBureau(
  rows: readonly MissingRow[],
): Array<{ organization_id: string; missing: number }> {
  const out = new Map<string, number>();
  for (const r of rows) out.set(r.organization_id, (out.get(r.organization_id) ?? 0) + r.missing);
  return [...out].map(([organization_id, missing]) => ({ organization_id, missing }));
}

interface Notice {
  organizationId: string;
  kind: ReminderKind;
  calendar: ReportingCalendar;
  missing: number;
}

function deadlineNotice(n: Notice, quarter: Quarter, now: Date): NotificationInput {
  const label = formatQuarterZh(quarter);
  const dueDate = n.calendar.dueDate(quarter);
  const title = {
    DUE_SOON: `${label}进展报送将于${formatDateZh(dueDate)}截止`,
    DUE_TOMORROW:
      n.calendar.daysLeft(quarter, now) === 0
        ? `${label}进展报送今天截止`
        : `${label}进展报送明天截止`,
    OVERDUE: `${label}进展报送已逾期（截止日期${formatDateZh(dueDate)}）`,
  }[n.kind];
  return {
    organizationId: n.organizationId,
    kind: n.kind,
    title,
    body: `本单位尚有 ${n.missing} 项任务未报送${label}进展。`,
    link: '/reporting',
    dedupeKey: `${n.kind}:${quarter.year}Q${quarter.quarter}`,
  };
}
