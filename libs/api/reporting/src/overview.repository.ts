import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { col, rowShape, select, type RowOf } from '@sunshine/api/core';
import { OrgLevel } from '@sunshine/shared/domain';

const OverviewOrgRow = rowShape({
  id: col.uuid,
  code: col.text,
  name: col.text,
  level: col.oneOf(Object.values(OrgLevel)),
  parent_id: col.uuid.nullable,
  child_count: col.int,
});
export type OverviewOrgRow = RowOf<typeof OverviewOrgRow>;

const counts = {
  assigned: col.int,
  due: col.int,
  completed: col.int,
  accepted: col.int,
  reported: col.int,
  on_time: col.int,
  awaiting: col.int,
};

const GroupedRow = rowShape({
  ...counts,
  organization_id: col.uuid.nullable,
  category: col.text.nullable,
  sort_order: col.int,
  by_category: col.int,
  due_days: col.int.nullable,
});
export type GroupedRow = RowOf<typeof GroupedRow>;

const TrendRow = rowShape({ ...counts, quarter: col.int });
export type TrendRow = RowOf<typeof TrendRow>;

/** The six figures counted for a set of assignments and a quarter. */
export type CountRow = Pick<GroupedRow, keyof typeof counts>;

/**
 * `awaiting` is 待验收, read from the AWAITING join below.
 * `due` compares the task's deadline with the quarter's last day; `completed` reads the rollup
 * (`assignment_completion.completed_key`, a quarter key) against the quarter's key.
 */
const COUNTS = (quarterEnd: string, key: string): string => `
  count(*)::int AS assigned,
  count(*) FILTER (WHERE a.task_due_date <= ${quarterEnd})::int AS due,
  count(*) FILTER (WHERE a.task_due_date <= ${quarterEnd} AND ac.completed_key <= ${key})::int AS completed,
  count(r.id) FILTER (WHERE r.status = 'ACCEPTED')::int AS accepted,
  count(r.id) FILTER (WHERE r.status IN ('SUBMITTED', 'APPROVED', 'ACCEPTED'))::int AS reported,
  count(r.id) FILTER (WHERE r.status IN ('SUBMITTED', 'APPROVED', 'ACCEPTED') AND NOT r.late)::int AS on_time,
  coalesce(sum(w.n), 0)::int AS awaiting`;

/**
 * 待验收 of an assignment (AWAITING_ACCEPTANCE in shared/domain), for the direct subordinates
 * (`direct`) only: its approved reports of the year up to the quarter (`quarter`), the
 * earlier quarters' included, as the worklist lists them. A lookup by the (assignment, year,
 * quarter) key, joined only for the direct subordinates' assignments.
 */
const AWAITING = (year: string, quarter: string, direct: string): string => `
  LEFT JOIN LATERAL (
    SELECT count(*)::int AS n FROM progress_reports p
    WHERE p.assignment_id = a.assignment_id AND p.year = ${year} AND p.quarter <= ${quarter}
      AND p.status = 'APPROVED'
  ) w ON a.organization_id = ANY(${direct})`;

/** The period of an overview: a quarter, its last day and its quarter key. */
export interface OverviewPeriod {
  year: number;
  quarter: number;
  quarterEnd: string;
  key: number;
}

/** The completion overview's statements: organisations, one grouped scan, the quarterly trend. */
@Injectable()
export class OverviewRepository {
  /** The organisation and its direct children, each with its number of children (org_units). */
  orgAndChildren(m: EntityManager, orgId: string): Promise<OverviewOrgRow[]> {
    return select(
      m,
      OverviewOrgRow,
      `SELECT o.id, o.code, o.name, o.level, o.parent_id,
              (SELECT count(*) FROM org_units x WHERE x.parent_id = o.id)::int AS child_count
       FROM org_units o WHERE o.id = $1 OR o.parent_id = $1 ORDER BY o.code`,
      [orgId],
    );
  }

  /**
   * One scan for both the per-bureau and the per-category figures of the quarter (GROUPING SETS),
   * over the active assignments of the subtree `orgIds`. Each group also carries the latest plan
   * window among its assignments, for the overview's due date.
   */
  grouped(
    m: EntityManager,
    orgIds: readonly string[],
    p: OverviewPeriod,
    direct: readonly string[],
  ): Promise<GroupedRow[]> {
    return select(
      m,
      GroupedRow,
      `SELECT a.organization_id, a.category_name AS category, min(a.category_sort_order)::int AS sort_order,
              GROUPING(a.organization_id)::int AS by_category, max(a.due_days_after_quarter)::int AS due_days,
              ${COUNTS('$4::date', '$5')}
       FROM assigned_tasks a
       LEFT JOIN assignment_completion ac ON ac.assignment_id = a.assignment_id
       LEFT JOIN progress_reports r ON r.assignment_id = a.assignment_id AND r.year = $2 AND r.quarter = $3
       ${AWAITING('$2', '$3', '$6::uuid[]')}
       WHERE a.year = $2 AND a.active AND a.organization_id = ANY($1::uuid[])
       GROUP BY GROUPING SETS ((a.organization_id), (a.category_name))`,
      [orgIds, p.year, p.quarter, p.quarterEnd, p.key, direct],
    );
  }

  /**
   * The year's quarters up to the given ones (`quarters`, with their last days and keys): the
   * reports are read once and hash-joined by quarter.
   */
  trend(
    m: EntityManager,
    orgIds: readonly string[],
    year: number,
    quarters: readonly OverviewPeriod[],
    direct: readonly string[],
  ): Promise<TrendRow[]> {
    return select(
      m,
      TrendRow,
      `WITH r AS MATERIALIZED (
         SELECT id, assignment_id, quarter, status, late FROM progress_reports
         WHERE year = $2 AND quarter = ANY($3::int[]))
       SELECT g.q AS quarter, ${COUNTS('g.q_end', 'g.key')}
       FROM unnest($3::int[], $4::date[], $5::int[]) AS g(q, q_end, key)
       CROSS JOIN assigned_tasks a
       LEFT JOIN assignment_completion ac ON ac.assignment_id = a.assignment_id
       LEFT JOIN r ON r.assignment_id = a.assignment_id AND r.quarter = g.q
       ${AWAITING('$2', 'g.q', '$6::uuid[]')}
       WHERE a.year = $2 AND a.active AND a.organization_id = ANY($1::uuid[])
       GROUP BY g.q ORDER BY g.q`,
      [
        orgIds,
        year,
        quarters.map((q) => q.quarter),
        quarters.map((q) => q.quarterEnd),
        quarters.map((q) => q.key),
        direct,
      ],
    );
  }
}
