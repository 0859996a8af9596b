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

/** The seven figures counted for a set of assignments and a quarter (`awaiting`: 待验收). */
export type CountRow = Pick<GroupedRow, keyof typeof counts>;

/** The seven figures summed over rows of the overview's figures (alias `f`). */
const SUMS = `
  sum(f.assigned)::int AS assigned, sum(f.due)::int AS due, sum(f.completed)::int AS completed,
  sum(f.accepted)::int AS accepted, sum(f.reported)::int AS reported, sum(f.on_time)::int AS on_time,
  sum(f.awaiting)::int AS awaiting`;

const isArray = (v: unknown): v is unknown[] => Array.isArray(v);

/**
 * The figures of the subtree's bureaus (`s`), read one of two ways, each its own named statement:
 * for a subtree that is most of the database (a province alone, the national root), one scan of
 * the period's figures joined to the subtree; for a small part of a large database (a province
 * in the national one, a city), an index look-up per bureau, kept from being turned into the
 * scan by OFFSET 0. A generic plan cannot tell the two apart (it does not see the array's
 * length): Anhui seen from the national root scanned the nation's 53,000 figure rows of the
 * period to keep 2,160 (docs/benchmarks.md).
 */
const PERIOD_SCAN = `JOIN report_figures f ON f.organization_id = s.org AND f.year = $4 AND f.quarter <= $5`;
const PER_BUREAU = `CROSS JOIN LATERAL (
             SELECT f.quarter, f.category_id, f.assigned, f.due, f.completed, f.accepted, f.reported, f.on_time
             FROM report_figures f WHERE f.organization_id = s.org AND f.year = $4 AND f.quarter <= $5
             OFFSET 0) f`;

/** The three parts of the overview, each a JSON array of rows checked against its shape. */
const OverviewParts = rowShape({
  orgs: col.json('org rows', isArray),
  grouped: col.json('grouped rows', isArray),
  trend: col.json('trend rows', isArray),
});

export interface OverviewData {
  orgs: OverviewOrgRow[];
  grouped: GroupedRow[];
  trend: TrendRow[];
}

/**
 * The completion overview in one statement (one round trip after the tenant context): the
 * organisation and its direct children (org_units), and from the precomputed figures
 * (`report_figures`: per bureau, year, quarter, plan and category, kept exact by triggers in the
 * writing transaction; see its migration) of the bureaus of the subtree, read once: the figures
 * of the quarter per direct child (`subtree` maps each bureau to the direct child it lies under,
 * or to the organisation itself for its own figures) and per category (GROUPING SETS, each group
 * with the latest plan window among its plans, for the overview's due date), and the year's
 * quarters up to it (the trend).
 *
 * 待验收 (`awaiting`, AWAITING_ACCEPTANCE in shared/domain) is not precomputed: it counts the
 * approved reports of the direct children's own active assignments of the year, the quarter's
 * and the earlier quarters' (each report counts in every trend point from its quarter on), read
 * in the same statement from the partial index on approved reports (`progress_reports_approved_idx`:
 * organisation, year, quarter; index only). Measured: 0.1 ms (no approved report) to 0.7 ms (177
 * approved reports of the direct children) on a 0.9–1.6 ms statement for a province; keeping it in
 * `report_figures` would add a write to every approval and a running sum to the read.
 *
 * The statement is named (planned once, generically), so its shape must not depend on estimates
 * that grow with history: the approved reports are read per direct child (LATERAL, kept from
 * being pulled up by OFFSET 0: an index scan each), and the categories of the figures are read
 * once (`cats`) before the grouping joins them. Without both, the generic plan for ten years of
 * data scanned every approved report of the year and every year's categories per figure row
 * (10.2 ms against 5.6 ms for one year; now 5.2–5.8 against 4.9–5.1, docs/benchmarks.md).
 */
@Injectable()
export class OverviewRepository {
  async overview(
    m: EntityManager,
    orgId: string,
    subtree: ReadonlyArray<{ id: string; child: string }>,
    p: { year: number; quarter: number },
    /** The subtree is a small part of all bureaus: its figures are looked up bureau by bureau. */
    narrow: boolean,
  ): Promise<OverviewData> {
    const [parts] = await select(
      m,
      OverviewParts,
      `WITH f AS MATERIALIZED (
         SELECT f.child, f.quarter, f.category_id, ${SUMS} FROM (
           SELECT s.child, f.quarter, f.category_id, f.assigned, f.due, f.completed, f.accepted,
                  f.reported, f.on_time, 0 AS awaiting
           FROM unnest($2::uuid[], $3::uuid[]) AS s(org, child)
           ${narrow ? PER_BUREAU : PERIOD_SCAN}
           UNION ALL
           SELECT p.organization_id, g.q, a.category_id, 0, 0, 0, 0, 0, 0, 1
           FROM (SELECT id FROM org_units WHERE parent_id = $1) k
           JOIN LATERAL (
             SELECT p.organization_id, p.assignment_id, p.quarter FROM progress_reports p
             WHERE p.organization_id = k.id AND p.status = 'APPROVED' AND p.year = $4 AND p.quarter <= $5
             OFFSET 0) p ON true
           JOIN assigned_tasks a ON a.assignment_id = p.assignment_id AND a.year = $4 AND a.active
           CROSS JOIN generate_series(p.quarter::int, $5::int) AS g(q)) f
         GROUP BY f.child, f.quarter, f.category_id),
       cats AS MATERIALIZED (
         SELECT c.category_id, c.name, c.sort_order, c.due_days_after_quarter FROM category_refs c
         WHERE c.category_id IN (SELECT DISTINCT category_id FROM f))
       SELECT
         (SELECT coalesce(json_agg(o ORDER BY o.code), '[]') FROM (
            SELECT o.id, o.code, o.name, o.level, o.parent_id,
                   (SELECT count(*) FROM org_units x WHERE x.parent_id = o.id)::int AS child_count
            FROM org_units o WHERE o.id = $1 OR o.parent_id = $1) o) AS orgs,
         (SELECT coalesce(json_agg(g), '[]') FROM (
            SELECT f.child AS organization_id, c.name AS category, min(c.sort_order)::int AS sort_order,
                   GROUPING(f.child)::int AS by_category,
                   max(c.due_days_after_quarter)::int AS due_days, ${SUMS}
            FROM f JOIN cats c ON c.category_id = f.category_id
            WHERE f.quarter = $5
            GROUP BY GROUPING SETS ((f.child), (c.name))) g) AS grouped,
         (SELECT coalesce(json_agg(t ORDER BY t.quarter), '[]') FROM (
            SELECT f.quarter::int AS quarter, ${SUMS} FROM f GROUP BY f.quarter) t) AS trend`,
      [orgId, subtree.map((s) => s.id), subtree.map((s) => s.child), p.year, p.quarter],
      { prepared: true },
    );
    if (!parts) throw new Error('the overview statement returned no row');
    return {
      orgs: OverviewOrgRow.parseAll(parts.orgs),
      grouped: GroupedRow.parseAll(parts.grouped),
      trend: TrendRow.parseAll(parts.trend),
    };
  }
}
