/**
 * Export of a plan to Excel: the checklist (re-importable with `parseChecklistWorkbook`) and one
 * row per assignment with its latest quarterly status.
 */
import {
  COMPLETION_STATE_LABEL,
  CompletionState,
  formatDeadlineZh,
  formatQuarterZh,
  ORG_LEVEL_LABEL,
  ORG_LEVEL_ORDER,
  REPORT_STATUS_LABEL,
  type OrgLevel,
  type Quarter,
  type ReportDisplayStatus,
  type ValidDeadline,
} from '@sunshine/shared/domain';
import { Workbook, type Worksheet } from 'exceljs';
import { CHECKLIST_COLUMNS, type ColumnKey } from './columns';
import type { ChecklistTarget } from './types';
import { formatTarget } from './values';
import {
  addTitleRow,
  freezeHeader,
  stampWorkbook,
  styleBodyRow,
  styleHeaderRow,
  toBuffer,
} from './workbook-style';

export type PlanExportStatus = 'DRAFT' | 'PUBLISHED' | 'CLOSED';

export const PLAN_STATUS_LABEL: Record<PlanExportStatus, string> = {
  DRAFT: '草稿',
  PUBLISHED: '已发布',
  CLOSED: '已关闭',
};

export interface PlanExportTask {
  number: string;
  title: string;
  description: string;
  leadDepartments: readonly string[];
  cooperatingDepartments: readonly string[];
  deadline: ValidDeadline;
  /** The deadline as written ('6月底前'); when absent it is formatted from `deadline`. */
  deadlineText?: string;
  levels: readonly OrgLevel[];
  weight: number;
  evidence: string;
  target: ChecklistTarget | null;
}

export interface PlanExportCategory {
  name: string;
  order: number;
  tasks: readonly PlanExportTask[];
}

export interface PlanExportLatestStatus {
  quarter: Quarter;
  completionState: CompletionState;
  /** 0–100. */
  percent: number;
  reportStatus: ReportDisplayStatus;
  /** Overdue or reported late. */
  late: boolean;
}

export interface PlanExportAssignment {
  taskNumber: string;
  organization: { code: string; name: string; level: OrgLevel };
  /** The most recent quarterly report, or null when none has been started. */
  latest: PlanExportLatestStatus | null;
}

export interface PlanExportInput {
  plan: { year: number; title: string; status: PlanExportStatus };
  categories: readonly PlanExportCategory[];
  assignments: readonly PlanExportAssignment[];
}

export const CHECKLIST_SHEET_NAME = '任务清单';
export const PROGRESS_SHEET_NAME = '任务分解及进展';

/** Header of the progress sheet, in column order. */
export const PROGRESS_COLUMNS: ReadonlyArray<{ header: string; width: number }> = [
  { header: '序号', width: 8 },
  { header: '工作任务', width: 34 },
  { header: '单位代码', width: 12 },
  { header: '单位名称', width: 24 },
  { header: '层级', width: 8 },
  { header: '最新季度', width: 18 },
  { header: '完成状态', width: 10 },
  { header: '完成进度', width: 10 },
  { header: '报送状态', width: 10 },
  { header: '是否逾期/迟报', width: 14 },
];

const NO_REPORT = '未填报';
const NOT_APPLICABLE = '—';
const LATE_FONT = { name: '宋体', size: 11, color: { argb: 'FFC00000' }, bold: true };

function levelsText(levels: readonly OrgLevel[]): string {
  return ORG_LEVEL_ORDER.filter((level) => levels.includes(level))
    .map((level) => ORG_LEVEL_LABEL[level])
    .join('、');
}

function taskCell(task: PlanExportTask, categoryName: string, key: ColumnKey) {
  switch (key) {
    case 'number':
      return task.number;
    case 'category':
      return categoryName;
    case 'title':
      return task.title;
    case 'description':
      return task.description;
    case 'lead':
      return task.leadDepartments.join('、');
    case 'cooperating':
      return task.cooperatingDepartments.join('、');
    case 'deadline':
      return task.deadlineText?.trim() || formatDeadlineZh(task.deadline);
    case 'levels':
      return levelsText(task.levels);
    case 'weight':
      return task.weight;
    case 'evidence':
      return task.evidence;
    case 'target':
      return task.target ? formatTarget(task.target) : '';
  }
}

function sortedCategories(input: PlanExportInput): PlanExportCategory[] {
  return [...input.categories].sort((a, b) => a.order - b.order);
}

function buildChecklistSheet(workbook: Workbook, input: PlanExportInput): void {
  const count = CHECKLIST_COLUMNS.length;
  const sheet = workbook.addWorksheet(CHECKLIST_SHEET_NAME);
  sheet.columns = CHECKLIST_COLUMNS.map((column) => ({ key: column.key, width: column.width }));
  sheet.getColumn(1).numFmt = '@';
  addTitleRow(sheet, 1, count, `${input.plan.title}（${PLAN_STATUS_LABEL[input.plan.status]}）`);
  const header = sheet.getRow(2);
  CHECKLIST_COLUMNS.forEach((column, index) => {
    header.getCell(index + 1).value = column.header;
  });
  styleHeaderRow(header, count);

  let rowNumber = 3;
  for (const category of sortedCategories(input)) {
    for (const task of category.tasks) {
      const row = sheet.getRow(rowNumber);
      CHECKLIST_COLUMNS.forEach((column, c) => {
        const value = taskCell(task, category.name, column.key);
        row.getCell(c + 1).value = value === '' ? null : value;
      });
      styleBodyRow(row, count);
      rowNumber += 1;
    }
  }
  // No merged category cells here: they would break Excel's filter on the category column.
  freezeHeader(sheet, 2, count, true);
}

function buildProgressSheet(workbook: Workbook, input: PlanExportInput): void {
  const count = PROGRESS_COLUMNS.length;
  const sheet: Worksheet = workbook.addWorksheet(PROGRESS_SHEET_NAME);
  sheet.columns = PROGRESS_COLUMNS.map((column) => ({ width: column.width }));
  sheet.getColumn(1).numFmt = '@';
  const header = sheet.getRow(1);
  PROGRESS_COLUMNS.forEach((column, index) => {
    header.getCell(index + 1).value = column.header;
  });
  styleHeaderRow(header, count);

  const taskOrder = new Map<string, { index: number; title: string }>();
  for (const category of sortedCategories(input)) {
    for (const task of category.tasks) {
      if (!taskOrder.has(task.number)) {
        taskOrder.set(task.number, { index: taskOrder.size, title: task.title });
      }
    }
  }
  const unknownTask = Number.MAX_SAFE_INTEGER;
  const assignments = [...input.assignments].sort(
    (a, b) =>
      (taskOrder.get(a.taskNumber)?.index ?? unknownTask) -
        (taskOrder.get(b.taskNumber)?.index ?? unknownTask) ||
      a.taskNumber.localeCompare(b.taskNumber) ||
      a.organization.code.localeCompare(b.organization.code),
  );

  assignments.forEach((assignment, index) => {
    const row = sheet.getRow(index + 2);
    const { organization, latest } = assignment;
    row.values = [
      assignment.taskNumber,
      taskOrder.get(assignment.taskNumber)?.title ?? '',
      organization.code,
      organization.name,
      ORG_LEVEL_LABEL[organization.level],
      latest ? formatQuarterZh(latest.quarter) : NOT_APPLICABLE,
      latest ? COMPLETION_STATE_LABEL[latest.completionState] : NO_REPORT,
      latest ? Math.min(100, Math.max(0, latest.percent)) / 100 : null,
      latest ? REPORT_STATUS_LABEL[latest.reportStatus] : NO_REPORT,
      latest ? (latest.late ? '是' : '否') : NOT_APPLICABLE,
    ];
    styleBodyRow(row, count);
    row.getCell(8).numFmt = '0%';
    if (latest?.late) row.getCell(10).font = LATE_FONT;
    if (latest?.completionState === CompletionState.BLOCKED) row.getCell(7).font = LATE_FONT;
  });
  freezeHeader(sheet, 1, count, true);
}

/** The plan as an .xlsx file: sheet 任务清单 and sheet 任务分解及进展. */
export async function buildPlanExport(plan: PlanExportInput): Promise<Buffer> {
  const workbook = new Workbook();
  stampWorkbook(workbook, plan.plan.title);
  buildChecklistSheet(workbook, plan);
  buildProgressSheet(workbook, plan);
  return toBuffer(workbook);
}
