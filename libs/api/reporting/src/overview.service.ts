import { Injectable } from '@nestjs/common';
import {
  AppError,
  OrganizationDto,
  OrgDirectory,
  TenantDatabase,
  type OrganizationRecord,
  type Scope,
} from '@sunshine/api/core';
import {
  defaultDueDate,
  formatQuarterZh,
  makeQuarter,
  quarterEnd,
  type QuarterNumber,
} from '@sunshine/shared/domain';
import type {
  CategoryCompletionDto,
  CompletionFiguresDto,
  CompletionOverviewDto,
  CompletionRowDto,
  CompletionTrendPointDto,
} from './dtos/overview.dto';

interface CountRow {
  assigned: number;
  due: number;
  completed: number;
  accepted: number;
  reported: number;
  on_time: number;
}

const ratio = (n: number, d: number): number => (d > 0 ? Math.round((n / d) * 10000) / 10000 : 0);

export function figures(c: CountRow): CompletionFiguresDto {
  return {
    assigned: c.assigned,
    due: c.due,
    completed: c.completed,
    accepted: c.accepted,
    reported: c.reported,
    onTime: c.on_time,
    completionRate: ratio(c.completed, c.due),
    reportingRate: ratio(c.reported, c.assigned),
    onTimeRate: ratio(c.on_time, c.assigned),
  };
}

const ZERO: CountRow = { assigned: 0, due: 0, completed: 0, accepted: 0, reported: 0, on_time: 0 };

function add(a: CountRow, b: CountRow): CountRow {
  return {
    assigned: a.assigned + b.assigned,
    due: a.due + b.due,
    completed: a.completed + b.completed,
    accepted: a.accepted + b.accepted,
    reported: a.reported + b.reported,
    on_time: a.on_time + b.on_time,
  };
}

const COUNTS = (due: string, key: string): string => `
  count(*)::int AS assigned,
  count(*) FILTER (WHERE t.due_date <= ${due})::int AS due,
  count(*) FILTER (WHERE t.due_date <= ${due} AND a.completed_key <= ${key})::int AS completed,
  count(r.id) FILTER (WHERE r.status = 'ACCEPTED')::int AS accepted,
  count(r.id) FILTER (WHERE r.status IN ('SUBMITTED', 'APPROVED', 'ACCEPTED'))::int AS reported,
  count(r.id) FILTER (WHERE r.status IN ('SUBMITTED', 'APPROVED', 'ACCEPTED') AND NOT r.late)::int AS on_time`;

/**
 * The completion overview: for an organisation and a quarter, one row per direct child (its whole
 * subtree), by category, and the year's quarterly trend. Four statements after the tenant context,
 * whatever the number of organisations; see docs/benchmarks.md.
 */
@Injectable()
export class OverviewService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly orgs: OrgDirectory,
  ) {}

  async completionOverview(
    scope: Scope,
    year: number,
    quarterNo: number,
    organizationId?: string,
  ): Promise<CompletionOverviewDto> {
    if (
      !Number.isInteger(year) ||
      year < 2000 ||
      year > 2100 ||
      ![1, 2, 3, 4].includes(quarterNo)
    ) {
      throw AppError.badInput('BAD_PERIOD', '年度或季度不正确');
    }
    const quarter = makeQuarter(year, quarterNo);
    const orgId = organizationId ?? scope.organizationId;
    await this.db.assertVisible(scope, orgId);
    const qEnd = quarterEnd(quarter);
    const key = year * 10 + quarterNo;
    return this.db.run(scope, async (m) => {
      const orgs = (await m.query(
        `SELECT o.id, o.code, o.name, o.level, o.parent_id,
                (SELECT count(*) FROM organizations x WHERE x.parent_id = o.id)::int AS child_count
         FROM organizations o WHERE o.id = $1 OR o.parent_id = $1 ORDER BY o.code`,
        [orgId],
      )) as Array<{
        id: string;
        code: string;
        name: string;
        level: OrganizationRecord['level'];
        parent_id: string | null;
        child_count: number;
      }>;
      const self = orgs.find((o) => o.id === orgId);
      if (!self) throw AppError.notFound();
      const children = orgs.filter((o) => o.id !== orgId);
      const subtree = `a.organization_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = $1)`;
      // One scan for both the per-bureau and the per-category figures of the quarter. Bureaus are
      // rolled up to the direct children in memory (the hierarchy is cached), which is cheaper
      // than joining the closure table row by row.
      const grouped = (await m.query(
        `SELECT a.organization_id, c.name AS category, min(c.sort_order)::int AS sort_order,
                GROUPING(a.organization_id)::int AS by_category, ${COUNTS('$4::date', '$5')}
         FROM assignments a
         JOIN plan_tasks t ON t.id = a.task_id
         JOIN plan_categories c ON c.id = t.category_id
         LEFT JOIN progress_reports r ON r.assignment_id = a.id AND r.year = $2 AND r.quarter = $3
         WHERE a.year = $2 AND a.active AND ${subtree}
         GROUP BY GROUPING SETS ((a.organization_id), (c.name))`,
        [orgId, year, quarterNo, qEnd, key],
      )) as Array<
        CountRow & {
          organization_id: string | null;
          category: string | null;
          sort_order: number;
          by_category: number;
        }
      >;
      const perOrg = grouped.filter((g) => g.by_category === 0);
      const byCategory = grouped
        .filter((g) => g.by_category === 1)
        .sort(
          (a, b) =>
            a.sort_order - b.sort_order || (a.category ?? '').localeCompare(b.category ?? ''),
        );
      const childOf = await this.orgs.childUnder(
        orgId,
        perOrg.map((r) => r.organization_id ?? ''),
      );
      const perChild = new Map<string | null, CountRow>();
      for (const r of perOrg) {
        const child =
          r.organization_id === orgId ? null : (childOf.get(r.organization_id ?? '') ?? null);
        perChild.set(child, add(perChild.get(child) ?? ZERO, r));
      }
      // The year's quarters up to this one: the reports are read once and hash-joined by quarter.
      const trend = (await m.query(
        `WITH r AS MATERIALIZED (
           SELECT id, assignment_id, quarter, status, late FROM progress_reports WHERE year = $2 AND quarter <= $3)
         SELECT g.q AS quarter, ${COUNTS("(make_date($2, g.q * 3, 1) + interval '1 month' - interval '1 day')::date", '($2 * 10 + g.q)')}
         FROM generate_series(1, $3::int) AS g(q)
         CROSS JOIN assignments a
         JOIN plan_tasks t ON t.id = a.task_id
         LEFT JOIN r ON r.assignment_id = a.id AND r.quarter = g.q
         WHERE a.year = $2 AND a.active AND ${subtree}
         GROUP BY g.q ORDER BY g.q`,
        [orgId, year, quarterNo],
      )) as Array<CountRow & { quarter: QuarterNumber }>;

      const toOrg = (o: (typeof orgs)[number]): OrganizationDto => {
        return OrganizationDto.from({
          id: o.id,
          code: o.code,
          name: o.name,
          level: o.level,
          parentId: o.parent_id,
        });
      };
      const byChild = perChild;
      const rows: CompletionRowDto[] = children.map((c) => ({
        organization: toOrg(c),
        childCount: c.child_count,
        ...figures(byChild.get(c.id) ?? ZERO),
      }));
      const sum = [...perChild.values()].reduce(add, ZERO);
      const own = byChild.get(null);
      return {
        organization: toOrg(self),
        year,
        quarter: quarterNo,
        dueDate: defaultDueDate(quarter),
        total: figures(sum),
        own: own ? figures(own) : null,
        rows,
        byCategory: byCategory.map((c): CategoryCompletionDto => ({
          category: c.category ?? '',
          sortOrder: c.sort_order,
          ...figures(c),
        })),
        trend: trend.map((t): CompletionTrendPointDto => ({
          year,
          quarter: t.quarter,
          label: formatQuarterZh(makeQuarter(year, t.quarter)),
          ...figures(t),
        })),
      };
    });
  }
}
