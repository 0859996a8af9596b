import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { col, execute, rowShape, select, selectOne, type RowOf } from '@sunshine/api/core';
import type { Quarter } from '@sunshine/shared/domain';

const MissingRow = rowShape({
  organization_id: col.uuid,
  due_days: col.int.nullable,
  missing: col.int,
});
/** A bureau's assignments without a submitted report for a quarter, per plan window. */
export type MissingRow = RowOf<typeof MissingRow>;

const LastReminderRow = rowShape({
  sent_at: col.date,
  sent_by_name: col.text.nullable,
  target_count: col.int,
  missing_reports: col.int,
});
/** The latest 催办 of an organisation for a quarter: when, by whom, to how many. */
export type LastReminderRow = RowOf<typeof LastReminderRow>;

export interface ReminderRecord {
  organizationId: string;
  quarter: Quarter;
  sentBy: string;
  sentByName: string | null;
  sentAt: Date;
  targetCount: number;
  missingReports: number;
}

/** `reminders` (the 催办 log) and the counts that reminders are written from. */
@Injectable()
export class RemindersRepository {
  /**
   * For each of the bureaus `orgIds`, its active assignments of the quarter's year that have no
   * submitted report for the quarter, grouped by the window of their plan.
   */
  missingByBureau(
    m: EntityManager,
    orgIds: readonly string[],
    quarter: Quarter,
  ): Promise<MissingRow[]> {
    return select(
      m,
      MissingRow,
      `SELECT a.organization_id, a.due_days_after_quarter AS due_days, count(*)::int AS missing
       FROM assigned_tasks a
       LEFT JOIN progress_reports r ON r.assignment_id = a.assignment_id AND r.year = $2 AND r.quarter = $3
       WHERE a.year = $2 AND a.active AND (r.id IS NULL OR r.status = 'DRAFT')
         AND a.organization_id = ANY($1::uuid[])
       GROUP BY a.organization_id, a.due_days_after_quarter
       ORDER BY a.organization_id`,
      [orgIds, quarter.year, quarter.quarter],
    );
  }

  async record(m: EntityManager, r: ReminderRecord): Promise<void> {
    await execute(
      m,
      `INSERT INTO reminders(organization_id, year, quarter, sent_by, target_count, missing_reports, sent_by_name, sent_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        r.organizationId,
        r.quarter.year,
        r.quarter.quarter,
        r.sentBy,
        r.targetCount,
        r.missingReports,
        r.sentByName,
        r.sentAt,
      ],
    );
  }

  /** The latest 催办 an organisation sent for a quarter, if any. */
  last(m: EntityManager, orgId: string, quarter: Quarter): Promise<LastReminderRow | null> {
    return selectOne(
      m,
      LastReminderRow,
      `SELECT sent_at, sent_by_name, target_count, missing_reports FROM reminders
       WHERE organization_id = $1 AND year = $2 AND quarter = $3
       ORDER BY sent_at DESC LIMIT 1`,
      [orgId, quarter.year, quarter.quarter],
    );
  }
}
