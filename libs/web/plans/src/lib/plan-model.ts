import { orgLevelLabel } from '@sunshine/web/ui';
import type { OrgLevel, PlanDetailQuery, PlanStatus, Role } from '@sunshine/web/graphql';

export type PlanDetail = PlanDetailQuery['plan'];
export type PlanCategoryItem = PlanDetail['categories'][number];
export type PlanTaskItem = PlanCategoryItem['tasks'][number];

const STATUS: Record<PlanStatus, { label: string; color: string }> = {
  DRAFT: { label: '草稿', color: 'orange' },
  PUBLISHED: { label: '已发布', color: 'green' },
  CLOSED: { label: '已关闭', color: 'default' },
};

export function planStatusView(status: PlanStatus): { label: string; color: string } {
  return STATUS[status] ?? { label: status, color: 'default' };
}

const NUMERALS = '零一二三四五六七八九十';

/** 1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十 (category headings: 一、二、…). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0) return String(n);
  if (n <= 10) return NUMERALS.charAt(n);
  if (n < 20) return `十${NUMERALS.charAt(n - 10)}`;
  if (n < 100)
    return `${NUMERALS.charAt(Math.floor(n / 10))}十${n % 10 === 0 ? '' : NUMERALS.charAt(n % 10)}`;
  return String(n);
}

/** A row of the checklist table: a category heading or a task. */
export type ChecklistRow =
  | {
      kind: 'category';
      key: string;
      id: string;
      heading: string;
      taskCount: number;
      weight: number;
    }
  | { kind: 'task'; key: string; task: PlanTaskItem; categoryName: string };

/** Categories in order, each followed by its tasks, for one table with category headings. */
export function checklistRows(categories: readonly PlanCategoryItem[]): ChecklistRow[] {
  const rows: ChecklistRow[] = [];
  [...categories]
    .sort((a, b) => a.sortOrder - b.sortOrder)
    .forEach((c, i) => {
      const weight = Math.round(c.tasks.reduce((s, t) => s + t.weight, 0) * 100) / 100;
      rows.push({
        kind: 'category',
        key: `c:${c.id}`,
        id: c.id,
        heading: `${chineseNumeral(i + 1)}、${c.name}`,
        taskCount: c.tasks.length,
        weight,
      });
      for (const t of c.tasks)
        rows.push({ kind: 'task', key: t.id, task: t, categoryName: c.name });
    });
  return rows;
}

/** 省级、市级、县级 in hierarchy order. */
export function levelsLabel(levels: readonly OrgLevel[]): string[] {
  const order: OrgLevel[] = ['NATIONAL', 'PROVINCE', 'CITY', 'COUNTY'];
  return [...levels].sort((a, b) => order.indexOf(a) - order.indexOf(b)).map(orgLevelLabel);
}

/** Levels that issue annual plans (the province, or a national root). */
export function isIssuerLevel(level: OrgLevel): boolean {
  return level === 'PROVINCE' || level === 'NATIONAL';
}

/** An administrator of the issuing organisation may edit, import and publish. */
export function canManagePlan(
  plan: { organizationId: string },
  user: { roles: readonly Role[]; organization: { id: string } },
): boolean {
  return user.roles.includes('ADMIN') && plan.organizationId === user.organization.id;
}

/** The export endpoint allows administrators and leaders. */
export function canExportPlan(roles: readonly Role[]): boolean {
  return roles.includes('ADMIN') || roles.includes('LEADER');
}

/** The default title of a new plan: 2026年全省审计机关政务公开重点工作任务分工. */
export function defaultPlanTitle(year: number, level: OrgLevel): string {
  return `${year}年${level === 'NATIONAL' ? '全国' : '全省'}审计机关政务公开重点工作任务分工`;
}
