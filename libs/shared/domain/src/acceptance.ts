import { ReportStatus } from './progress-workflow';

/**
 * 待验收 (awaiting acceptance), one definition for the worklist, its badge and the overview: a
 * quarterly report approved by its own bureau's reviewer (status APPROVED) that waits for the
 * acceptance of the bureau's direct overseer. A report still under its own bureau's review
 * (SUBMITTED) is 待审核, not 待验收; a county's report waits for its city, not for the province.
 */
export const AWAITING_ACCEPTANCE = {
  label: '待验收',
  status: ReportStatus.APPROVED,
  hint: '直接下级单位已审核、等待本单位验收的季度进展（不含下级单位尚在审核中的；更下级单位的进展由其上级单位验收）',
} as const;

/** Whether a report of `reportOrgParentId`'s child waits for `acceptorOrgId` to accept it. */
export function awaitsAcceptanceBy(
  report: { status: ReportStatus; organizationParentId: string | null },
  acceptorOrgId: string,
): boolean {
  return (
    report.status === AWAITING_ACCEPTANCE.status && report.organizationParentId === acceptorOrgId
  );
}

/** Most reports one batch 验收 / 退回 may carry. */
export const BATCH_DECISION_MAX = 100;

/** Shortest interval between two 催办 of the same organisation for the same quarter. */
export const REMINDER_INTERVAL_HOURS = 24;

/**
 * When the next 催办 may be sent after one sent at `lastSentAt`; null when one may be sent now.
 */
export function nextReminderAllowedAt(lastSentAt: Date | null, now: Date): Date | null {
  if (!lastSentAt) return null;
  const next = new Date(lastSentAt.getTime() + REMINDER_INTERVAL_HOURS * 3_600_000);
  return next.getTime() > now.getTime() ? next : null;
}
