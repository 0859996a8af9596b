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

/** The six figures summed over precomputed rows of `report_figures` (alias `f`). */
const SUMS = `
  sum(f.assigned)::int AS assigned, sum(f.due)::int AS due, sum(f.completed)::int AS completed,
  sum(f.accepted)::int AS accepted, sum(f.reported)::int AS reported, sum(f.on_time)::int AS on_time`;

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
   * The per-bureau and the per-category figures of the quarter in one scan (GROUPING SETS) of the
   * precomputed figures (`report_figures`: per bureau, year, quarter, plan and category, kept
   * exact by triggers in the writing transaction; see its migration) of the subtree `orgIds`.
   * Each group also carries the latest plan window among its plans, for the overview's due date.
   */
  grouped(m: EntityManager, orgIds: readonly string[], p: OverviewPeriod): Promise<GroupedRow[]> {
    return select(
      m,
      GroupedRow,
      `SELECT f.organization_id, c.name AS category, min(c.sort_order)::int AS sort_order,
              GROUPING(f.organization_id)::int AS by_category, max(c.due_days_after_quarter)::int AS due_days,
              ${SUMS}
       FROM report_figures f
       JOIN category_refs c ON c.category_id = f.category_id
       WHERE f.organization_id = ANY($1::uuid[]) AND f.year = $2 AND f.quarter = $3
       GROUP BY GROUPING SETS ((f.organization_id), (c.name))`,
      [orgIds, p.year, p.quarter],
    );
  }

  /** The year's quarters up to the given one, from the precomputed figures. */
  trend(
    m: EntityManager,
    orgIds: readonly string[],
    year: number,
    quarter: number,
  ): Promise<TrendRow[]> {
    return select(
      m,
      TrendRow,
      `SELECT f.quarter::int AS quarter, ${SUMS}
       FROM report_figures f
       WHERE f.organization_id = ANY($1::uuid[]) AND f.year = $2 AND f.quarter <= $3
       GROUP BY f.quarter ORDER BY f.quarter`,
      [orgIds, year, quarter],
    );
  }
}
