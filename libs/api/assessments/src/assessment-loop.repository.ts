import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { col, execute, rowShape, select, selectOne, type RowOf } from '@sunshine/api/core';
import { ASSESSMENT_ISSUE_STATUSES } from '@sunshine/shared/domain';

const OwedRow = rowShape({
  id: col.uuid,
  round_id: col.uuid,
  organization_id: col.uuid,
  issue_type: col.text,
  deadline: col.day,
  status: col.oneOf(ASSESSMENT_ISSUE_STATUSES),
  reminders_sent: col.textArray,
  /** The last transition's action (RETURN, SEND_BACK, REJECT_DISPUTE for a returned issue). */
  last_action: col.text.nullable,
});
/** An issue the bureau still owes an answer to, with the reminders already sent for it. */
export type OwedRow = RowOf<typeof OwedRow>;

const OverdueRow = rowShape({ organization_id: col.uuid, overdue: col.int });
export type OverdueRow = RowOf<typeof OverdueRow>;

const MenuRow = rowShape({ to_rectify: col.int, returned: col.int, to_verify: col.int });
export type MenuRow = RowOf<typeof MenuRow>;

const TrendEventRow = rowShape({ issue_id: col.uuid, day: col.day, to_status: col.text });
export type TrendEventRow = RowOf<typeof TrendEventRow>;

const IdRow = rowShape({ id: col.uuid });

/** Statuses in which the bureau owes an answer (`bureauOwesAnswer` in shared/domain). */
const OWED_SQL = `('OPEN','RECTIFYING','RETURNED','AWAITING_APPROVAL')`;

/**
 * The rectification loop's deadlines, reminders, menu counts and trend: statements on the
 * assessments feature's own tables (`assessment_rounds`, `assessment_issues`,
 * `assessment_issue_events`).
 */
@Injectable()
export class AssessmentLoopRepository {
  async setRoundDeadlineRule(
    m: EntityManager,
    roundId: string,
    workingDays: number | null,
    warning: string,
  ): Promise<void> {
    await execute(
      m,
      `UPDATE assessment_rounds SET default_deadline_working_days = $2, deadline_warning = $3
       WHERE id = $1`,
      [roundId, workingDays, warning],
    );
  }

  /**
   * On publication: the round's default deadline becomes `date`; its issues that still carry the
   * provisional default (not set by hand, not given their own date) move with it.
   */
  async applyRoundDeadline(
    m: EntityManager,
    roundId: string,
    previous: string,
    date: string,
    warning: string,
  ): Promise<number> {
    await execute(
      m,
      `UPDATE assessment_rounds SET default_deadline = $2::date, deadline_warning = $3 WHERE id = $1`,
      [roundId, date, warning],
    );
    const moved = await select(
      m,
      IdRow,
      `UPDATE assessment_issues SET deadline = $3::date
       WHERE round_id = $1 AND deadline = $2::date AND NOT deadline_overridden AND deadline <> $3::date
       RETURNING id`,
      [roundId, previous, date],
    );
    return moved.length;
  }

  /** A deadline set by hand: kept by publication; its reminders start again. */
  async markDeadlineOverridden(m: EntityManager, issueId: string): Promise<void> {
    await execute(
      m,
      `UPDATE assessment_issues SET deadline_overridden = true, reminders_sent = '{}' WHERE id = $1`,
      [issueId],
    );
  }

  /** A returned issue is owed again: its deadline reminders may be sent again. */
  async clearReminders(m: EntityManager, issueId: string): Promise<void> {
    await execute(m, `UPDATE assessment_issues SET reminders_sent = '{}' WHERE id = $1`, [issueId]);
  }

  /**
   * The issues of published rounds the bureau still owes an answer to, due on or before `until`
   * or returned, with the reminders already sent and the last transition's action.
   */
  owedIssues(m: EntityManager, until: string): Promise<OwedRow[]> {
    return select(
      m,
      OwedRow,
      `SELECT i.id, i.round_id, i.organization_id, i.issue_type, i.deadline, i.status,
              i.reminders_sent, e.action AS last_action
       FROM assessment_issues i
       JOIN assessment_rounds r ON r.id = i.round_id AND r.status = 'PUBLISHED'
       LEFT JOIN LATERAL (
         SELECT action FROM assessment_issue_events ev WHERE ev.issue_id = i.id
         ORDER BY ev.at DESC, ev.id DESC LIMIT 1
       ) e ON i.status = 'RETURNED'
       WHERE i.status IN ${OWED_SQL} AND (i.deadline <= $1::date OR i.status = 'RETURNED')
       ORDER BY i.organization_id, i.deadline, i.id
       FOR UPDATE OF i SKIP LOCKED`,
      [until],
    );
  }

  /** Records the reminder kinds sent per issue (each kind once, whatever runs again). */
  async markReminded(
    m: EntityManager,
    sent: ReadonlyArray<{ id: string; kinds: string[] }>,
  ): Promise<void> {
    if (sent.length === 0) return;
    await execute(
      m,
      `UPDATE assessment_issues i
       SET reminders_sent = ARRAY(SELECT DISTINCT k FROM unnest(i.reminders_sent || x.kinds) k ORDER BY k)
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, kinds text[])
       WHERE i.id = x.id`,
      [JSON.stringify(sent)],
    );
  }

  /** Per bureau of the round (within `orgIds` when given): its overdue issues still owed. */
  overdueByBureau(
    m: EntityManager,
    roundId: string,
    today: string,
    orgIds: readonly string[] | null,
  ): Promise<OverdueRow[]> {
    return select(
      m,
      OverdueRow,
      `SELECT organization_id, count(*)::int AS overdue FROM assessment_issues
       WHERE round_id = $1 AND status IN ${OWED_SQL} AND deadline < $2::date
         AND ($3::uuid[] IS NULL OR organization_id = ANY($3::uuid[]))
       GROUP BY organization_id ORDER BY organization_id`,
      [roundId, today, orgIds],
    );
  }

  /**
   * The menu counts in one statement over published rounds: the bureau's issues to rectify
   * (open, being rectified) and returned (when `bureau`), and the issues awaiting 复核 in the
   * rounds the caller decides: an assessor's rounds (`app_assessor_rounds()`), or the rounds its
   * organisation issued (an ADMIN). RLS keeps every count inside the caller's scope.
   */
  async menuCounts(
    m: EntityManager,
    orgId: string,
    bureau: boolean,
    decides: 'ASSESSOR' | 'ISSUER' | 'NONE',
  ): Promise<MenuRow> {
    const row = await selectOne(
      m,
      MenuRow,
      `SELECT
         count(*) FILTER (WHERE $2 AND i.organization_id = $1 AND i.status IN ('OPEN','RECTIFYING'))::int AS to_rectify,
         count(*) FILTER (WHERE $2 AND i.organization_id = $1 AND i.status = 'RETURNED')::int AS returned,
         count(*) FILTER (WHERE i.status = 'AWAITING_VERIFICATION' AND CASE $3::text
           WHEN 'ASSESSOR' THEN i.round_id IN (SELECT app_assessor_rounds())
           WHEN 'ISSUER' THEN r.organization_id = $1 ELSE false END)::int AS to_verify
       FROM assessment_issues i JOIN assessment_rounds r ON r.id = i.round_id AND r.status = 'PUBLISHED'
       WHERE ($2 AND i.organization_id = $1) OR ($3::text <> 'NONE' AND i.status = 'AWAITING_VERIFICATION')`,
      [orgId, bureau, decides],
    );
    return row ?? { to_rectify: 0, returned: 0, to_verify: 0 };
  }

  /**
   * Every status change of the round's issues within `orgIds` (null: all visible), by China
   * calendar day, for the trend of open problems over the round's life. Each issue starts OPEN
   * on the day it was raised (its CREATE event, else the later of its creation and the round's
   * publication).
   */
  trendEvents(
    m: EntityManager,
    roundId: string,
    orgIds: readonly string[] | null,
  ): Promise<TrendEventRow[]> {
    return select(
      m,
      TrendEventRow,
      `SELECT issue_id, (at AT TIME ZONE 'Asia/Shanghai')::date AS day, to_status FROM (
         SELECT i.id AS issue_id, 'OPEN' AS to_status, 0 AS o,
           coalesce((SELECT min(c.at) FROM assessment_issue_events c
                     WHERE c.issue_id = i.id AND c.from_status IS NULL),
                    greatest(r.published_at, i.created_at)) AS at
         FROM assessment_issues i JOIN assessment_rounds r ON r.id = i.round_id
         WHERE i.round_id = $1 AND ($2::uuid[] IS NULL OR i.organization_id = ANY($2::uuid[]))
         UNION ALL
         SELECT e.issue_id, e.to_status, 1, e.at FROM assessment_issue_events e
         WHERE e.round_id = $1 AND e.from_status IS NOT NULL
           AND ($2::uuid[] IS NULL OR e.organization_id = ANY($2::uuid[]))
       ) x ORDER BY at, o, issue_id`,
      [roundId, orgIds],
    );
  }
}
