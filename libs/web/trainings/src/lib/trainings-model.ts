import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type {
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { escapeHtml, formatDay, formatPercent, percentValue } from '@sunshine/web/ui';

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
>;

const FONT =
  "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif";
const COLORS = {
  coverage: '#1d4f91',
  hours: '#13a8a8',
  below: '#e39a3b',
  axis: 'rgba(0,0,0,0.45)',
  split: '#f0f0f0',
};

export const TRAINING_STATUS_TEXT: Record<string, { label: string; color: string }> = {
  PLANNED: { label: '计划中', color: 'processing' },
  HELD: { label: '已举办', color: 'success' },
  ARCHIVED: { label: '已归档', color: 'default' },
};

export function shortOrgName(name: string): string {
  return name.replace(/审计(局|厅|署)$/, '') || name;
}

/** 2025年6月10日 or 2025年6月10日—11日 / —7月2日 for several days. */
export function sessionDates(start: string, end: string): string {
  if (start === end) return formatDay(start);
  const [sy, sm] = start.split('-');
  const [ey, em, ed] = end.split('-');
  if (sy === ey && sm === em) return `${formatDay(start)}—${Number(ed)}日`;
  if (sy === ey) return `${formatDay(start)}—${Number(em)}月${Number(ed)}日`;
  return `${formatDay(start)}—${formatDay(end)}`;
}

export function formatHours(hours: number): string {
  return `${Number.isInteger(hours) ? hours : hours.toFixed(1)} 学时`;
}

export interface CoverageItem {
  id: string;
  name: string;
  bureaus: number;
  bureausTrained: number;
  trainees: number;
  personHours: number;
  coverageRate: number;
}

/** Subordinates by coverage, best first; ties by name for a stable order. */
export function rankByCoverage<T extends CoverageItem>(items: readonly T[]): T[] {
  return [...items].sort(
    (a, b) =>
      b.coverageRate - a.coverageRate ||
      b.personHours - a.personHours ||
      a.name.localeCompare(b.name, 'zh'),
  );
}

export function coverageChartHeight(count: number): number {
  return Math.max(240, count * 26 + 64);
}

/**
 * Horizontal bars: each subordinate's share of bureaus with someone trained (left axis, %), and
 * its person-hours (a second bar). Bars below the overall share are amber. Returns the ids in
 * drawn order for drill-down clicks.
 */
export function coverageChartOption(
  items: readonly CoverageItem[],
  overallRate: number,
): { option: ChartOption; ids: string[] } {
  const ranked = rankByCoverage(items);
  const overall = percentValue(overallRate);
  const option: ChartOption = {
    textStyle: { fontFamily: FONT },
    animationDuration: 300,
    legend: { top: 0, right: 8, data: ['覆盖率', '人次学时'] },
    grid: { left: 8, right: 48, top: 32, bottom: 4, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const first = (Array.isArray(params) ? params[0] : params) as { dataIndex: number };
        const item = ranked[first.dataIndex];
        if (!item) return '';
        return [
          `<strong>${escapeHtml(item.name)}</strong>`,
          `覆盖率：${escapeHtml(formatPercent(item.coverageRate))}（${item.bureausTrained}/${item.bureaus} 个单位）`,
          `参训人数：${item.trainees} 人`,
          `人次学时：${item.personHours}`,
        ].join('<br/>');
      },
    },
    xAxis: [
      {
        type: 'value',
        min: 0,
        max: 100,
        position: 'bottom',
        axisLabel: { formatter: '{value}%', color: COLORS.axis },
        splitLine: { lineStyle: { color: COLORS.split } },
      },
      { type: 'value', position: 'top', show: false },
    ],
    yAxis: {
      type: 'category',
      inverse: true,
      data: ranked.map((r) => shortOrgName(r.name)),
      axisTick: { show: false },
      axisLabel: { color: 'rgba(0,0,0,0.75)' },
    },
    series: [
      {
        type: 'bar',
        name: '覆盖率',
        xAxisIndex: 0,
        barMaxWidth: 10,
        cursor: 'pointer',
        data: ranked.map((r) => ({
          value: percentValue(r.coverageRate),
          itemStyle: {
            color: percentValue(r.coverageRate) < overall ? COLORS.below : COLORS.coverage,
          },
        })),
        label: {
          show: true,
          position: 'right',
          formatter: '{c}%',
          fontSize: 11,
          color: COLORS.axis,
        },
      },
      {
        type: 'bar',
        name: '人次学时',
        xAxisIndex: 1,
        barMaxWidth: 6,
        itemStyle: { color: COLORS.hours, opacity: 0.55 },
        data: ranked.map((r) => r.personHours),
      },
    ],
  };
  return { option, ids: ranked.map((r) => r.id) };
}

/** The requirement as a sentence: 县级：至少 1 人参加省级培训，全年累计不少于 8 学时. */
export function requirementText(r: {
  level: string;
  minProvinceAttendees: number;
  minHours: number;
}): string {
  const level = r.level === 'CITY' ? '市级' : r.level === 'COUNTY' ? '县级' : r.level;
  const parts: string[] = [];
  if (r.minProvinceAttendees > 0) parts.push(`至少 ${r.minProvinceAttendees} 人参加省级培训`);
  if (r.minHours > 0) parts.push(`全年累计不少于 ${r.minHours} 学时`);
  return `${level}：${parts.join('，') || '无要求'}`;
}

export interface SessionFormValues {
  title: string;
  organiserName?: string;
  dates: [string, string];
  place?: string;
  online?: boolean;
  hours: number;
  topics?: string;
  lecturers?: string;
  audienceLevels?: string[];
  audienceRoles?: string[];
  invitedOrganizationIds?: string[];
  capacity?: number;
  registrationDeadline?: string;
}

const splitList = (text: string | undefined): string[] =>
  (text ?? '')
    .split(/[\n；;、，,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** The create/update input from the form: 专题 and 授课人 (姓名 职务 单位 per line) as text. */
export function sessionInput(v: SessionFormValues): Record<string, unknown> {
  return {
    title: v.title,
    organiserName: v.organiserName?.trim() || undefined,
    startDate: v.dates[0],
    endDate: v.dates[1],
    place: v.place ?? '',
    online: v.online ?? false,
    hours: v.hours,
    topics: splitList(v.topics),
    lecturers: (v.lecturers ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .map((line) => {
        const [name = '', title = '', ...org] = line.split(/\s+/);
        return { name, title, organization: org.join(' ') };
      }),
    audienceLevels: v.audienceLevels ?? [],
    audienceRoles: v.audienceRoles ?? [],
    invitedOrganizationIds: v.invitedOrganizationIds ?? [],
    capacity: v.capacity ?? undefined,
    registrationDeadline: v.registrationDeadline || undefined,
  };
}

export interface OrgNode {
  value: string;
  title: string;
  children: OrgNode[];
}

/** The organisations below `parent` as a tree for TreeSelect, in code order. */
export function orgTree(
  organizations: ReadonlyArray<{
    id: string;
    code: string;
    name: string;
    parentId?: string | null;
  }>,
  parent: string,
): OrgNode[] {
  return organizations
    .filter((o) => o.parentId === parent)
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((o) => ({ value: o.id, title: o.name, children: orgTree(organizations, o.id) }));
}

/** What an update needs of a loaded session, with some fields changed (status, invitations …). */
export interface LoadedSession {
  id: string;
  version: number;
  status: string;
  title: string;
  organiserName?: string | null;
  startDate: string;
  endDate: string;
  place: string;
  online: boolean;
  hours: number;
  topics: string[];
  lecturers: Array<{ name: string; title: string; organization: string }>;
  audienceLevels: string[];
  audienceRoles: string[];
  invited: Array<{ id: string }>;
  capacity?: number | null;
  registrationDeadline?: string | null;
}

export function updateInputOf(
  s: LoadedSession,
  patch: { status?: string; invitedOrganizationIds?: string[] } = {},
): Record<string, unknown> {
  return {
    id: s.id,
    version: s.version,
    status: patch.status ?? s.status,
    title: s.title,
    organiserName: s.organiserName,
    startDate: s.startDate,
    endDate: s.endDate,
    place: s.place,
    online: s.online,
    hours: s.hours,
    topics: s.topics,
    lecturers: s.lecturers.map((l) => ({
      name: l.name,
      title: l.title,
      organization: l.organization,
    })),
    audienceLevels: s.audienceLevels,
    audienceRoles: s.audienceRoles,
    invitedOrganizationIds: patch.invitedOrganizationIds ?? s.invited.map((o) => o.id),
    capacity: s.capacity,
    registrationDeadline: s.registrationDeadline,
  };
}

/** 12.5 KB, 3.4 MB … for a file size. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export const QUARTER_OPTIONS = [
  { value: 0, label: '全年' },
  { value: 1, label: '第一季度' },
  { value: 2, label: '第二季度' },
  { value: 3, label: '第三季度' },
  { value: 4, label: '第四季度' },
];

/** 2025年度 / 2025年第二季度 */
export function periodText(year: number, quarter: number | null): string {
  return quarter ? `${year}年第${'一二三四'[quarter - 1]}季度` : `${year}年度`;
}

/** The coverage table export for the year, quarter and organisation shown. */
export function coverageExportPath(
  year: number,
  quarter: number | null,
  organizationId: string | null,
): string {
  const q = new URLSearchParams({ year: String(year) });
  if (quarter) q.set('quarter', String(quarter));
  if (organizationId) q.set('organizationId', organizationId);
  return `/files/trainings/coverage.xlsx?${q.toString()}`;
}

/** The sessions that started in the quarter (all of them for the whole year). */
export function inQuarter<T extends { startDate: string }>(
  sessions: readonly T[],
  quarter: number | null,
): T[] {
  if (!quarter) return [...sessions];
  return sessions.filter((s) => Math.ceil(Number(s.startDate.slice(5, 7)) / 3) === quarter);
}
