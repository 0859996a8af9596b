import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { col, execute, rowShape, select, selectOne, type RowOf } from '@sunshine/api/core';
import { ProgressAction, ReportStatus } from '@sunshine/shared/domain';
import { HOT } from './progress-reports.repository';

const STATUSES = Object.values(ReportStatus);
/** What a history entry records: the report's creation or a workflow action (`ReportEventAction`). */
const ACTIONS = ['CREATE', ...Object.values(ProgressAction)] as const;

const ReportEventRow = rowShape({
  id: col.text,
  report_id: col.uuid,
  action: col.oneOf(ACTIONS),
  from_status: col.oneOf(STATUSES).nullable,
  to_status: col.oneOf(STATUSES),
  username: col.text.nullable,
  display_name: col.text.nullable,
  comment: col.text.nullable,
  created_at: col.date,
});
export type ReportEventRow = RowOf<typeof ReportEventRow>;

const LastEventRow = rowShape({ action: col.text, user_id: col.uuid.nullable });

export interface ReportEventInput {
  reportId: string;
  organizationId: string;
  action: string;
  from: string | null;
  to: string;
  userId: string;
  username: string;
  /** The person's display name at the time (null when unknown, e.g. the system). */
  displayName: string | null;
  actorOrganizationId: string;
  comment: string | null;
}

/** `report_events`: the per-report history shown to users (the audit trail is separate). */
@Injectable()
export class ReportEventsRepository {
  async append(m: EntityManager, e: ReportEventInput): Promise<void> {
    await execute(
      m,
      `INSERT INTO report_events(report_id, organization_id, action, from_status, to_status, user_id, username, actor_organization_id, comment, display_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        e.reportId,
        e.organizationId,
        e.action,
        e.from,
        e.to,
        e.userId,
        e.username,
        e.actorOrganizationId,
        e.comment,
        e.displayName,
      ],
      HOT,
    );
  }

  /** The histories of many reports at once, oldest event first. */
  listFor(m: EntityManager, reportIds: readonly string[]): Promise<ReportEventRow[]> {
    return select(
      m,
      ReportEventRow,
      `SELECT id::text, report_id, action, from_status, to_status, username, display_name, comment, created_at
       FROM report_events WHERE report_id = ANY($1::uuid[]) ORDER BY id`,
      [reportIds],
    );
  }

  /** A report's latest event: what was done last, and by whom. */
  async latest(
    m: EntityManager,
    reportId: string,
  ): Promise<{ action: string; userId: string | null } | null> {
    const row = await selectOne(
      m,
      LastEventRow,
      'SELECT action, user_id FROM report_events WHERE report_id = $1 ORDER BY id DESC LIMIT 1',
      [reportId],
    );
    return row && { action: row.action, userId: row.user_id };
  }
}
