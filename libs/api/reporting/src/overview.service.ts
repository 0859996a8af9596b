import { Injectable } from '@nestjs/common';
import { AppError, Clock, OrgDirectory, TenantDatabase, type Scope } from '@sunshine/api/core';
import {
  chinaDateOf,
  formatQuarterZh,
  makeQuarter,
  ReportingCalendar,
} from '@sunshine/shared/domain';
import type {
  CategoryCompletionDto,
  CompletionFiguresDto,
  CompletionOverviewDto,
  CompletionRowDto,
  CompletionTrendPointDto,
} from './dtos/overview.dto';
import { OverviewRepository, type CountRow } from './overview.repository';
import { orgDto } from './report-views';

/** A subtree under 1/8 of all bureaus reads its figures bureau by bureau (overview.repository.ts). */
const NARROW_SHARE = 8;

const ratio = (n: number, d: number): number => (d > 0 ? Math.round((n / d) * 10000) / 10000 : 0);

export function figures(c: CountRow): CompletionFiguresDto {
  return {
    assigned: c.assigned,
    due: c.due,
    completed: c.completed,
    accepted: c.accepted,
    reported: c.reported,
    onTime: c.on_time,
    awaitingAcceptance: c.awaiting,
    completionRate: ratio(c.completed, c.due),
    reportingRate: ratio(c.reported, c.assigned),
    onTimeRate: ratio(c.on_time, c.assigned),
  };
}

/** A row's figures, whole (`figures`) and spread for the deprecated flat fields. */
function rowFigures(c: CountRow): CompletionFiguresDto & { figures: CompletionFiguresDto } {
  const f = figures(c);
  return { ...f, figures: f };
}

const ZERO: CountRow = {
  assigned: 0,
  due: 0,
  completed: 0,
  accepted: 0,
  reported: 0,
  on_time: 0,
  awaiting: 0,
};

function add(a: CountRow, b: CountRow): CountRow {
  return {
    assigned: a.assigned + b.assigned,
    due: a.due + b.due,
    completed: a.completed + b.completed,
    accepted: a.accepted + b.accepted,
    reported: a.reported + b.reported,
    on_time: a.on_time + b.on_time,
    awaiting: a.awaiting + b.awaiting,
  };
}

/**
 * The completion overview: for an organisation and a quarter, one row per direct child (its whole
 * subtree), by category, and the year's quarterly trend. One statement after the tenant context,
 * whatever the number of organisations; see docs/benchmarks.md.
 */
@Injectable()
export class OverviewService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly orgs: OrgDirectory,
    private readonly overview: OverviewRepository,
    private readonly clock: Clock,
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
    // Each bureau of the subtree with the direct child it lies under (the hierarchy is cached),
    // so the statement sums straight into the overview's rows.
    const ids = [...(await this.orgs.subtree([orgId]))];
    const childOf = await this.orgs.childUnder(orgId, ids);
    const subtree = ids.map((id) => ({ id, child: childOf.get(id) ?? orgId }));
    return this.db.run(scope, async (m) => {
      const narrow = subtree.length * NARROW_SHARE < (await this.orgs.size());
      const { orgs, grouped, trend } = await this.overview.overview(
        m,
        orgId,
        subtree,
        { year, quarter: quarterNo },
        narrow,
      );
      const self = orgs.find((o) => o.id === orgId);
      if (!self) throw AppError.notFound();
      const children = orgs.filter((o) => o.id !== orgId);
      const perChild = grouped.filter((g) => g.by_category === 0);
      const byCategory = grouped
        .filter((g) => g.by_category === 1)
        .sort(
          (a, b) =>
            a.sort_order - b.sort_order || (a.category ?? '').localeCompare(b.category ?? ''),
        );
      const figuresOf = new Map(perChild.map((r) => [r.organization_id, r]));
      // The header's due date: the calendar of the plans the figures cover.
      const calendar = ReportingCalendar.forPlans(
        perChild.map((r) => ({ dueDaysAfterQuarter: r.due_days })),
      );
      const rows: CompletionRowDto[] = children.map((c) => ({
        organization: orgDto(c),
        childCount: c.child_count,
        ...rowFigures(figuresOf.get(c.id) ?? ZERO),
      }));
      const sum = perChild.reduce(add, ZERO);
      // A quarter whose reporting window has not closed is still moving: not a final figure.
      const now = this.clock.now();
      const own = figuresOf.get(orgId);
      return {
        organization: orgDto(self),
        year,
        quarter: quarterNo,
        dueDate: calendar.dueDate(quarter),
        asOf: chinaDateOf(now),
        open: calendar.isOpen(quarter, now),
        total: figures(sum),
        own: own ? figures(own) : null,
        rows,
        byCategory: byCategory.map((c): CategoryCompletionDto => ({
          category: c.category ?? '',
          sortOrder: c.sort_order,
          ...rowFigures(c),
        })),
        trend: trend.map((t): CompletionTrendPointDto => {
          const q = makeQuarter(year, t.quarter);
          return {
            year,
            quarter: q.quarter,
            label: formatQuarterZh(q),
            open: calendar.isOpen(q, now),
            ...rowFigures(t),
          };
        }),
      };
    });
  }
}
